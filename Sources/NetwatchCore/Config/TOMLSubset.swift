/// The small part of TOML that theme and config files use, read without a dependency.
///
/// Supported, one item per line: `# comments` (also after an item), blank lines, `[table]`
/// headers with a bare name, and `key = value` pairs where the key is bare (`A-Z a-z 0-9 _ -`) and
/// the value is a basic string (`"…"` with `\"`, `\\`, `\t`, `\n` escapes), `true`/`false`, a
/// decimal number (`0.7`, `100`, `-1`, `1e3`; `_` between digits), or an inline table on one line
/// (`{ fg = "#ff0000", bold = true }`) holding strings, booleans and numbers.
/// Not supported: quoted or dotted keys, hex/octal numbers, inf/nan, dates, arrays, multi-line
/// values, nested tables.
/// A key defined twice in one table, or a table defined twice, is an error.
public struct TOMLSubset {
    public indirect enum Value: Sendable {
        case string(String)
        case bool(Bool)
        /// Any decimal number; integers are exact up to 2^53.
        case number(Double)
        case inlineTable([(key: String, value: Value)])
    }

    /// One `key = value` pair, with the table it belongs to (`nil` before the first header).
    public struct Entry: Sendable {
        public let line: Int
        public let table: String?
        public let key: String
        public let value: Value
    }

    /// Reads every pair of `text`.
    /// - Parameters:
    ///   - source: the file name, for errors.
    ///   - tables: the table names allowed; any other header is an error.
    public static func parse(_ text: String, source: String, tables: Set<String>) throws(ConfigFileError) -> [Entry] {
        var entries = [Entry]()
        var table: String?
        var seenTables = Set<String>()
        var firstLine = [String: Int]()
        for (index, raw) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            var scanner = LineScanner(String(raw), source: source, line: index + 1)
            if scanner.atEndOrComment() { continue }
            if scanner.peek == "[" {
                let name = try scanner.tableHeader()
                guard tables.contains(name) else {
                    throw scanner.error("unknown table [\(name)] (expected \(tables.sorted().map { "[\($0)]" }.joined(separator: ", ")))")
                }
                guard seenTables.insert(name).inserted else { throw scanner.error("table [\(name)] is defined twice") }
                table = name
                continue
            }
            let (key, value) = try scanner.pair()
            let qualified = (table.map { $0 + "." } ?? "") + key
            if let first = firstLine[qualified] {
                throw scanner.error("defined twice (first on line \(first))", key: key)
            }
            firstLine[qualified] = index + 1
            entries.append(Entry(line: index + 1, table: table, key: key, value: value))
        }
        return entries
    }
}
