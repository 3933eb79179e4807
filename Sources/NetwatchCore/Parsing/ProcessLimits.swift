/// The `Max open files` line of `/proc/PID/limits` (docs/KERNEL.md §7).
public struct OpenFileLimit: Equatable, Sendable {
    /// `nil` means unlimited.
    public var soft: Int64?
    public var hard: Int64?

    public init(soft: Int64?, hard: Int64?) {
        self.soft = soft
        self.hard = hard
    }

    /// Finds `Max open files  SOFT  HARD  files` (each `N` or `unlimited`).
    public static func parse(_ text: String) throws(ParseError) -> OpenFileLimit {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("Max open files") }) else {
            throw ParseError("no 'Max open files' line", input: String(text.prefix(80)))
        }
        let fields = line.dropFirst("Max open files".count).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard fields.count >= 2 else { throw ParseError("'Max open files' lacks soft and hard values", input: String(line)) }
        func value(_ field: Substring) throws(ParseError) -> Int64? {
            if field == "unlimited" { return nil }
            guard let v = Int64(field), v >= 0 else { throw ParseError("'Max open files' value is not a number", input: String(line)) }
            return v
        }
        return OpenFileLimit(soft: try value(fields[0]), hard: try value(fields[1]))
    }
}
