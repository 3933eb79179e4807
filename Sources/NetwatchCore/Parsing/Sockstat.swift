/// The TCP lines of `/proc/net/sockstat` and `/proc/net/sockstat6` (docs/KERNEL.md §6).
///
/// `inuse` counts IPv4 only (`inuse6` is IPv6 from sockstat6); `tw` counts both families;
/// `inuse` and `tw` are per namespace, `orphan`, `alloc` and `mem` (pages) are host-wide.
public struct Sockstat: Equatable, Sendable {
    public var inuse: Int?
    public var orphan: Int?
    public var tw: Int?
    public var alloc: Int?
    /// Pages of memory used by TCP, host-wide.
    public var mem: Int?
    public var inuse6: Int?

    public init(inuse: Int? = nil, orphan: Int? = nil, tw: Int? = nil, alloc: Int? = nil, mem: Int? = nil, inuse6: Int? = nil) {
        self.inuse = inuse; self.orphan = orphan; self.tw = tw; self.alloc = alloc; self.mem = mem; self.inuse6 = inuse6
    }

    /// Parses `sockstat`; malformed or missing `TCP:` → `ParseError`.
    public static func parse(_ text: String) throws(ParseError) -> Sockstat {
        let tcp = try keyValues(text, prefix: "TCP:")
        return Sockstat(inuse: tcp["inuse"], orphan: tcp["orphan"], tw: tcp["tw"], alloc: tcp["alloc"], mem: tcp["mem"])
    }

    /// Parses `sockstat6` and returns its `TCP6: inuse` count.
    public static func parseInuse6(_ text: String) throws(ParseError) -> Int {
        guard let inuse = try keyValues(text, prefix: "TCP6:")["inuse"] else {
            throw ParseError("no 'inuse' in TCP6 line", input: text)
        }
        return inuse
    }

    /// `PREFIX: key N key N …` → `[key: N]`.
    static func keyValues(_ text: String, prefix: String) throws(ParseError) -> [String: Int] {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(prefix) }) else {
            throw ParseError("no '\(prefix)' line", input: text)
        }
        let words = line.dropFirst(prefix.count).split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard words.count % 2 == 0 else { throw ParseError("odd number of fields", input: String(line)) }
        var values = [String: Int]()
        for i in stride(from: 0, to: words.count, by: 2) {
            guard let v = Int(words[i + 1]) else { throw ParseError("'\(words[i])' is not followed by a number", input: String(line)) }
            values[String(words[i])] = v
        }
        return values
    }
}
