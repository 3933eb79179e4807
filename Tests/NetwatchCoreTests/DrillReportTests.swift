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
        // Toward the database: two established, one connecting, three in TIME_WAIT.
        XCTAssertEqual(full.sockets.count, 6)
        XCTAssertEqual(full.states, StateCounts([.established: 2, .synSent: 1, .timeWait: 3]))
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
        // The listener, two accepted connections, two request sockets, one TIME_WAIT.
        XCTAssertEqual(full.sockets.count, 6)
        XCTAssertEqual(full.states, StateCounts([.listen: 1, .established: 2, .synRecv: 2, .timeWait: 1]))
        XCTAssertEqual(capped.peers, full.peers)
        XCTAssertEqual(capped.peers.reduce(0) { $0 + $1.total }, 5, "every socket but the listener has a peer")
        XCTAssertEqual(capped.ports.map(\.port), full.ports.map(\.port))
        XCTAssertEqual(capped.ports.map(\.counts), full.ports.map(\.counts))
        XCTAssertEqual(capped.ports.reduce(0) { $0 + $1.counts.total }, capped.states.total)
    }
}
