import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// The conntrack files read from fixture trees: present (Tests/Fixtures/proc-conntrack), absent
/// (proc-storm: module not loaded → not in use), and with broken statistics.
final class ConntrackReaderTests: XCTestCase {
    func testFixtureTreeGivesCountLimitsTimeoutsAndSummedStatistics() throws {
        var warnings = [String]()
        let sample = try XCTUnwrap(ConntrackReader(root: ProcRoot(path: FixturePaths.fixture("proc-conntrack"))).read(&warnings))
        XCTAssertEqual(warnings, [])
        XCTAssertEqual(sample.count, 258_000)
        XCTAssertEqual(sample.max, 262_144)
        XCTAssertEqual(sample.buckets, 65_536)
        XCTAssertEqual(sample.tcpTimeouts["nf_conntrack_tcp_timeout_time_wait"], 120)
        XCTAssertEqual(sample.tcpTimeouts["nf_conntrack_tcp_timeout_established"], 432_000)
        XCTAssertEqual(sample.statistics?["insert_failed"], 248)
        XCTAssertEqual(sample.statistics?["early_drop"], 50)
        XCTAssertNil(sample.table)
    }

    func testAbsentModuleIsNotInUseWithoutWarning() {
        var warnings = [String]()
        XCTAssertNil(ConntrackReader(root: ProcRoot(path: FixturePaths.fixture("proc-storm"))).read(&warnings))
        XCTAssertEqual(warnings, [])
    }

    func testBrokenStatisticsKeepTheCountAndSayWhy() throws {
        let scratch = try ScratchDirectory("conntrack-reader")
        let root = scratch.path + "/proc"
        try FileManager.default.copyItem(atPath: FixturePaths.fixture("proc-conntrack"), toPath: root)
        try FileManager.default.removeItem(atPath: root + "/net/stat/nf_conntrack")
        try FileManager.default.copyItem(atPath: FixturePaths.fixture("conntrack-stat/not-hex"), toPath: root + "/net/stat/nf_conntrack")
        var warnings = [String]()
        let sample = try XCTUnwrap(ConntrackReader(root: ProcRoot(path: root)).read(&warnings))
        XCTAssertEqual(sample.count, 258_000)
        XCTAssertNil(sample.statistics)
        XCTAssertEqual(warnings.count, 1)
        XCTAssertTrue(warnings[0].hasPrefix("\(root)/net/stat/nf_conntrack: 'insert_failed' is not hexadecimal: '0003efd0  "), warnings[0])
        XCTAssertTrue(warnings[0].hasSuffix("; value ignored"), warnings[0])
    }

    func testCollectorUnderAProcRootReadsCountersButTakesNoDump() throws {
        let collector = Collector(root: ProcRoot(path: FixturePaths.fixture("proc-conntrack")), useNetlink: false)
        let sample = collector.collect(CollectRequest(processes: false, owners: false))
        XCTAssertEqual(sample.conntrack?.count, 258_000)
        XCTAssertNil(sample.conntrack?.table, "a given tree may not be this namespace's: no ctnetlink dump")
        XCTAssertNil(sample.timings.conntrackMs)
    }
}
