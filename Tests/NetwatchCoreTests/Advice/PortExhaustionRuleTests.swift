import XCTest
@testable import NetwatchCore
import TestSupport

final class PortExhaustionRuleTests: XCTestCase {
    private func snapshot(_ destination: Snapshot.Destination, twReuse: Int64? = 0) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.ports.destinations = [destination]
        snapshot.ports.worst = destination
        snapshot.sysctl.tcpTwReuse = twReuse
        return snapshot
    }

    func testWarnsAtSeventyPercentAndStaysQuietJustBelow() {
        let atThreshold = AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(AdviceTesting.destination(used: 7_000, usable: 10_000)))
        XCTAssertEqual(atThreshold?.severity, .warning)
        XCTAssertEqual(atThreshold?.title, "ephemeral ports 70% used toward 10.0.3.17:5432")
        XCTAssertEqual(AdviceTesting.findings("ephemeral_exhaustion",
                                              in: snapshot(AdviceTesting.destination(used: 6_999, usable: 10_000))), [])
    }

    func testCriticalAtNinetyPercentWithEvidenceAndTimeToExhaustion() throws {
        let destination = AdviceTesting.destination(used: 26_300, timeWait: 26_000, growth: 48.3)
        let finding = try XCTUnwrap(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(destination)))
        XCTAssertEqual(finding.severity, .critical)
        XCTAssertEqual(finding.title, "ephemeral ports 93% used toward 10.0.3.17:5432, out in ~40 s")
        XCTAssertEqual(finding.evidence, [
            Evidence("destination", "10.0.3.17:5432"), Evidence("local_address", "10.0.1.5"), Evidence("used", 26_300),
            Evidence("usable", 28_232), Evidence("ratio", 26_300.0 / 28_232), Evidence("time_wait", 26_000),
            Evidence("growth_per_s", 48.3), Evidence("seconds_to_exhaustion", 1_932 / 48.3),
            Evidence("ip_local_port_range", "32768 60999"), Evidence("tcp_tw_reuse", 0),
        ])
        XCTAssertEqual(finding.target, .destination(address: SnapshotFixtures.database, port: 5432))
    }

    func testRemediesInOrderWithExactCommands() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("ephemeral_exhaustion",
                                                          in: snapshot(AdviceTesting.destination(used: 26_300, timeWait: 26_000))))
        XCTAssertEqual(finding.suggestion.count, 5)
        XCTAssertTrue(finding.suggestion[0].hasPrefix("Reuse connections: HTTP keep-alive or a connection pool in the client toward 10.0.3.17:5432"))
        XCTAssertTrue(finding.suggestion[0].contains("(26000 of the 26300 ports are in TIME_WAIT now)"))
        XCTAssertEqual(finding.suggestion[1], "tcp_tw_reuse is 0 (off): TIME_WAIT ports stay taken for their whole 60 s. "
            + "0 = off, 1 = on, 2 = loopback only (the default); with reuse a new outgoing connection may take over a TIME_WAIT "
            + "entry older than tcp_tw_reuse_delay (1000 ms). It affects outgoing connections only. Enable it for this client: "
            + "sysctl -w net.ipv4.tcp_tw_reuse=1")
        XCTAssertTrue(finding.suggestion[2].hasPrefix("Widen the port range from 32768 60999 (28232 ports) to 10000 65535 (55536 ports): "
            + "sysctl -w net.ipv4.ip_local_port_range=\"10000 65535\"; "))
        XCTAssertTrue(finding.suggestion[3].contains("more source addresses"))
        XCTAssertTrue(finding.suggestion[4].hasPrefix("If the client calls bind() before connect()"))
        XCTAssertTrue(finding.suggestion[4].contains("IP_BIND_ADDRESS_NO_PORT"))
    }

    func testReuseModeTwoExplainsItOnlyHelpsLoopback() throws {
        let remote = try XCTUnwrap(AdviceTesting.finding("ephemeral_exhaustion",
                                                         in: snapshot(AdviceTesting.destination(used: 9_000, usable: 10_000), twReuse: 2)))
        XCTAssertTrue(remote.suggestion[1].hasPrefix("tcp_tw_reuse is 2, which only helps loopback; 10.0.3.17 is not loopback."))
        XCTAssertTrue(remote.suggestion[1].hasSuffix("sysctl -w net.ipv4.tcp_tw_reuse=1"))
        let loopback = try XCTUnwrap(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(
            AdviceTesting.destination(used: 9_000, usable: 10_000, remote: SnapshotFixtures.loopback), twReuse: 2)))
        XCTAssertTrue(loopback.suggestion[1].hasPrefix("tcp_tw_reuse is 2 and already applies here: "))
        XCTAssertFalse(loopback.suggestion[1].contains("sysctl -w"))
    }

    func testProposedRangeKeepsALowerStartAndOppositeParity() {
        XCTAssertEqual(PortExhaustionRule.proposedRange(32_768...60_999), 10_000...65_535)
        XCTAssertEqual(PortExhaustionRule.proposedRange(1_025...20_000), 1_025...65_534)
        XCTAssertEqual(PortExhaustionRule.proposedRange(40_000...40_009), 10_000...65_535)
        XCTAssertEqual(PortExhaustionRule.widerRange(1_024...65_535),
                       "ip_local_port_range is already wide (1024 65535, 64512 ports): keep-alive or more addresses are what is left.")
    }

    func testThresholdsComeFromTheConfig() {
        var thresholds = AdviceThresholds()
        thresholds.portsWarning = 0.5
        let finding = AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(AdviceTesting.destination(used: 5_000, usable: 10_000)),
                                            thresholds: thresholds)
        XCTAssertEqual(finding?.severity, .warning)
    }
}
