import ArgumentParser

/// `netwatch`: the root command.
struct Netwatch: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netwatch",
        abstract: "Live view of TCP connection storms: states, TIME_WAIT, ephemeral ports, fds, listeners.",
        subcommands: [TopCommand.self, SnapshotCommand.self, RecordCommand.self, ReplayCommand.self, DemoCommand.self,
                      DemoWorkerCommand.self],
        defaultSubcommand: TopCommand.self
    )
}
