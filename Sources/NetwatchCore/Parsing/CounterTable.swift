/// `/proc/net/snmp` and `/proc/net/netstat`: pairs of lines per prefix, names then values
/// (docs/KERNEL.md §5). Names are zipped with values; positions are never assumed.
public enum CounterTable {
    /// Returns `name → value` for one prefix (`Tcp:` or `TcpExt:`).
    ///
    /// - Throws: `ParseError` when the prefix is absent, a line pair is unequal in length, or a
    ///   value is not a number.
    public static func parse(_ text: String, prefix: String) throws(ParseError) -> [String: Int64] {
        // Works on the UTF-8 bytes: net/snmp and net/netstat are read every tick, and splitting
        // them by characters cost about 5% of the dashboard's CPU.
        let space = UInt8(ascii: " ")
        let key = prefix.utf8
        let lines = text.utf8.split(separator: UInt8(ascii: "\n")).filter {
            $0.starts(with: key) && ($0.count == key.count || $0.dropFirst(key.count).first == space)
        }
        guard lines.count >= 2 else { throw ParseError("no '\(prefix)' name/value line pair", input: String(text.prefix(80))) }
        let names = lines[0].split(separator: space).dropFirst()
        let values = lines[1].split(separator: space).dropFirst()
        guard names.count == values.count else {
            throw ParseError("'\(prefix)' has \(names.count) names but \(values.count) values", input: String(decoding: lines[1], as: UTF8.self))
        }
        var table = [String: Int64](minimumCapacity: names.count)
        for (name, value) in zip(names, values) {
            let name = String(decoding: name, as: UTF8.self), value = String(decoding: value, as: UTF8.self)
            guard let v = Int64(value) else { throw ParseError("'\(prefix) \(name)' is not a number", input: value) }
            table[name] = v
        }
        return table
    }
}
