import ArgumentParser

/// `netwatch`: the root command.
struct Netwatch: ParsableCommand {
    /// The release number; `--version` prints it with the git revision of the build.
    static let version = "0.5.0"

    static let configuration = CommandConfiguration(
        commandName: "netwatch",
        abstract: "Live view of TCP connection storms: states, TIME_WAIT, ephemeral ports, fds, listeners.",
        version: "netwatch \(version) (git \(gitRevision))",
        subcommands: [TopCommand.self, SnapshotCommand.self, RecordCommand.self, ReplayCommand.self, DemoCommand.self, ServeCommand.self,
                      DemoWorkerCommand.self],
        defaultSubcommand: TopCommand.self
    )
}
