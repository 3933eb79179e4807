import NetwatchCore

/// Counts as `ss | wc -l` gives them: every digit wherever the column has room, compact forms
/// (``DisplayFormat/compact(_:)``) only where it has not.
extension DisplayFormat {
    /// `32,768`: every digit, thousands separated by commas.
    static func exact(_ value: Int) -> String {
        let digits = Array(String(value.magnitude))
        var text = value < 0 ? "-" : ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { text.append(",") }
            text.append(digit)
        }
        return text
    }

    static func exact(_ value: Int?) -> String { value.map { exact($0) } ?? missing }

    static func exact(_ value: Int64?) -> String { value.map { exact(Int(clamping: $0)) } ?? missing }

    /// A count in at most `width` columns: `32,768`, else `32768`, else `32.8k`; `n/a` when unknown.
    /// - Parameter separators: `false` for a narrow column that must read the same on every
    ///   row: `32768`, else `32.8k`.
    static func count(_ value: Int?, width: Int, separators: Bool = true) -> String {
        guard let value else { return missing }
        return (separators ? [exact(value), String(value)] : [String(value)]).first { $0.count <= width } ?? compact(value)
    }

    static func count(_ value: Int64?, width: Int) -> String { count(value.map { Int(clamping: $0) }, width: width) }

    /// `part/whole` in at most `width` columns, the widest of: both exact (`998/1,000`), both
    /// without separators, the part exact and the whole compact (`2,016/9.2E`), both compact.
    /// A compact part is rounded down, so a part below the whole never reads as the whole
    /// rounded up to it. `wholeText` stands for a whole without a number (`unlim`).
    static func fraction(_ part: Int, of whole: Int?, width: Int, wholeText: String = missing) -> String {
        let wholes = whole.map { [exact($0), String($0), compact($0)] } ?? [wholeText, wholeText, wholeText]
        let forms = [(exact(part), wholes[0]), (String(part), wholes[1]), (exact(part), wholes[2]),
                     (String(part), wholes[2]), (compactRoundedDown(part), wholes[2])]
        let texts = forms.map { $0.0 + "/" + $0.1 }
        return texts.first { $0.count <= width } ?? texts[texts.count - 1]
    }

    /// Like ``compact(_:)`` but rounded toward zero: 1,999 is `1.9k`, never `2.0k`.
    static func compactRoundedDown(_ value: Int) -> String {
        guard value.magnitude >= 1000 else { return String(value) }
        let units = ["k", "M", "G", "T", "P", "E"]
        var scaled = Double(value) / 1000, unit = 0
        while abs(scaled) >= 1000, unit < units.count - 1 {
            scaled /= 1000
            unit += 1
        }
        let digits = abs(scaled) < 100 ? CFormat.string("%.1f", (scaled * 10).rounded(.towardZero) / 10)
            : String(Int(scaled.rounded(.towardZero)))
        return digits + units[unit]
    }
}
