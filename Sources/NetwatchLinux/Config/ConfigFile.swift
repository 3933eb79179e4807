import Foundation
import NetwatchCore

/// Finds and reads the config file: `--config PATH`, else `$XDG_CONFIG_HOME/netwatch/config.toml`
/// (`~/.config/netwatch/config.toml` when XDG_CONFIG_HOME is unset or empty).
public enum ConfigFile {
    /// The default location for an environment; `nil` when neither XDG_CONFIG_HOME nor HOME is set.
    public static func defaultPath(environment: [String: String]) -> String? {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty { return xdg + "/netwatch/config.toml" }
        guard let home = environment["HOME"], !home.isEmpty else { return nil }
        return home + "/.config/netwatch/config.toml"
    }

    /// The config in force. A file given with `--config` must exist; the default file may be
    /// absent (the defaults apply), but when present it must be valid.
    public static func load(option: String?, environment: [String: String]) throws(ConfigFileError) -> NetwatchConfig {
        guard let path = option ?? defaultPath(environment: environment) else { return NetwatchConfig() }
        guard FileManager.default.fileExists(atPath: path) else {
            if option == nil { return NetwatchConfig() }
            throw ConfigFileError(source: path, reason: "no such file")
        }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw ConfigFileError(source: path, reason: "cannot read the file: \(error.localizedDescription)")
        }
        return try NetwatchConfig.parse(text, source: path)
    }
}
