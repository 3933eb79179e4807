/// Decides on which ticks the dashboard walks the whole socket table (and scans processes).
///
/// A walk may cost at most ``budget`` of the time between walks (5%): when it costs more than
/// that share of the interval, walks are spaced out to `cost / budget` seconds and the table's
/// age is shown. sockstat-based numbers keep updating every tick regardless.
public struct WalkCadence: Sendable, Equatable {
    /// The share of wall time a walk may take.
    public let budget: Double
    public private(set) var lastWalkAt: Double?
    public private(set) var lastCostSeconds: Double?

    public init(budget: Double = 0.05) { self.budget = budget }

    /// Seconds between walks for this interval: the interval itself, or longer when a walk is costly.
    public func period(interval: Double) -> Double {
        guard let cost = lastCostSeconds else { return interval }
        let needed = cost / budget
        return needed <= interval ? interval : (needed / interval).rounded(.up) * interval
    }

    /// Whether the tick at `now` (seconds, monotonic) should walk; `atLeast` (seconds) spaces
    /// walks further apart than the cost asks.
    public func isDue(at now: Double, interval: Double, atLeast: Double = 0) -> Bool {
        guard let last = lastWalkAt else { return true }
        // Half an interval of slack: ticks do not land exactly on the period.
        return now - last >= max(period(interval: interval), atLeast) - interval / 2
    }

    public mutating func recordWalk(at now: Double, costSeconds: Double) {
        lastWalkAt = now
        lastCostSeconds = max(0, costSeconds)
    }
}
