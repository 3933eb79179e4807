import ArgumentParser
import NetwatchCore

/// `netwatch`: the root command.
struct Netwatch: ParsableCommand {
    /// The release number; `--version` prints it with the git revision of the build.
    static let version = "0.5.0"

    static let configuration = CommandConfiguration(
        commandName: "netwatch",
        abstract: "Live view of TCP connection storms: states, TIME_WAIT, ephemeral ports, fds, listeners.",
        discussion: dashboardOptions(),
        version: "netwatch \(version) (git \(gitRevision))",
        subcommands: [TopCommand.self, SnapshotCommand.self, RecordCommand.self, ReplayCommand.self, DemoCommand.self, ServeCommand.self,
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

    /// The dashboard's options for the root `--help`: `netwatch` alone runs the dashboard, so
    /// its options are the root's too. Taken from `netwatch top --help` (its OPTIONS section,
    /// without `--help`), so the two never differ.
    static func dashboardOptions() -> String {
        let help = TopCommand.helpMessage(columns: 80)
        guard let start = help.firstRange(of: "OPTIONS:\n") else { return "" }
        let options = help[start.upperBound...].split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("-h, --help") }
        return "DASHBOARD OPTIONS (netwatch [options], netwatch top [options]):\n"
            + options.joined(separator: "\n").trimming(while: \.isNewline)
    }
}
