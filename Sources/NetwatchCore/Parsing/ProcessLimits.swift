/// The `Max open files` line of `/proc/PID/limits` (docs/KERNEL.md §7).
public struct OpenFileLimit: Equatable, Sendable {
    /// `nil` means unlimited.
    public var soft: Int64?
    public var hard: Int64?

    public init(soft: Int64?, hard: Int64?) {
        self.soft = soft
        self.hard = hard
    }

    /// Finds `Max open files  SOFT  HARD  files` (each `N` or `unlimited`). Works on the UTF-8
    /// bytes: it runs for every process every 10 s, and splitting by characters cost a tenth of
    /// the dashboard's CPU.
    public static func parse(_ text: String) throws(ParseError) -> OpenFileLimit {
        let key = "Max open files".utf8
        guard let line = text.utf8.split(separator: UInt8(ascii: "\n")).first(where: { $0.starts(with: key) }) else {
            throw ParseError("no 'Max open files' line", input: String(text.prefix(80)))
        }
        let fields = line.dropFirst(key.count).split(whereSeparator: { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") })
        guard fields.count >= 2 else { throw ParseError("'Max open files' lacks soft and hard values", input: String(Substring(line))) }
        func value(_ bytes: Substring.UTF8View) throws(ParseError) -> Int64? {
            let field = Substring(bytes)
            if field == "unlimited" { return nil }
            guard let v = Int64(field), v >= 0 else { throw ParseError("'Max open files' value is not a number", input: String(Substring(line))) }
            return v
        }
        return OpenFileLimit(soft: try value(fields[0]), hard: try value(fields[1]))
    }
}
