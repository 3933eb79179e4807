import FoundationEssentials
import NetwatchCore

/// How numbers, times and addresses are written on screen: compact and of stable width, with
/// `n/a` for anything unknown (never 0).
enum DisplayFormat {
    static let missing = "n/a"

    /// 999 · 1.2k · 12.3k · 123k · 1.2M · 12.3G … 9.2E (SI steps of 1000; one decimal below 100).
    static func compact(_ value: Int) -> String {
        guard value.saturatingMagnitude >= 1000 else { return String(value) }
        return compact(Double(value))
    }

    static func compact(_ value: Int64?) -> String { value.map { compact(Int(clamping: $0)) } ?? missing }

    static func compact(_ value: Int?) -> String { value.map { compact($0) } ?? missing }

    private static func compact(_ value: Double) -> String {
        var scaled = value
        for unit in ["", "k", "M", "G", "T", "P", "E"] {
            let rounded = abs(scaled) < 100 ? (scaled * 10).rounded() / 10 : scaled.rounded()
            if abs(rounded) < 1000 || unit == "E" {
                let digits = unit.isEmpty || abs(rounded) >= 100 ? String(Int(saturating: rounded)) : CFormat.string("%.1f", rounded)
                return digits + unit
            }
            scaled /= 1000
        }
        return String(Int(saturating: value))
    }

    /// A rate per second: `0`, `3`, `3.5`, `412`, `12.3k`; `n/a` when unknown.
    static func rate(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        if value == value.rounded(), abs(value) < 1000 { return String(Int(value)) }
        if abs(value) < 10 { return CFormat.string("%.1f", value) }
        if abs(value) < 1000 { return String(Int(value.rounded())) }
        return compact(value)
    }

    /// A rate with its unit: `412/s`; `n/a` when unknown.
    static func perSecond(_ value: Double?) -> String {
        value == nil ? missing : rate(value) + "/s"
    }

    /// A signed change per second: `+12/s`, `-3.5/s`, `0/s`.
    static func change(_ value: Double?) -> String {
        guard let value, value.isFinite else { return missing }
        let text = rate(abs(value))
        if text == "0" || text == "0.0" { return "0/s" }
        return (value > 0 ? "+" : "-") + text + "/s"
    }

    /// A ratio as a whole percentage, rounded down so it never shows a threshold not yet reached.
    static func percent(_ ratio: Double?) -> String {
        guard let ratio, ratio.isFinite else { return missing }
        return "\(Int(saturating: (ratio * 100).rounded(.down)))%"
    }

    /// A number with one decimal: `55.2`, `0.0`.
    static func tenths(_ value: Double) -> String {
        CFormat.string("%.1f", value)
    }

    /// A duration in its largest whole unit: `<1s`, `45s`, `12m`, `3h`, `2d`.
    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite else { return missing }
        if seconds < 1 { return "<1s" }
        for (limit, unit, size) in [(60.0, "s", 1.0), (3600, "m", 60), (86400, "h", 3600)] where seconds < limit {
            return "\(Int(saturating: seconds / size))\(unit)"
        }
        return "\(Int(saturating: seconds / 86400))d"
    }

    /// An interval setting: `0.5 s`, `1 s`, `10 s`.
    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(saturating: value)) s" : "\(value) s"
    }

    /// `HH:MM:SS` in `timeZone`.
    static func clock(_ date: Date, timeZone: ClockZone) -> String {
        let parts = timeZone.parts(of: date)
        return CFormat.string("%02d:%02d:%02d", parts.tm_hour, parts.tm_min, parts.tm_sec)
    }

    /// Time until a destination's ports run out: `full` when every usable port is taken, `n/a`
    /// with one socket walk, `never` when `used` is not growing, else the duration.
    static func timeLeft(_ destination: Snapshot.Destination) -> String {
        if destination.usable > 0 && destination.used >= destination.usable { return "full" }
        guard let growth = destination.growthPerSecond else { return missing }
        guard growth > 0, let seconds = destination.secondsToExhaustion else { return "never" }
        return duration(seconds)
    }

    /// `2026-11-26`.
    static func date(_ date: Date, timeZone: ClockZone) -> String {
        let parts = timeZone.parts(of: date)
        return CFormat.string("%04d-%02d-%02d", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday)
    }

    /// `10.0.0.5:5432` or `[2001:db8::1]:443`.
    /// A smoothed RTT in microseconds as ss writes it, in ms (`0.008ms`, `2.5ms`, `38ms`); `n/a` for `nil`.
    static func rtt(_ microseconds: UInt32?) -> String {
        microseconds.map { String(RTTText.milliseconds($0).filter { $0 != " " }) } ?? missing
    }

    static func endpoint(_ address: IPAddress, _ port: UInt16) -> String {
        address.family == .ipv6 ? "[\(address)]:\(port)" : "\(address):\(port)"
    }

    /// `text` cut to `width` columns, ending in the ellipsis when cut.
    static func fit(_ text: String, _ width: Int, ellipsis: String) -> String {
        let scalars = text.unicodeScalars
        guard scalars.count > width else { return text }
        guard width > ellipsis.unicodeScalars.count else { return String(String.UnicodeScalarView(scalars.prefix(max(0, width)))) }
        return String(String.UnicodeScalarView(scalars.prefix(width - ellipsis.unicodeScalars.count))) + ellipsis
    }
}
