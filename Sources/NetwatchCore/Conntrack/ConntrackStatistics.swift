/// `/proc/net/stat/nf_conntrack`: a header line of counter names, then one row per possible CPU
/// of hexadecimal values (docs/KERNEL.md §9). Columns are found by name, never by position.
public enum ConntrackStatistics {
    /// The counters netwatch shows as per-second rates, as the header names them.
    public static let rated = ["insert_failed", "drop", "early_drop", "search_restart"]

    /// Returns `name → value`: every per-CPU counter summed over the rows, except `entries`,
    /// which is the namespace's entry count printed on every row (taken once).
    ///
    /// - Throws: `ParseError` quoting the header when it names no columns, or the row when it has
    ///   a different number of fields than the header or a field that is not hexadecimal.
    public static func parse(_ text: String) throws(ParseError) -> [String: Int64] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard let header = lines.first else { throw ParseError("no header line", input: text) }
        let names = header.split(separator: " ").map(String.init)
        guard !names.isEmpty, names.allSatisfy({ $0.first?.isLetter == true }) else {
            throw ParseError("header does not name the columns", input: String(header))
        }
        guard lines.count >= 2 else { throw ParseError("no per-CPU rows", input: String(header)) }
        var totals = [String: Int64]()
        for line in lines.dropFirst() {
            let fields = line.split(separator: " ")
            guard fields.count == names.count else {
                throw ParseError("row has \(fields.count) fields but the header names \(names.count)", input: String(line))
            }
            for (name, field) in zip(names, fields) {
                guard let value = Int64(field, radix: 16) else {
                    throw ParseError("'\(name)' is not hexadecimal", input: String(line))
                }
                if name == "entries" { totals[name] = value } else { totals[name, default: 0] += value }
            }
        }
        return totals
    }
}
