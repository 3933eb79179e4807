import NetwatchCore
import NetwatchUI
import TestSupport
import XCTest

/// The destination drill names who opens connections toward it, with the lifetime histogram.
final class ConnectorsDrillTests: XCTestCase {
    static let target = DrillTarget.destination(address: SnapshotFixtures.database, port: 5432)

    func model(_ connectors: Connectors) -> DashboardModel {
        var snapshot = SnapshotFixtures.stormDrill(Self.target, socketLimit: 100)
        snapshot.connectors = connectors
        var view = ViewState()
        view.drill = Self.target
        return .fixture(snapshot, previous: SnapshotFixtures.stormPrevious(), history: SnapshotFixtures.stormHistory(), view: view)
    }

    func testCountedConnectorsWithFailuresLifetimesAndHistogram() {
        var buckets = [Int64](repeating: 0, count: 32)
        buckets[11] = 400   // 2–4 ms
        buckets[12] = 100
        buckets[14] = 10
        let row = ConnectorRow(
            process: ProcessIdentity(pid: 4242, command: "curl"), address: SnapshotFixtures.database, port: 5432,
            totals: ConnectorTotals(command: "curl", connects: 900, established: 510, failures: ConnectFailures(addressNotAvailable: 390),
                                    lifetimes: LifetimeHistogram(buckets: buckets)),
            connectsPerSecond: 480, establishedPerSecond: 168, failuresPerSecond: ConnectFailureRates(addressNotAvailable: 312))
        let screen = Dashboard.render(model(Connectors(source: .ebpf, connections: [row])), width: 120, height: 40)
            .text().joined(separator: "\n")
        XCTAssertTrue(screen.contains("4242 curl  connects 480/s  failed 312/s  EADDRNOTAVAIL 312/s  median 3.4ms  p99 24.4ms"), screen)
        XCTAssertTrue(screen.contains("lifetime 2ms █▂ ▁ 32ms"), screen)
    }

    func testAnEstimateSaysSoAndShowsLiveSockets() {
        let row = ConnectorRow(process: ProcessIdentity(pid: 7, command: "java"), address: SnapshotFixtures.database, port: 5432,
                               connectsPerSecond: 2, live: LiveConnections(synSent: 1, established: 4))
        let screen = Dashboard.render(model(Connectors(source: .sockets, unavailableReason: "--no-bpf", connections: [row])),
                                      width: 120, height: 40).text().joined(separator: "\n")
        XCTAssertTrue(screen.contains("connectors estimated from live sockets (eBPF unavailable: --no-bpf)"), screen)
        XCTAssertTrue(screen.contains("7 java  connects 2/s  live 5 (1 SYN_SENT)"), screen)
    }
}

/// `g` on the Peers pane, a third time: the processes opening connections.
final class ConnectorsTableTests: XCTestCase {
    func testThePeersPaneGroupedByProcessAndEnterDrillsIntoTheDestination() throws {
        var snapshot = SnapshotFixtures.storm()
        snapshot.connectors = Connectors(source: .ebpf, connections: [
            ConnectorRow(process: ProcessIdentity(pid: 4242, command: "curl"), address: SnapshotFixtures.database, port: 5432,
                         totals: ConnectorTotals(command: "curl", connects: 900, established: 510,
                                                 failures: ConnectFailures(addressNotAvailable: 390)),
                         connectsPerSecond: 480, establishedPerSecond: 168, failuresPerSecond: ConnectFailureRates(addressNotAvailable: 312)),
        ])
        var view = ViewState()
        view.focus = .peers
        var model = DashboardModel.fixture(snapshot, previous: SnapshotFixtures.stormPrevious(), history: SnapshotFixtures.stormHistory(),
                                           view: view)
        _ = model.handle(.character("g"))
        _ = model.handle(.character("g"))
        XCTAssertEqual(model.view.peersGrouping, .process)
        model.syncView(width: 120, height: 40)
        let screen = Dashboard.render(model, width: 120, height: 40).text().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Connectors"), screen)
        let row = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("4242") && $0.contains("curl") }, screen)
        XCTAssertTrue(row.contains("10.0.3.17:5432") && row.contains("480") && row.contains("312") && row.contains("n/a"), String(row))
        XCTAssertEqual(model.drillTarget(forSelectionIn: .peers), .destination(address: SnapshotFixtures.database, port: 5432))
    }
}
