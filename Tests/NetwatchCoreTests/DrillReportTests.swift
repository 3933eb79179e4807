import NetwatchCore
import TestSupport
import XCTest

final class DrillReportTests: XCTestCase {
    private let destination = DrillTarget.destination(address: SnapshotFixtures.database, port: 5432)

    func testACappedListStillCountsEveryMatchingSocketByState() {
        let full = DrillReport(snapshot: SnapshotFixtures.stormDrill(destination), target: destination)
        let capped = DrillReport(snapshot: SnapshotFixtures.stormDrill(destination, socketLimit: 3), target: destination)
        XCTAssertEqual(capped.sockets.count, 3)
        XCTAssertEqual(capped.socketsMatched, full.sockets.count)
        XCTAssertEqual(capped.states, full.states)
        XCTAssertEqual(capped.states.total, full.sockets.count)
        XCTAssertGreaterThan(full.sockets.count, 3)
    }

    func testARecordingWithoutTheCountsFallsBackToTheListedSockets() {
        var snapshot = SnapshotFixtures.stormDrill(destination, socketLimit: 3)
        snapshot.socketsMatchedByState = StateCounts()
        let report = DrillReport(snapshot: snapshot, target: destination)
        var listed = StateCounts()
        for socket in report.sockets { listed.add(socket.record.state) }
        XCTAssertEqual(report.states, listed)
        XCTAssertEqual(report.states.total, 3)
    }
}
