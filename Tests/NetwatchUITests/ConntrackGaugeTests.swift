import Foundation
import NetwatchCore
@testable import NetwatchUI
import TestSupport
import XCTest

/// The conntrack gauge in the file-descriptor pane at 80x24: present with its numbers and
/// roles when conntrack is in use, absent (the pane as before) when it is not.
final class ConntrackGaugeTests: XCTestCase {
    func storm(conntrack: Snapshot.Conntrack?, width: Int = 80) -> ScreenBuffer {
        var snapshot = SnapshotFixtures.storm()
        snapshot.conntrack = conntrack
        return Dashboard.render(.fixture(snapshot), width: width, height: 24)
    }

    static let nearlyFull = Snapshot.Conntrack(count: 258_000, max: 262_144, buckets: 65_536, growthPerSecond: 6_120,
                                               statistics: ["drop": 22, "early_drop": 50, "insert_failed": 248, "search_restart": 10],
                                               ratesPerSecond: ["drop": 11, "early_drop": 0, "insert_failed": 100, "search_restart": 1])

    func row(containing text: String, in buffer: ScreenBuffer) -> (String, Int)? {
        buffer.text().enumerated().first { $0.element.contains(text) }.map { ($0.element, $0.offset) }
    }

    func testGaugeShowsEntriesAgainstTheLimitWithTrendAndLossEventsInTheTitle() throws {
        let buffer = storm(conntrack: Self.nearlyFull)
        let (gauge, y) = try XCTUnwrap(row(containing: "conntrack", in: buffer))
        XCTAssertTrue(gauge.contains("conntrack  98% "), gauge)
        XCTAssertTrue(gauge.contains(" 258k/262k +6.1k/s"), gauge)
        let scalars = Array(gauge.unicodeScalars)
        let percentX = try XCTUnwrap(scalars.indices.first { scalars[$0...].starts(with: "98%".unicodeScalars) })
        XCTAssertEqual(buffer[percentX, y]?.role, .critical)
        let system = try XCTUnwrap(row(containing: "system", in: buffer))
        XCTAssertEqual(system.1 + 1, y, "right under the system fd gauge")
        let title = try XCTUnwrap(row(containing: "File descriptors", in: buffer))
        XCTAssertTrue(title.0.contains("File descriptors  ct loss  by %"), title.0)
        let wide = try XCTUnwrap(row(containing: "File descriptors", in: storm(conntrack: Self.nearlyFull, width: 160))).0
        XCTAssertTrue(wide.contains("File descriptors  ct drop 11/s insert_failed 100/s  by %"), "no early drops this second: not named; \(wide)")
    }

    func testNotInUseLeavesThePaneAsItWas() throws {
        let buffer = storm(conntrack: nil)
        XCTAssertNil(row(containing: "│conntrack", in: buffer))
        let system = try XCTUnwrap(row(containing: "system", in: buffer))
        XCTAssertTrue(buffer.text()[system.1 + 1].contains("PID"), "the process table follows the system gauge")
        XCTAssertFalse(try XCTUnwrap(row(containing: "File descriptors", in: buffer)).0.contains("ct "))
    }
}
