import ArgumentParser
import NetwatchCore

/// `netwatch`: the root command.
struct Netwatch: ParsableCommand {
    /// The release number; `--version` prints it with the git revision of the build.
    static let version = "0.5.0"

    static let configuration = CommandConfiguration(
        commandName: "netwatch",
        abstract: "Live view of TCP connection storms: states, TIME_WAIT, ephemeral ports, fds, listeners.",
        version: "netwatch \(version) (git \(gitRevision))",
        subcommands: [TopCommand.self, SnapshotCommand.self, RecordCommand.self, ReplayCommand.self, DemoCommand.self,
                      DemoWorkerCommand.self],
        defaultSubcommand: TopCommand.self
    )

    /// Refuses `netwatch help NAME` when NAME is no command (the parser would print the general
    /// help and exit 0, as if it had been answered).
    static func checkHelpTopic(_ arguments: [String]) throws {
        guard arguments.count > 2, arguments[1] == "help" else { return }
        let commands = configuration.subcommands.filter { $0.configuration.shouldDisplay }.compactMap { $0.configuration.commandName }
        let topic = arguments[2]
        guard !commands.contains(topic), topic != "help", !topic.hasPrefix("-") else { return }
        throw ValidationError("help: no command '\(QuotedInput.prefix(topic))' (commands: \(commands.joined(separator: ", ")))")
    }
}
