/// Why a theme could not be used, naming the file, the line and the key when known:
/// `themes/bad.toml:7: key 'warnng': unknown colour role`.
public struct ConfigFileError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file path, or the theme name when no file was found.
    public let source: String
    /// 1-based line number in `source`.
    public let line: Int?
    /// The key the problem is about.
    public let key: String?
    public let reason: String

    public init(source: String, line: Int? = nil, key: String? = nil, reason: String) {
        self.source = source
        self.line = line
        self.key = key
        self.reason = reason
    }

    public var description: String {
        var text = source
        if let line { text += ":\(line)" }
        text += ": "
        if let key { text += "key '\(key)': " }
        return text + reason
    }
}
