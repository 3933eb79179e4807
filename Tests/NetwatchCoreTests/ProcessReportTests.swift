import Foundation
@testable import NetwatchCore
import TestSupport
import XCTest

/// The process view's figures: fds against the limits, growth over the last minute, time to
/// each limit, listeners, and sockets by listener and by destination.
final class ProcessReportTests: XCTestCase {
    private func report(pid: Int32, history: History = SnapshotFixtures.stormHistory()) -> ProcessReport {
        let snapshot = SnapshotFixtures.stormDrill(.process(pid: pid))
        return ProcessReport(DrillReport(snapshot: snapshot, target: .process(pid: pid)), pid: pid, snapshot: snapshot, history: history)
    }

    func testNginxGrowsTenASecondAndReachesItsLimitIn51Seconds() throws {
        let nginx = report(pid: 812)
        XCTAssertEqual(nginx.usage?.open, 9_730)
        XCTAssertEqual(nginx.usage?.limit, OpenFileLimit(soft: 10_240, hard: 10_240))
        XCTAssertEqual(try XCTUnwrap(nginx.growthPerSecond), 10, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(nginx.secondsToSoftLimit), 51, accuracy: 1e-9)
        XCTAssertEqual(try XCTUnwrap(nginx.secondsToHardLimit), 51, accuracy: 1e-9)
        XCTAssertEqual(nginx.listeners.map(\.record.port), [8080])
        XCTAssertEqual(nginx.byListener.map(\.port), [8080])
        XCTAssertEqual(nginx.byListener.first?.counts, StateCounts([.established: 2]))
        XCTAssertEqual(nginx.byDestination, [])
    }

    func testJavaWithoutHistoryHasNoGrowthAndGroupsItsConnectionsByDestination() {
        let java = report(pid: 2201, history: History(windowSeconds: 60, intervalSeconds: 1))
        XCTAssertEqual(java.usage?.open, 31_000)
        XCTAssertNil(java.growthPerSecond)
        XCTAssertNil(java.secondsToSoftLimit)
        XCTAssertEqual(java.listeners, [])
        XCTAssertEqual(java.byListener, [])
        XCTAssertEqual(java.byDestination.map(\.port), [5432, 6379])
        XCTAssertEqual(java.byDestination.map(\.address), [SnapshotFixtures.database, SnapshotFixtures.cache])
        XCTAssertEqual(java.byDestination.map(\.counts.total), [2, 1])
    }

    func testAtTheLimitIsNowAndAnUnlimitedHardLimitNever() {
        let atLimit = ProcessFDUsage(process: ProcessIdentity(pid: 9, command: "w"), open: 64, limit: OpenFileLimit(soft: 64, hard: nil))
        XCTAssertEqual(ProcessReport.seconds(atLimit, to: 64, growth: nil), 0)
        XCTAssertNil(ProcessReport.seconds(atLimit, to: nil, growth: 5))
        XCTAssertNil(ProcessReport.seconds(atLimit, to: 128, growth: 0))
        XCTAssertEqual(ProcessReport.seconds(atLimit, to: 128, growth: 4), 16)
    }

    func testAProcessWhoseFdsCouldNotBeReadHasNoUsage() {
        XCTAssertNil(report(pid: 4_000_000).usage)
    }
}
