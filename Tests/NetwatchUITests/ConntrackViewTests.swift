import Foundation
import NetwatchCore
@testable import NetwatchUI
import TestSupport
import XCTest

/// The conntrack view (`c`) at 100x30: events per second, TCP entries per state, the destinations
/// with their SNAT sources; what it says without conntrack or without a dump; and the gauge's
/// sparkline of the count's history.
final class ConntrackViewTests: XCTestCase {
    static let table: Snapshot.Conntrack = {
        var conntrack = ConntrackGaugeTests.nearlyFull
        conntrack.byState = [.timeWait: 98_000, .established: 1_200, .synSent: 3]
        conntrack.dumped = 258_000
        conntrack.destinationCount = 2
        conntrack.destinations = [
            Snapshot.ConntrackDestination(ipProtocol: 6, address: IPAddress("10.0.3.17")!, port: 443, entries: 200_000,
                                          timeWait: 97_000, sourceNAT: [Snapshot.NATSource(address: IPAddress("192.0.2.1")!, entries: 60_000),
                                                                        Snapshot.NATSource(address: IPAddress("192.0.2.2")!, entries: 40_000)]),
            Snapshot.ConntrackDestination(ipProtocol: 17, address: IPAddress("10.0.0.53")!, port: 53, entries: 58_000, timeWait: 0),
        ]
        return conntrack
    }()

    func render(_ conntrack: Snapshot.Conntrack?, snapshot: Bool = true, history: History? = nil, width: Int = 100) -> [String] {
        var fixture = SnapshotFixtures.storm()
        fixture.conntrack = conntrack
        var view = ViewState()
        view.conntrackShown = true
        return Dashboard.render(.fixture(snapshot ? fixture : nil, history: history, view: view), width: width, height: 30).text()
    }

    func testViewShowsEventsStatesAndDestinationsWithTheirSNATSources() throws {
        let lines = render(Self.table)
        let text = lines.joined(separator: "\n")
        XCTAssertTrue(lines.contains { $0.contains("┌ Conntrack  dumped 258k  2 destinations ") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("│conntrack  98% ") && $0.contains(" 258k/262k +6.1k/s│") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("│events/s  insert_failed 100  drop 11  early_drop 0  search_restart 1 ") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("│TCP  TIME_WAIT 98.0k  ESTABLISHED 1.2k  SYN_SENT 3 ") }, text)
        let header = try XCTUnwrap(lines.first { $0.contains("DESTINATION") })
        XCTAssertTrue(header.hasPrefix("│PROTO DESTINATION            ENTRIES TIME_WAIT SNAT SOURCES"), header)
        XCTAssertTrue(lines.contains { $0.hasPrefix("│tcp   10.0.3.17:443             200k     97.0k 192.0.2.1 ×60.0k, 192.0.2.2 ×40.0k ") }, text)
        XCTAssertTrue(lines.contains { $0.hasPrefix("│udp   10.0.0.53:53             58.0k         0 - ") }, text)
        XCTAssertEqual(lines.last?.hasPrefix(" esc back  e export  q quit  ? help"), true, lines.last ?? "")
    }

    func testWithoutADumpTheStatesAndTableSayWhy() {
        var counters = Self.table
        counters.byState = nil
        counters.destinations = nil
        counters.dumped = nil
        counters.destinationCount = nil
        let lines = render(counters)
        XCTAssertTrue(lines.contains { $0.hasPrefix("│TCP  no ctnetlink dump yet: states and destinations come with the socket walk") },
                      lines.joined(separator: "\n"))
        XCTAssertTrue(lines.contains { $0.hasPrefix("│no ctnetlink dump yet") }, lines.joined(separator: "\n"))
    }

    func testNotInUseAndNoSampleYetAreSaidSo() {
        XCTAssertTrue(render(nil).contains { $0.hasPrefix("│conntrack not in use (nf_conntrack is not loaded here)") })
        XCTAssertTrue(render(nil, snapshot: false).contains { $0.hasPrefix("│waiting for the first sample") })
    }

    func testGaugeDrawsTheCountsHistoryAsASparkline() throws {
        var history = History(windowSeconds: 300, intervalSeconds: 1)
        for (offset, count) in [0.0, 64_000, 128_000, 192_000, 256_000].enumerated() {
            history.append(HistoryPoint(time: SnapshotFixtures.takenAt.addingTimeInterval(Double(offset - 4)), value: count), to: .conntrack)
        }
        let lines = render(Self.table, history: history)
        let gauge = try XCTUnwrap(lines.first { $0.hasPrefix("│conntrack  98% ") })
        // 98 inner columns: a 16-column sparkline of the rise above the lowest point shown, the
        // newest point at its right end, before the counts.
        XCTAssertTrue(gauge.hasSuffix("           ▂▄▆█ 258k/262k +6.1k/s│"), gauge)
        var steady = History(windowSeconds: 300, intervalSeconds: 1)
        for offset in 0..<5 {
            steady.append(HistoryPoint(time: SnapshotFixtures.takenAt.addingTimeInterval(Double(offset - 4)), value: 258_000), to: .conntrack)
        }
        let flat = try XCTUnwrap(render(Self.table, history: steady).first { $0.hasPrefix("│conntrack  98% ") })
        XCTAssertTrue(flat.hasSuffix("█▏                  258k/262k +6.1k/s│"), "a steady count draws blank, not a second bar: \(flat)")
        XCTAssertEqual(ConntrackGauge.sparklineWidth(row: Rect(x: 0, y: 0, width: 47, height: 1)), 0)
        XCTAssertEqual(ConntrackGauge.sparklineWidth(row: Rect(x: 0, y: 0, width: 60, height: 1)), 10)
        XCTAssertEqual(ConntrackGauge.sparklineWidth(row: Rect(x: 0, y: 0, width: 200, height: 1)), 16)
    }

    func testHistorySeriesIsTheCountAndNilWhenNotInUse() {
        var snapshot = SnapshotFixtures.storm()
        snapshot.conntrack = Self.table
        XCTAssertEqual(HistorySeries.conntrack.value(in: snapshot), 258_000)
        snapshot.conntrack = nil
        XCTAssertNil(HistorySeries.conntrack.value(in: snapshot))
    }
}
