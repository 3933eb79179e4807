/// `conntrack -L` output parsed for comparison (tests only; netwatch never runs `conntrack`).
/// A line: `tcp 6 117 TIME_WAIT src=… dst=… sport=… dport=… src=… dst=… sport=… dport=… [ASSURED] mark=0 use=1`;
/// the first `src`/`dst`/`dport` are the original direction, the second the reply.
public struct ConntrackOracle {
    public var entries = 0
    /// TCP entries per state name (`TIME_WAIT`, …).
    public var byState: [String: Int] = [:]
    /// Entries per original destination, `PROTO ADDRESS PORT` (port 0 without ports).
    public var destinations: [String: Int] = [:]
    /// Per original destination, the reply direction's destination when it differs from the
    /// original source (SNAT), with its entries.
    public var sourceNAT: [String: [String: Int]] = [:]

    public init(_ text: String) {
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count > 3, let number = Int(fields[1]) else { continue }
            entries += 1
            if number == 6, !fields[3].contains("=") { byState[String(fields[3]), default: 0] += 1 }
            var values = [String: [String]]()
            for field in fields where field.contains("=") {
                let pair = field.split(separator: "=", maxSplits: 1)
                values[String(pair[0]), default: []].append(pair.count > 1 ? String(pair[1]) : "")
            }
            let key = "\(number) \(values["dst"]?.first ?? "?") \(values["dport"]?.first ?? "0")"
            destinations[key, default: 0] += 1
            if let sources = values["src"], let replyTo = values["dst"], sources.count == 2, replyTo.count == 2, replyTo[1] != sources[0] {
                sourceNAT[key, default: [:]][replyTo[1], default: 0] += 1
            }
        }
    }
}
