import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// Whether a sample's accept() counts cover its whole interval, as the collector says it
/// (`RawSample.acceptResultsWatched`), for a tracer whose accept hook is on demand, and the hook
/// turned on by the policy when a listener's owner nears its limit.
final class AcceptWatchCollectionTests: XCTestCase {
    /// A tracer stand-in: no kernel, the hook a flag the collector sets.
    final class OnDemandCounter: ConnectorCounting {
        var acceptResultsWatched: Bool
        var watchesAcceptsAlways = false
        var requests: [Bool] = []
        init(watched: Bool) { acceptResultsWatched = watched }
        func read() -> ConnectorCounts { ConnectorCounts() }
        var notice: String? { nil }
        func watchAcceptResults(_ watch: Bool) {
            requests.append(watch)
            acceptResultsWatched = watch
        }
        func close() {}
    }

    func collector(_ counter: OnDemandCounter) -> Collector {
        let collector = Collector(root: ProcRoot(path: FixturePaths.fixture("proc-storm")), useNetlink: false, clock: FakeClock())
        collector.connectorCounter = counter
        return collector
    }

    func testAHookAttachedBeforeTheFirstReadHasWatchedAllAlong() {
        let counter = OnDemandCounter(watched: false)
        let collector = collector(counter)
        collector.acceptWatch = AcceptWatchPolicy(mode: .always)   // --accept-results always: attached before the first read
        XCTAssertEqual(collector.collect(CollectRequest()).acceptResultsWatched, true)
        XCTAssertEqual(collector.collect(CollectRequest()).acceptResultsWatched, true)
        XCTAssertEqual(counter.requests, [true, true, true, true])
    }

    func testAHookAttachedLaterCoversTheIntervalsAfterTheFirstReadWithIt() {
        let counter = OnDemandCounter(watched: false)
        let collector = collector(counter)
        XCTAssertEqual(collector.collect(CollectRequest()).acceptResultsWatched, false)
        XCTAssertEqual(counter.requests, [false], "no listener's owner near its limit in the storm tree")
        counter.acceptResultsWatched = true
        XCTAssertEqual(collector.collect(CollectRequest(processes: false)).acceptResultsWatched, false, "attached since the last read only")
        XCTAssertEqual(collector.collect(CollectRequest(processes: false)).acceptResultsWatched, true)
    }

    func testAHookAlwaysAttachedIsNotReported() {
        let counter = OnDemandCounter(watched: true)
        counter.watchesAcceptsAlways = true
        XCTAssertNil(collector(counter).collect(CollectRequest()).acceptResultsWatched)
        XCTAssertEqual(counter.requests, [])
    }
}
