import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// The dashboard's frames from a proc tree: the /proc walk follows the walk cadence like the
/// netlink one (a costly net/tcp is not read every tick).
final class LiveCollectionTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        root = NSTemporaryDirectory() + "netwatch-live-\(getpid())-\(name.hashValue)"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.copyItem(atPath: FixturePaths.fixture("proc-storm"), toPath: root)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func request(_ now: Double, startOver: Bool = false) -> LiveCollection.Request {
        LiveCollection.Request(now: now, interval: 1, filter: nil, drill: nil, startOver: startOver)
    }

    func testACostlyProcWalkIsNotRepeatedEveryTickItsTableAndListenersCarried() throws {
        // Each clock reading is 100 ms after the last: the walk costs 0.4 s (sockets 0.2, processes
        // 0.2), 40% of a 1 s interval, so walks are spaced to every 8 s (5% budget).
        let collection = LiveCollection(collector: Collector(root: ProcRoot(path: root), useNetlink: false, clock: SteppingClock(step: 0.1)))
        let first = collection.frame(for: request(0))
        XCTAssertTrue(first.walked)
        let sockets = try XCTUnwrap(first.snapshot.states?.total)
        let listeners = first.snapshot.listeners.count
        XCTAssertGreaterThan(listeners, 0)
        try FileManager.default.removeItem(atPath: root + "/net/tcp")
        let second = collection.frame(for: request(1))
        XCTAssertFalse(second.walked)
        XCTAssertEqual(second.snapshot.states?.total, sockets, "the last walk's table")
        XCTAssertEqual(second.snapshot.listeners.count, listeners, "the last walk's listeners")
        XCTAssertEqual(second.snapshot.collector.warnings.filter { $0.contains("net/tcp") }, [], "net/tcp was not read")
        XCTAssertFalse(collection.frame(for: request(7)).walked)
        let walkedAgain = collection.frame(for: request(8))
        XCTAssertTrue(walkedAgain.walked)
        XCTAssertEqual(walkedAgain.snapshot.collector.warnings.filter { $0.contains("net/tcp") },
                       ["\(root)/net/tcp is missing; IPv4 sockets unknown"])
    }

    func testWithThePanesHiddenOnlyTheCountersAreReadBetweenWalksEveryTenSeconds() throws {
        // Each clock reading is 1 ms after the last: a walk is cheap enough for every tick.
        let collection = LiveCollection(collector: Collector(root: ProcRoot(path: root), useNetlink: false, clock: SteppingClock(step: 0.001)))
        func hidden(_ now: Double) -> LiveCollection.Request {
            LiveCollection.Request(now: now, interval: 1, filter: nil, drill: nil, startOver: false, panesHidden: true)
        }
        XCTAssertTrue(collection.frame(for: hidden(0)).walked)
        let sockstat = try String(contentsOfFile: root + "/net/sockstat", encoding: .utf8)
        try sockstat.replacingOccurrences(of: " tw 1206 ", with: " tw 1300 ").write(toFile: root + "/net/sockstat", atomically: true, encoding: .utf8)
        let between = collection.frame(for: hidden(1))
        XCTAssertFalse(between.walked)
        XCTAssertEqual(between.snapshot.sockstat?.tw, 1300, "sockstat read on a tick without a walk")
        XCTAssertFalse(collection.frame(for: hidden(9)).walked)
        XCTAssertTrue(collection.frame(for: hidden(10)).walked)
        XCTAssertTrue(collection.frame(for: request(11)).walked, "the panes shown again: every tick")
    }

    func testStartingOverWalksAtOnce() {
        let collection = LiveCollection(collector: Collector(root: ProcRoot(path: root), useNetlink: false, clock: SteppingClock(step: 0.1)))
        XCTAssertTrue(collection.frame(for: request(0)).walked)
        XCTAssertFalse(collection.frame(for: request(1)).walked)
        XCTAssertTrue(collection.frame(for: request(1.5, startOver: true)).walked)
    }
}

/// A clock that moves on by `step` seconds at every reading.
final class SteppingClock: SampleClock, @unchecked Sendable {
    private var time = 0.0
    let step: Double

    init(step: Double) { self.step = step }

    func now() -> Double {
        time += step
        return time
    }

    func sleep(seconds: Double) { time += seconds }
}
