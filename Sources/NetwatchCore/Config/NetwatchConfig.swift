/// The settings read from `config.toml` (see `docs/config.sample.toml`). Today one table:
///
/// ```toml
/// [advice]
/// ports_warning = 0.7     # any key of AdviceThresholds.settings
/// ```
/// Every key is checked: an unknown table or key, a value that is not a number, a ratio outside
/// (0, 1], a negative or non-finite number, or a warning threshold above its critical one is an
/// error naming the file, the line and the key.
public struct NetwatchConfig: Equatable, Sendable {
    public var advice = AdviceThresholds()

    public init() {}

    /// Parses a config file's text.
    /// - Parameter source: the file path, for error messages.
    public static func parse(_ text: String, source: String) throws(ConfigFileError) -> NetwatchConfig {
        var config = NetwatchConfig()
        var lines = [String: Int]()
        let settings = Dictionary(uniqueKeysWithValues: AdviceThresholds.settings.map { ($0.key, $0) })
        for entry in try TOMLSubset.parse(text, source: source, tables: ["advice"]) {
            let fail = { (reason: String) in ConfigFileError(source: source, line: entry.line, key: entry.key, reason: reason) }
            guard entry.table == "advice" else { throw fail("unknown setting (settings go in the [advice] table)") }
            guard let setting = settings[entry.key] else { throw fail(unknownKey(entry.key)) }
            guard case let .number(value) = entry.value else { throw fail("expected a number") }
            if let reason = problem(value, isRatio: setting.isRatio) { throw fail(reason) }
            config.advice[keyPath: setting.keyPath] = value
            lines[entry.key] = entry.line
        }
        try checkPairs(config.advice, lines: lines, source: source)
        return config
    }

    /// `500`, `0.95`: a value as it would be written in the file.
    private static func text(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value)
    }

    /// "did you mean" the known key nearest a typo (at most two edits away), else the whole list.
    static func unknownKey(_ key: String) -> String {
        let nearest = AdviceThresholds.settings.map(\.key).map { ($0, editDistance(key, $0)) }.min { $0.1 < $1.1 }
        if let nearest, nearest.1 <= 2 { return "unknown setting in [advice]; did you mean '\(nearest.0)'?" }
        return "unknown setting in [advice] (expected one of: " + AdviceThresholds.settings.map(\.key).joined(separator: ", ") + ")"
    }

    /// Levenshtein distance: insertions, deletions and substitutions turning `a` into `b`.
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a.unicodeScalars), b = Array(b.unicodeScalars)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var row = Array(0...b.count)
        for i in 1...a.count {
            var previous = row[0]
            row[0] = i
            for j in 1...b.count {
                let substitution = previous + (a[i - 1] == b[j - 1] ? 0 : 1)
                previous = row[j]
                row[j] = min(substitution, row[j] + 1, row[j - 1] + 1)
            }
        }
        return row[b.count]
    }

    private static func problem(_ value: Double, isRatio: Bool) -> String? {
        if isRatio { return value > 0 && value <= 1 ? nil : "expected a ratio above 0 and at most 1 (0.7 = 70%)" }
        return value.isFinite && value >= 0 ? nil : "expected a number of 0 or more"
    }

    /// Each `…_warning` must not exceed its `…_critical`, and each time left `…_warning_s` must not
    /// be below its `…_critical_s` (less time is worse); the error names whichever was set in the file.
    private static func checkPairs(_ advice: AdviceThresholds, lines: [String: Int], source: String) throws(ConfigFileError) {
        for (suffix, lessIsWorse) in [("", false), ("_s", true)] {
            for warning in AdviceThresholds.settings where warning.key.hasSuffix("_warning" + suffix) {
                let criticalKey = warning.key.dropLast("_warning".count + suffix.count) + "_critical" + suffix
                guard let critical = AdviceThresholds.settings.first(where: { $0.key == criticalKey }) else { continue }
                let (w, c) = (advice[keyPath: warning.keyPath], advice[keyPath: critical.keyPath])
                guard lessIsWorse ? w < c : w > c else { continue }
                let key = lines[warning.key] != nil ? warning.key : critical.key
                throw ConfigFileError(source: source, line: lines[key], key: key,
                                      reason: "\(warning.key) (\(text(w))) is \(lessIsWorse ? "below" : "above") "
                                          + "\(critical.key) (\(text(c)))")
            }
        }
    }
}
