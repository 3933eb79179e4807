import XCTest
@testable import NetwatchCore

final class TickScheduleTests: XCTestCase {
    func testCheapCollectionsStartOneIntervalApart() {
        var schedule = TickSchedule(now: 10)
        XCTAssertTrue(schedule.isDue(at: 10))
        schedule.start(at: 10, interval: 1)
        XCTAssertEqual(schedule.nextTick, .infinity, "nothing is due while a collection runs")
        XCTAssertFalse(schedule.isDue(at: 20))
        schedule.finish(at: 10.02, interval: 1)
        XCTAssertEqual(schedule.nextTick, 11)
        XCTAssertFalse(schedule.isDue(at: 10.9))
        XCTAssertTrue(schedule.isDue(at: 11))
    }

    func testACollectionCostingMoreThanTheIntervalLeavesHalfAnIntervalIdle() {
        var schedule = TickSchedule(now: 0)
        schedule.start(at: 0, interval: 0.5)
        schedule.finish(at: 3.3, interval: 0.5)   // a 1,000,000-line net/tcp
        XCTAssertEqual(schedule.nextTick, 3.55)
        schedule.start(at: 3.55, interval: 0.5)
        XCTAssertEqual(schedule.nextStart, 4.05)
        schedule.finish(at: 3.6, interval: 0.5)
        XCTAssertEqual(schedule.nextTick, 4.05, "a cheap tick keeps the interval")
    }

    func testALateRunLoopDoesNotBunchTicks() {
        var schedule = TickSchedule(now: 0)
        schedule.start(at: 0, interval: 1)
        schedule.finish(at: 0.01, interval: 1)
        schedule.start(at: 2.7, interval: 1)   // the loop came back late
        XCTAssertEqual(schedule.nextStart, 3.2)
    }

    func testRestartMakesTheNextCollectionDueAtOnceOnceTheRunningOneFinished() {
        var schedule = TickSchedule(now: 0)
        schedule.start(at: 0, interval: 1)
        schedule.restart(at: 0.2)
        XCTAssertFalse(schedule.isDue(at: 0.2), "one collection at a time")
        schedule.finish(at: 0.3, interval: 1)
        schedule.restart(at: 0.3)
        XCTAssertTrue(schedule.isDue(at: 0.3))
    }
}
