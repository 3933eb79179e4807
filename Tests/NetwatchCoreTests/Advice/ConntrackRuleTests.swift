import XCTest
@testable import NetwatchCore
import TestSupport

/// The conntrack findings on the fixture statistics (Tests/Fixtures/conntrack-stat): two samples
/// 2 s apart, 258000 of 262144 entries, insert_failed 100/s, drop 11/s, early_drop 25/s.
final class ConntrackRuleTests: XCTestCase {
    func snapshot(count: Int64 = 258_000, before: String = "before", table: ConntrackTable? = ConntrackSnapshotTests.table())
        throws -> Snapshot {
        var (previous, sample) = try ConntrackSnapshotTests.samples(count: count)
        previous.conntrack?.statistics = try ConntrackSnapshotTests.stats(before)
        sample.conntrack?.table = table
        var snapshot = AdviceTesting.quiet()
        snapshot.conntrack = SnapshotBuilder.build(sample, previous: previous, options: .init(top: 10)).conntrack
        return snapshot
    }

    func testFullTableWhileDroppingIsCriticalWithExactEvidence() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("conntrack_table_full", in: try snapshot()))
        XCTAssertEqual(finding.severity, .critical)
        XCTAssertEqual(finding.title, "conntrack table at 98% of nf_conntrack_max (258000 of 262144): new flows are being dropped")
        XCTAssertEqual(finding.evidence, [
            Evidence("conntrack_count", 258_000), Evidence("nf_conntrack_max", 262_144), Evidence("ratio", 258_000.0 / 262_144),
            Evidence("nf_conntrack_buckets", 65_536), Evidence("drop_per_s", 11.0), Evidence("early_drop_per_s", 25.0),
            Evidence("growth_per_s", 6_120.0), Evidence("time_wait_entries", 2), Evidence("nf_conntrack_tcp_timeout_time_wait", 120),
        ])
        XCTAssertTrue(finding.suggestion[0].hasPrefix("nf_conntrack_max is one limit for every network namespace on the host "
            + "together, and only the initial namespace can change it (a container cannot): sysctl -w net.netfilter.nf_conntrack_max=524288"))
        XCTAssertTrue(finding.suggestion[1].hasPrefix("Lookups walk one hash chain: now 3.9 entries per bucket (258000 over "
            + "nf_conntrack_buckets 65536)."))
        XCTAssertTrue(finding.suggestion[1].contains("sysctl -w net.netfilter.nf_conntrack_buckets=524288"))
        XCTAssertTrue(finding.suggestion[2].contains("sysctl -w net.netfilter.nf_conntrack_tcp_timeout_time_wait=30"))
    }

    func testFillAloneWarnsAtEightyPercentAndNotBelow() throws {
        // "after" as the previous sample too: every rate is 0.
        let below = try snapshot(count: 209_715, before: "after")
        XCTAssertEqual(AdviceTesting.findings("conntrack_table_full", in: below), [])
        let warning = try XCTUnwrap(AdviceTesting.finding("conntrack_table_full", in: try snapshot(count: 209_716, before: "after")))
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertEqual(warning.title, "conntrack table at 80% of nf_conntrack_max (209716 of 262144)")
    }

    func testInsertFailedUnderSNATNamesTheDestinationAndTheCure() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("conntrack_insert_failed", in: try snapshot()))
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.title, "conntrack insert_failed rising: 100/s under SNAT toward 10.0.3.17:5432")
        XCTAssertEqual(finding.evidence, [
            Evidence("insert_failed_per_s", 100.0), Evidence("insert_failed", 248), Evidence("destination", "10.0.3.17:5432"),
            Evidence("snat_entries", 3), Evidence("snat_addresses", 1), Evidence("busiest_snat_address", "192.0.2.10"),
        ])
        XCTAssertEqual(finding.target, .destination(address: ConntrackSnapshotTests.server, port: 5432))
        XCTAssertTrue(finding.suggestion[1].contains("--random-fully"))
    }

    func testInsertFailedWithoutSNATSaysItIsNotPortCollisions() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("conntrack_insert_failed", in: try snapshot(table: ConntrackTable())))
        XCTAssertEqual(finding.severity, .info)
        XCTAssertEqual(finding.title, "conntrack insert_failed rising: 100/s")
        XCTAssertTrue(finding.suggestion[0].hasPrefix("The last dump shows no source-NAT entries: not SNAT port collisions."))
    }

    func testInsertFailedWithoutADumpDoesNotGuessAboutSNAT() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("conntrack_insert_failed", in: try snapshot(table: nil)))
        XCTAssertEqual(finding.severity, .info)
        XCTAssertTrue(finding.suggestion[0].hasPrefix("No ctnetlink dump to tell whether SNAT applies (it needs CAP_NET_ADMIN)."))
    }

    func testNoFindingsWhenQuietOrNotInUse() throws {
        XCTAssertEqual(AdviceTesting.findings("conntrack_table_full", in: AdviceTesting.quiet()), [])
        let calm = try snapshot(count: 1_000, before: "after")
        XCTAssertEqual(AdviceEngine.findings(for: calm).filter { $0.id.hasPrefix("conntrack") }, [])
    }

    func testMostlyTimeWaitTowardOneDestination() throws {
        var table = ConntrackTable()
        let client = IPAddress("10.0.1.5")!, server = ConntrackSnapshotTests.server
        for port in 0..<1_200 {
            let state: ConntrackTCPState = port < 1_000 ? .timeWait : .established
            table.add(ConntrackEntry(ipProtocol: 6,
                                     original: .init(source: client, destination: server, sourcePort: UInt16(20_000 + port), destinationPort: 5432),
                                     reply: .init(source: server, destination: client, sourcePort: 5432, destinationPort: UInt16(20_000 + port)),
                                     tcpState: state))
        }
        let finding = try XCTUnwrap(AdviceTesting.finding("conntrack_time_wait_destination", in: try snapshot(count: 1_200, before: "after", table: table)))
        XCTAssertEqual(finding.severity, .info)
        XCTAssertEqual(finding.title, "100% of conntrack entries are toward 10.0.3.17:5432, 1000 of them TIME_WAIT")
        XCTAssertEqual(finding.evidence, [Evidence("destination", "10.0.3.17:5432"), Evidence("entries", 1_200), Evidence("time_wait", 1_000),
                                          Evidence("dumped_entries", 1_200), Evidence("nf_conntrack_tcp_timeout_time_wait", 120)])
        // 999 TIME_WAIT entries: below the minimum.
        table.tcpByState[.timeWait] = 999
        table.destinations = table.destinations.mapValues { var c = $0; c.timeWait = 999; return c }
        XCTAssertEqual(AdviceTesting.findings("conntrack_time_wait_destination", in: try snapshot(count: 1_200, before: "after", table: table)), [])
    }
}
