import NetwatchCore

/// The loop behind `netwatch record`: a full collection every interval, each built into a
/// snapshot against the one before (so rates cover one interval; the first has null rates), and
/// handed to `emit` — until the count or duration is reached or a stop is requested.
public struct Recorder {
    /// When to sample and when to stop.
    public struct Plan: Equatable, Sendable {
        /// Seconds between lines.
        public var interval: Double
        /// Stop after this many lines.
        public var count: Int?
        /// Stop once the next line would start this many seconds or more after the first.
        public var duration: Double?

        public init(interval: Double, count: Int? = nil, duration: Double? = nil) {
            self.interval = interval
            self.count = count
            self.duration = duration
        }
    }

    /// Why recording ended.
    public enum Ending: Equatable, Sendable {
        case count, duration, stopRequested
    }

    let clock: StopClock
    let collect: (CollectRequest) -> RawSample

    public init(clock: StopClock, collect: @escaping (CollectRequest) -> RawSample) {
        self.clock = clock
        self.collect = collect
    }

    /// Runs the plan; an error from `emit` ends it and is rethrown.
    /// - Returns: why it ended and how many snapshots were emitted.
    public func run(_ plan: Plan, options: SnapshotBuilder.Options,
                    emit: (Snapshot) throws -> Void) throws -> (ending: Ending, lines: Int) {
        let request = CollectRequest(for: options)
        let start = clock.now()
        var deadline = start
        var previous: RawSample?
        var lines = 0
        while true {
            let sample = collect(request)
            try emit(SnapshotBuilder.build(sample, previous: previous, options: options))
            lines += 1
            previous = sample
            if let count = plan.count, lines >= count { return (.count, lines) }
            // Keep to the start's grid; after an overrun, start again from now rather than burst.
            deadline = max(deadline + plan.interval, clock.now())
            // A line due within a millisecond of the end is not taken (sums of 0.1 s drift).
            if let duration = plan.duration, deadline - start >= duration - 0.001 { return (.duration, lines) }
            guard clock.wait(until: deadline) else { return (.stopRequested, lines) }
        }
    }
}
