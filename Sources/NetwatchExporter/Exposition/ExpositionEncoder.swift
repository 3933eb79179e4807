/// Writes metric families in the Prometheus 0.0.4 text format or in OpenMetrics 1.0.0.
///
/// Our own encoder rather than swift-prometheus (swift-server/swift-prometheus 2.4.1), because
/// that library serves a process instrumenting itself and does not fit an exporter of a snapshot:
/// its registry is a long-lived store of atomic handles that can only be added to (our series
/// are replaced wholesale each scrape as the top-N destinations, processes and listeners change),
/// it writes families in dictionary order (different on every run, so the output cannot be
/// compared byte for byte or diffed between textfile-collector runs), it has no OpenMetrics
/// output (`# EOF`, counter families without `_total`, `# UNIT`), and it stops the process with
/// `fatalError` on a help-text or type clash. The formats themselves are small: this file is all
/// of it, checked against `promtool check metrics` in the tests.
public enum ExpositionEncoder {
    public static func encode(_ families: [MetricFamily], format: ExpositionFormat) -> String {
        var out = ""
        out.reserveCapacity(families.reduce(0) { $0 + 120 + $1.samples.count * 80 })
        for family in families where !family.samples.isEmpty {
            switch format {
            case .prometheusText:
                out += "# HELP \(family.sampleName) \(escape(family.help, quotes: false))\n"
                out += "# TYPE \(family.sampleName) \(family.kind.rawValue)\n"
            case .openMetrics:
                out += "# TYPE \(family.name) \(family.kind.rawValue)\n"
                if let unit = family.unit { out += "# UNIT \(family.name) \(unit)\n" }
                out += "# HELP \(family.name) \(escape(family.help, quotes: true))\n"
            }
            for sample in family.samples {
                out += family.sampleName
                if !sample.labels.isEmpty {
                    out += "{"
                    out += sample.labels.map { "\($0.name)=\"\(escape($0.value, quotes: true))\"" }.joined(separator: ",")
                    out += "}"
                }
                out += " " + text(sample.value) + "\n"
            }
        }
        if format == .openMetrics { out += "# EOF\n" }
        return out
    }

    /// Integers as digits; reals in Swift's shortest round-trip form (`0.8788`, `1e-05`), with
    /// the spellings both formats use for the non-finite ones.
    static func text(_ value: MetricValue) -> String {
        switch value {
        case .integer(let n): return String(n)
        case .real(let x):
            if x.isNaN { return "NaN" }
            if x.isInfinite { return x > 0 ? "+Inf" : "-Inf" }
            if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
            return String(x)
        }
    }

    /// Label values escape backslash, double quote and line feed (both formats); HELP text
    /// backslash and line feed, and in OpenMetrics double quote too.
    static func escape(_ text: String, quotes: Bool) -> String {
        guard text.contains(where: { $0 == "\\" || $0 == "\n" || (quotes && $0 == "\"") }) else { return text }
        var out = ""
        for c in text {
            switch c {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\"" where quotes: out += "\\\""
            default: out.append(c)
            }
        }
        return out
    }
}
