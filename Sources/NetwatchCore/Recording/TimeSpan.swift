/// A length of time given on the command line: a positive number of seconds with an optional
/// unit `s`, `m` or `h` (`90`, `30s`, `1.5m`, `2h`).
public struct TimeSpan: Equatable, Sendable {
    public let seconds: Double

    public init(seconds: Double) { self.seconds = seconds }

    public static func parse(_ text: String) throws(RecordLimitError) -> TimeSpan {
        let error = RecordLimitError(text: text, expected: "seconds as 90, 30s, 15m or 2h", kind: "duration")
        let units: [Character: Double] = ["s": 1, "m": 60, "h": 3600]
        var number = Substring(text)
        var scale = 1.0
        if let last = number.last, let unit = units[last] {
            scale = unit
            number = number.dropLast()
        }
        guard let value = RecordLimitNumber.parse(number), value > 0, (value * scale).isFinite else { throw error }
        return TimeSpan(seconds: value * scale)
    }
}

/// The number part of a limit: plain decimal digits with at most one point, no sign or exponent.
enum RecordLimitNumber {
    static func parse(_ text: Substring) -> Double? {
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }),
              text.filter({ $0 == "." }).count <= 1, text != "." else { return nil }
        return Double(text)
    }
}
