/// The JSON of the `STORM <json>` line printed when a storm ends (finished or stopped).
public struct StormReport: Encodable, Equatable, Sendable {
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

    enum CodingKeys: String, CodingKey {
        case rate, duration, opened, failed, firstError = "first_error", elapsedMs = "elapsed_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(rate, forKey: .rate)
        try keyed.encode(duration, forKey: .duration)
        try keyed.encode(opened, forKey: .opened)
        try keyed.encode(failed, forKey: .failed)
        try keyed.encode(firstError, forKey: .firstError)
        try keyed.encode(elapsedMs, forKey: .elapsedMs)
    }

    /// The line to print: `STORM ` and the JSON.
    public var line: String { "STORM " + JSONLine.render(self) }
}
