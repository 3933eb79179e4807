import NetwatchCommandLine
import NetwatchCore
import NetwatchLinux

/// `--config PATH`, shared by top, snapshot, record, replay and demo.
struct ConfigOptions {
    static let path = ArgumentSpec.option(
        "config", valueName: "PATH", completion: .file,
        help: "Settings file (default $XDG_CONFIG_HOME/netwatch/config.toml, else ~/.config/netwatch/config.toml).")
    static let arguments = [path]

    var path: String?

    init(_ arguments: ParsedArguments) {
        path = arguments.text(Self.path)
    }

    /// The config in force; a bad file stops netwatch with one line naming it, exit status 2.
    func load() throws -> NetwatchConfig {
        do {
            return try ConfigFile.load(option: path, environment: ProcessEnvironment.current())
        } catch {
            throw DashboardExit(status: 2, message: "\(error)")
        }
    }
}
