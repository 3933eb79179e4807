import NetwatchCore

/// The JSON of the `STORM <json>` line printed when a storm ends (finished or stopped).
///
/// Keys, in this order: `rate`, `duration` (what was asked), `opened`, `failed`, `first_error`
/// (null when none failed), `elapsed_ms` (what happened).
public struct StormReport: Equatable, Sendable {
    /// Requested connections per second.
    public let rate: Int
    /// Requested seconds.
    public let duration: Int
    /// Connections opened and closed (client first).
    public var opened = 0
    /// Connections that failed (for example EADDRNOTAVAIL once the ports toward a destination run out).
    public var failed = 0
    /// The first failure in words; null when none failed.
    public var firstError: String?
    /// Milliseconds the storm lasted.
    public var elapsedMs = 0

    public init(rate: Int, duration: Int) {
        (self.rate, self.duration) = (rate, duration)
    }

    /// The report as JSON, keys in the order described above.
    public var jsonValue: JSONValue {
        .object([
            ("rate", JSONValue(rate)), ("duration", JSONValue(duration)), ("opened", JSONValue(opened)),
            ("failed", JSONValue(failed)), ("first_error", JSONValue(firstError)), ("elapsed_ms", JSONValue(elapsedMs)),
        ])
    }

    /// The line to print: `STORM ` and the JSON on one line.
    public var line: String { "STORM " + jsonValue.serialized() }
}
