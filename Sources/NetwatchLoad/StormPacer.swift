/// When each connection of a storm is due: connection `k` (from 0) starts at
/// `start + k × 10⁹ / rate` nanoseconds. Pure arithmetic, so pacing is tested without a clock.
public struct StormPacer: Equatable, Sendable {
    /// Connections per second.
    public let rate: Int
    /// Connections in the whole storm.
    public let total: Int
    /// The instant connection 0 is due, in nanoseconds.
    public let start: UInt64

    /// Shortest sleep between two batches, in nanoseconds: at high rates connections are opened in
    /// batches of about a millisecond rather than with one wake-up each.
    public static let minimumWait: UInt64 = 1_000_000

    public init(rate: Int, total: Int, start: UInt64) {
        (self.rate, self.total, self.start) = (rate, total, start)
    }

    /// The instant connection `index` is due.
    public func dueTime(of index: Int) -> UInt64 {
        start + UInt64(index) * 1_000_000_000 / UInt64(rate)
    }

    /// How many connections are due by `now` (those with ``dueTime(of:)`` ≤ now), at most ``total``.
    public func due(at now: UInt64) -> Int {
        guard now >= start else { return 0 }
        let elapsed = min(now - start, UInt64(total) * 1_000_000_000 / UInt64(rate))
        return min(total, Int(((elapsed + 1) * UInt64(rate) + 999_999_999) / 1_000_000_000))
    }

    /// When to wake after `done` connections: when the next is due, but not sooner than
    /// ``minimumWait`` after `now`.
    public func wakeTime(after done: Int, now: UInt64) -> UInt64 {
        max(dueTime(of: done), now + Self.minimumWait)
    }
}
