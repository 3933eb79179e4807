/// When the live dashboard starts its next collection, which runs off the run loop's thread.
///
/// One collection at a time. The next starts one interval after the last one started, but never
/// sooner than half an interval after the last one finished: a collection that costs more than
/// the interval then leaves its thread idle between runs instead of running back to back. While
/// one runs, nothing is due (the run loop waits for it to finish, keys and signals meanwhile).
public struct TickSchedule: Sendable, Equatable {
    /// Seconds (monotonic) when the next collection may start.
    public private(set) var nextStart: Double
    /// A collection was started and has not finished.
    public private(set) var running = false

    /// The first collection is due at `now`.
    public init(now: Double) { nextStart = now }

    /// When the run loop should next ask: the next start, or never while a collection runs.
    public var nextTick: Double { running ? .infinity : nextStart }

    /// Whether a collection should start at `now`.
    public func isDue(at now: Double) -> Bool { !running && now >= nextStart }

    /// A collection starts at `now`.
    public mutating func start(at now: Double, interval: Double) {
        running = true
        nextStart = max(nextStart + interval, now + interval / 2)
    }

    /// The running collection finished at `now`.
    public mutating func finish(at now: Double, interval: Double) {
        running = false
        nextStart = max(nextStart, now + interval / 2)
    }

    /// The next collection is due at once (the view changed, or the interval did).
    public mutating func restart(at now: Double) {
        nextStart = now
    }
}
