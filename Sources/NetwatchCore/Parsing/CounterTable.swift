/// `/proc/net/snmp` and `/proc/net/netstat`: pairs of lines per prefix, names then values
/// (docs/KERNEL.md §5). Names are zipped with values; positions are never assumed.
public enum CounterTable {
    /// Returns `name → value` for one prefix (`Tcp:` or `TcpExt:`).
    ///
    /// - Throws: `ParseError` when the prefix is absent, a line pair is unequal in length, or a
    ///   value is not a number.
    public static func parse(_ text: String, prefix: String) throws(ParseError) -> [String: Int64] {
        let lines = text.split(separator: "\n").filter { $0.hasPrefix(prefix + " ") || $0 == prefix }
        guard lines.count >= 2 else { throw ParseError("no '\(prefix)' name/value line pair", input: String(text.prefix(80))) }
        let names = lines[0].split(separator: " ").dropFirst()
        let values = lines[1].split(separator: " ").dropFirst()
        guard names.count == values.count else {
            throw ParseError("'\(prefix)' has \(names.count) names but \(values.count) values", input: String(lines[1]))
        }
        var table = [String: Int64]()
        for (name, value) in zip(names, values) {
            guard let v = Int64(value) else { throw ParseError("'\(prefix) \(name)' is not a number", input: String(value)) }
            table[String(name)] = v
        }
        return table
    }
}
