import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
import NetwatchCore

/// One collection shared by every scrape that arrives within `minimumInterval` of it: a scrape
/// finding a fresh result gets it, one arriving while a collection runs waits for that same
/// collection, and only a scrape after the interval starts a new one. Collection (which blocks on
/// netlink and /proc) runs on its own thread, never on the event loop answering other clients.
public final class ScrapeCache: Sendable {
    /// The two encodings of one collection, rendered once and shared by every response.
    public struct Exposition: Sendable {
        public var text: ByteBuffer
        public var openMetrics: ByteBuffer

        public func body(_ format: ExpositionFormat) -> ByteBuffer {
            format == .prometheusText ? text : openMetrics
        }
    }

    private struct State {
        var latest: (exposition: Exposition, finishedAt: NIODeadline)?
        /// The scrapes waiting for the collection in progress; `nil` when none runs.
        var waiting: [EventLoopPromise<Exposition>]?
    }

    private let state = NIOLockedValueBox(State())
    private let minimumInterval: TimeAmount
    private let now: @Sendable () -> NIODeadline
    private let collect: @Sendable () -> Snapshot
    private let top: Int
    private let pool: NIOThreadPool

    /// - Parameters:
    ///   - collect: one collection; called on the pool's thread, one call at a time.
    ///   - top: the rows kept per list (``SnapshotMetrics``).
    ///   - now: the clock that ages results (tests pass their own).
    public init(minimumInterval: TimeAmount, top: Int, pool: NIOThreadPool,
                now: @escaping @Sendable () -> NIODeadline = { .now() },
                collect: @escaping @Sendable () -> Snapshot) {
        self.minimumInterval = minimumInterval
        self.top = top
        self.pool = pool
        self.now = now
        self.collect = collect
    }

    /// The exposition for a scrape answered on `eventLoop`.
    public func exposition(on eventLoop: any EventLoop) -> EventLoopFuture<Exposition> {
        enum Step { case fresh(Exposition), join, collect }
        let promise = eventLoop.makePromise(of: Exposition.self)
        let step: Step = state.withLockedValue { state in
            if let latest = state.latest, now() - latest.finishedAt < minimumInterval {
                return .fresh(latest.exposition)
            }
            if state.waiting != nil {
                state.waiting?.append(promise)
                return .join
            }
            state.waiting = [promise]
            return .collect
        }
        switch step {
        case .fresh(let exposition): promise.succeed(exposition)
        case .join: break
        case .collect: run(on: eventLoop)
        }
        return promise.futureResult
    }

    private func run(on eventLoop: any EventLoop) {
        let (collect, top) = (self.collect, self.top)
        pool.runIfActive(eventLoop: eventLoop) { () -> Exposition in
            let families = SnapshotMetrics.families(collect(), top: top)
            return Exposition(text: ByteBuffer(string: ExpositionEncoder.encode(families, format: .prometheusText)),
                              openMetrics: ByteBuffer(string: ExpositionEncoder.encode(families, format: .openMetrics)))
        }.whenComplete { result in
            let waiting: [EventLoopPromise<Exposition>] = self.state.withLockedValue { state in
                if case .success(let exposition) = result { state.latest = (exposition, self.now()) }
                defer { state.waiting = nil }
                return state.waiting ?? []
            }
            for promise in waiting { promise.completeWith(result) }
        }
    }
}
