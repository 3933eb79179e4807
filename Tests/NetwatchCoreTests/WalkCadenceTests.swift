import XCTest
@testable import NetwatchCore

final class WalkCadenceTests: XCTestCase {
    func testCheapWalksHappenEveryTick() {
        var cadence = WalkCadence()
        XCTAssertTrue(cadence.isDue(at: 0, interval: 1))
        cadence.recordWalk(at: 0, costSeconds: 0.01)
        XCTAssertEqual(cadence.period(interval: 1), 1)
        XCTAssertTrue(cadence.isDue(at: 1, interval: 1))
        XCTAssertFalse(cadence.isDue(at: 0.4, interval: 1))
    }

    func testCostlyWalksAreSpacedToStayWithinFivePercent() {
        var cadence = WalkCadence()
        cadence.recordWalk(at: 10, costSeconds: 0.08)     // 80 ms: needs 1.6 s → every 2 ticks of 1 s
        XCTAssertEqual(cadence.period(interval: 1), 2)
        XCTAssertFalse(cadence.isDue(at: 11, interval: 1))
        XCTAssertTrue(cadence.isDue(at: 12, interval: 1))
        cadence.recordWalk(at: 12, costSeconds: 0.3)      // 300 ms: 6 s
        XCTAssertEqual(cadence.period(interval: 1), 6)
        XCTAssertEqual(cadence.period(interval: 5), 10)
        XCTAssertFalse(cadence.isDue(at: 17, interval: 1))
        XCTAssertTrue(cadence.isDue(at: 18, interval: 1))
    }

    func testAMinimumPeriodSpacesCheapWalks() {
        var cadence = WalkCadence()
        cadence.recordWalk(at: 0, costSeconds: 0.01)
        XCTAssertFalse(cadence.isDue(at: 9, interval: 1, atLeast: 10))
        XCTAssertTrue(cadence.isDue(at: 10, interval: 1, atLeast: 10))
        cadence.recordWalk(at: 10, costSeconds: 0.8)      // 800 ms: 16 s, more than the minimum
        XCTAssertFalse(cadence.isDue(at: 25, interval: 1, atLeast: 10))
        XCTAssertTrue(cadence.isDue(at: 26, interval: 1, atLeast: 10))
    }
}
