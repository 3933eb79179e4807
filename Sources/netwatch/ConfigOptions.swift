import ArgumentParser
import FoundationEssentials
import NetwatchCore
import NetwatchLinux

/// `--config PATH`, shared by top, snapshot and record.
struct ConfigOptions: ParsableArguments {
    @Option(name: .customLong("config"),
            help: ArgumentHelp("Settings file (default $XDG_CONFIG_HOME/netwatch/config.toml, else ~/.config/netwatch/config.toml).",
                               valueName: "PATH"))
    var path: String?

    /// The config in force; a bad file stops netwatch with one line naming it, exit status 2.
    func load() throws -> NetwatchConfig {
        do {
            return try ConfigFile.load(option: path, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw DashboardExit(status: 2, message: "\(error)")
        }
    }
}
