import Glibc
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
        if option?.isEmpty == true { throw ConfigFileError(source: "--config", reason: "expected a file path, not an empty string") }
        guard let text = try read(path, absentWhenHidden: option == nil) else {
            if option == nil { return NetwatchConfig() }
            throw ConfigFileError(source: path, reason: "no such file")
        }
        return try NetwatchConfig.parse(text, source: path)
    }

    /// The text of the file at `path` by the rules of ``SettingsText``; `nil` when there is none
    /// or, with `absentWhenHidden`, when a directory on the way cannot be searched (another
    /// user's HOME under sudo).
    static func read(_ path: String, absentWhenHidden: Bool) throws(ConfigFileError) -> String? {
        var info = stat()
        if stat(path, &info) != 0 && (errno == ENOENT || absentWhenHidden) { return nil }
        // O_NONBLOCK: opening a FIFO must not wait for a writer (it is refused below).
        let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { return nil }
            throw ConfigFileError(source: path, reason: "cannot read the file: \(String(cString: strerror(errno)))")
        }
        defer { close(fd) }
        fstat(fd, &info)
        if let refusal = SettingsText.refusal(mode: info.st_mode) { throw ConfigFileError(source: path, reason: "cannot read the file: \(refusal)") }
        do {
            return try SettingsText.collect { Glibc.read(fd, $0.baseAddress, $0.count) }
        } catch {
            throw ConfigFileError(source: path, reason: "cannot read the file: \(error.reason)")
        }
    }
}
