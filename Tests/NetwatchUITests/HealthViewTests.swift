import NetwatchCore
import NetwatchUI
import TestSupport
import XCTest

/// Connection health on screen: `g` a fourth time groups the Peers pane by destination health
/// (sortable with `s`), and the destination and process views show the figures.
final class HealthViewTests: XCTestCase {
    static let database = SnapshotFixtures.database
    static let cache = IPAddress("10.0.3.20")!

    static func snapshot(drill: DrillTarget? = nil) -> Snapshot {
        var snapshot = drill.map { SnapshotFixtures.stormDrill($0, socketLimit: 100) } ?? SnapshotFixtures.storm()
        snapshot.sysctl.tcpKeepaliveTime = 7200
        snapshot.sysctl.tcpKeepaliveIntvl = 75
        snapshot.sysctl.tcpKeepaliveProbes = 9
        snapshot.health = ConnectionHealth(
            destinations: [
                .init(address: database, port: 5432,
                      figures: HealthFigures(established: 790, keepAlive: 0, idleOver1m: 700, idleOver10m: 640, idleOver1h: 12,
                                             synSent: 3, synSentOver3s: 2, synSentOldestSeconds: 4.53, rttMedianMicroseconds: 400,
                                             rttP99Microseconds: 38_000, retransmits: 3, segmentsOut: 9_000, unacked: 1),
                      earlierRTT: .init(secondsAgo: 300, p99Microseconds: 400)),
                .init(address: cache, port: 6379,
                      figures: HealthFigures(established: 20, keepAlive: 20, idleOver1m: 0, idleOver10m: 0, idleOver1h: 0,
                                             rttMedianMicroseconds: 8, rttP99Microseconds: 90_000, retransmits: 40, segmentsOut: 400,
                                             unacked: 0)),
            ],
            destinationCount: 2,
            processes: [.init(process: ProcessIdentity(pid: 812, command: "api"),
                              figures: HealthFigures(established: 790, idleOver1m: 700, idleOver10m: 640, idleOver1h: 12),
                              busiestDestination: RemoteEndpoint(address: database, port: 5432))],
            tcpInfo: true)
        return snapshot
    }

    func testGroupingByHealthListsDestinationsSortsAndDrills() throws {
        var view = ViewState()
        view.focus = .peers
        var model = DashboardModel.fixture(HealthViewTests.snapshot(), previous: SnapshotFixtures.stormPrevious(),
                                           history: SnapshotFixtures.stormHistory(), view: view)
        for _ in 0..<3 { _ = model.handle(.character("g")) }
        XCTAssertEqual(model.view.peersGrouping, .health)
        XCTAssertEqual(model.view.sortKey(for: .peers), .pool)
        model.syncView(width: 120, height: 40)
        var screen = Dashboard.render(model, width: 120, height: 40).text().joined(separator: "\n")
        XCTAssertTrue(screen.contains("Connection health"), screen)
        let row = try XCTUnwrap(screen.split(separator: "\n").first { $0.contains("10.0.3.17:5432") && $0.contains("38ms") }, screen)
        XCTAssertTrue(row.contains("10.0.3.17:5432     790     640     0      2     38ms     3│"), String(row))
        XCTAssertEqual(model.drillTarget(forSelectionIn: .peers), .destination(address: HealthViewTests.database, port: 5432))
        for _ in 0..<3 { _ = model.handle(.character("s")) }
        XCTAssertEqual(model.view.sortKey(for: .peers), .rtt)
        screen = Dashboard.render(model, width: 120, height: 40).text().joined(separator: "\n")
        XCTAssertTrue(screen.contains("by RTT p99"), screen)
        XCTAssertEqual(model.drillTarget(forSelectionIn: .peers), .destination(address: HealthViewTests.cache, port: 6379),
                       "90 ms over 38 ms")
        _ = model.handle(.character("g"))
        XCTAssertEqual(model.view.peersGrouping, .peer)
        XCTAssertEqual(model.view.sortKey(for: .peers), .total, "the health order does not carry over to peers")
    }

    func testTheDestinationViewShowsPoolLatencyAndTheKeepAliveDefaults() {
        let target = DrillTarget.destination(address: HealthViewTests.database, port: 5432)
        var view = ViewState()
        view.drill = target
        let model = DashboardModel.fixture(HealthViewTests.snapshot(drill: target), previous: SnapshotFixtures.stormPrevious(),
                                           history: SnapshotFixtures.stormHistory(), view: view)
        let screen = Dashboard.render(model, width: 160, height: 50).text().joined(separator: "\n")
        XCTAssertTrue(screen.contains("pool 790  idle >1m 700 >10m 640 >1h 12  keep-alive 0"), screen)
        XCTAssertTrue(screen.contains("rtt p50 0.4ms p99 38ms was 0.4ms  retrans 3 of 9.0k  unacked 1  SYN_SENT 3 >3s 2 oldest 4.5s"), screen)
        XCTAssertTrue(screen.contains("keep-alive is per socket (SO_KEEPALIVE); the sysctls set its defaults:  time 7200s  intvl 75s  probes 9"),
                      screen)
    }

    func testTheProcessViewShowsItsPools() {
        let target = DrillTarget.process(pid: 812)
        var view = ViewState()
        view.drill = target
        let model = DashboardModel.fixture(HealthViewTests.snapshot(drill: target), previous: SnapshotFixtures.stormPrevious(),
                                           history: SnapshotFixtures.stormHistory(), view: view)
        let screen = Dashboard.render(model, width: 160, height: 50).text().joined(separator: "\n")
        XCTAssertTrue(screen.contains("pool 790  idle >1m 700 >10m 640 >1h 12  keep-alive 0"), screen)
    }
}
