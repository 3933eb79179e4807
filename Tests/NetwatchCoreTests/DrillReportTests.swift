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

    func testCappedPeerAndPortBreakdownsCountEverySocket() {
        let server = DrillTarget.serverPort(8080)
        let full = DrillReport(snapshot: SnapshotFixtures.stormDrill(server), target: server)
        let capped = DrillReport(snapshot: SnapshotFixtures.stormDrill(server, socketLimit: 1), target: server)
        XCTAssertEqual(capped.sockets.count, 1)
        XCTAssertGreaterThan(full.sockets.count, 1)
        XCTAssertEqual(capped.peers, full.peers)
        XCTAssertEqual(capped.peers.reduce(0) { $0 + $1.total }, full.states.total - full.states[.listen])
        XCTAssertEqual(capped.ports.map(\.port), full.ports.map(\.port))
        XCTAssertEqual(capped.ports.map(\.counts), full.ports.map(\.counts))
        XCTAssertEqual(capped.ports.reduce(0) { $0 + $1.counts.total }, capped.states.total)
    }
}
