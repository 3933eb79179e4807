import NetwatchCommandLine

/// `netwatch`: its commands, and the one that runs when none is named.
enum Netwatch {
    /// The release number; `--version` prints it with the git revision of the build.
    static let version = "0.5.0"

    /// Every command, in the order `--help` lists them (`demo-worker` is hidden).
    static let commands: [any NetwatchCommand.Type] = [
        TopCommand.self, SnapshotCommand.self, RecordCommand.self, ReplayCommand.self, DemoCommand.self, ServeCommand.self,
        DemoWorkerCommand.self,
    ]

    static let program = Program(
        name: "netwatch",
        abstract: "Live view of TCP connection storms: states, TIME_WAIT, ephemeral ports, fds, listeners.",
        version: "netwatch \(version) (git \(gitRevision))",
        commands: commands.map { $0.spec },
        defaultCommand: TopCommand.spec,
        // `netwatch` alone runs the dashboard, so the root help lists its options as the root's.
        defaultOptionsHeading: "DASHBOARD OPTIONS (netwatch [options], netwatch top [options]):"
    )

    /// Builds the command `arguments` are for (checking their values) and runs it.
    static func run(_ arguments: ParsedArguments) throws {
        for command in commands where command.spec.name == arguments.command {
            try command.init(arguments).run()
        }
    }
}

/// One of netwatch's commands: its description for the parser and `--help`, and how it is built
/// from the values given.
protocol NetwatchCommand: Sendable {
    static var spec: CommandSpec { get }
    /// Reads the values and checks them; a bad one throws a ``UsageError`` (exit status 2).
    init(_ arguments: ParsedArguments) throws
    func run() throws
}

/// Ends netwatch with this status and nothing more to say (the dashboard ended by a signal).
struct ExitStatus: Error {
    let code: Int32
}
