import Foundation
import NetwatchCore
import XCTest
@testable import NetwatchLinux

/// A ``StopClock`` that never waits: `wait` jumps to the deadline, or reports a stop after
/// `stopAfterWaits` waits.
final class FakeStopClock: StopClock {
    var time: Double
    private(set) var deadlines: [Double] = []
    var stopAfterWaits: Int?

    init(start: Double = 100) { time = start }

    func now() -> Double { time }

    func wait(until deadline: Double) -> Bool {
        if let stopAfterWaits, deadlines.count >= stopAfterWaits { return false }
        deadlines.append(deadline)
        time = max(time, deadline)
        return true
    }
}

final class RecorderTests: XCTestCase {
    /// Collections whose ActiveOpens counter grows by 10 per second, each taking `cost` seconds.
    func recorder(_ clock: FakeStopClock, cost: Double = 0) -> Recorder {
        Recorder(clock: clock) { _ in
            var sample = RawSample(takenAt: Date(), monotonicSeconds: clock.now(), source: .procfs)
            sample.tcp = ["ActiveOpens": Int64(clock.now() * 10)]
            clock.time += cost
            return sample
        }
    }

    func testCountStopsAfterNLinesOnAnIntervalGrid() throws {
        let clock = FakeStopClock()
        var snapshots = [Snapshot]()
        let result = try recorder(clock, cost: 0.1).run(.init(interval: 2, count: 3), options: .init()) { snapshots.append($0) }
        XCTAssertEqual(result.ending, .count)
        XCTAssertEqual(result.lines, 3)
        XCTAssertEqual(clock.deadlines, [102, 104], "the grid does not drift by the collection time")
        XCTAssertNil(snapshots[0].rates[.activeOpens] ?? nil, "the first line has null rates")
        XCTAssertEqual(snapshots[1].intervalSeconds, 2)
        XCTAssertEqual(snapshots[2].rates[.activeOpens] ?? nil, 10)
    }

    func testDurationStopsBeforeALineDueAtTheEnd() throws {
        let clock = FakeStopClock()
        let result = try recorder(clock).run(.init(interval: 0.1, duration: 1), options: .init()) { _ in }
        XCTAssertEqual(result.ending, .duration)
        XCTAssertEqual(result.lines, 10)
    }

    func testStopRequestEndsAfterTheCurrentLine() throws {
        let clock = FakeStopClock()
        clock.stopAfterWaits = 1
        var lines = 0
        let result = try recorder(clock).run(.init(interval: 3600), options: .init()) { _ in lines += 1 }
        XCTAssertEqual(result.ending, .stopRequested)
        XCTAssertEqual(lines, 2)
    }

    func testOverrunStartsTheNextIntervalFromNowWithoutBursting() throws {
        let clock = FakeStopClock()
        _ = try recorder(clock, cost: 5).run(.init(interval: 2, count: 3), options: .init()) { _ in }
        XCTAssertEqual(clock.deadlines, [105, 110])
    }

    func testAnEmitErrorEndsRecording() {
        struct Full: Error {}
        let clock = FakeStopClock()
        XCTAssertThrowsError(try recorder(clock).run(.init(interval: 1), options: .init()) { _ in throw Full() })
        XCTAssertEqual(clock.deadlines, [])
    }
}
