import XCTest
@testable import NetwatchCore
import TestSupport

final class PortExhaustionRuleTests: XCTestCase {
    private func snapshot(_ destination: Snapshot.Destination, twReuse: Int64? = 0, timestamps: Int64? = 1) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.ports.destinations = [destination]
        snapshot.ports.worst = destination
        snapshot.sysctl.tcpTwReuse = twReuse
        snapshot.sysctl.tcpTimestamps = timestamps
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
            Evidence("ip_local_port_range", "32768 60999"), Evidence("tcp_tw_reuse", 0), Evidence("tcp_timestamps", 1),
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
            + "entry older than tcp_tw_reuse_delay (1000 ms) if TCP timestamps are on. It affects outgoing connections only. "
            + "Enable it in this network namespace (it applies to every outgoing connection made here): "
            + "sysctl -w net.ipv4.tcp_tw_reuse=1")
        XCTAssertFalse(finding.suggestion.joined().contains("for this client"))
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
        XCTAssertTrue(loopback.suggestion[1].hasPrefix("tcp_tw_reuse is 2 and tcp_timestamps is on, so reuse applies here: "))
        XCTAssertFalse(loopback.suggestion[1].contains("sysctl -w"))
    }

    func testProposedRangeKeepsALowerStartAndOppositeParity() {
        XCTAssertEqual(PortExhaustionRule.proposedRange(32_768...60_999), 10_000...65_535)
        XCTAssertEqual(PortExhaustionRule.proposedRange(1_025...20_000), 1_025...65_534)
        XCTAssertEqual(PortExhaustionRule.proposedRange(40_000...40_009), 10_000...65_535)
        var wide = Sysctls()
        wide.ipLocalPortRange = 1_024...65_535
        XCTAssertEqual(PortExhaustionRule.widerRange(wide, listeners: []),
                       "ip_local_port_range is already wide (1024 65535, 64512 ports): keep-alive or more addresses are what is left.")
    }

    func testThresholdsComeFromTheConfig() {
        var thresholds = AdviceThresholds()
        thresholds.portsWarning = 0.5
        let finding = AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(AdviceTesting.destination(used: 5_000, usable: 10_000)),
                                            thresholds: thresholds)
        XCTAssertEqual(finding?.severity, .warning)
    }

    func testReuseWithTimestampsOffIsNotReuseAndSaysSo() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(
            AdviceTesting.destination(used: 9_000, usable: 10_000, remote: SnapshotFixtures.loopback), twReuse: 1, timestamps: 0)))
        XCTAssertEqual(AdviceTesting.evidence(finding, "tcp_timestamps"), .integer(0))
        XCTAssertNil(AdviceTesting.evidence(finding, "ratio_with_reuse"))
        XCTAssertEqual(finding.suggestion[1], "tcp_tw_reuse is 1 but net.ipv4.tcp_timestamps is 0: reuse needs TCP timestamps, "
            + "so no TIME_WAIT entry is reused and every one holds its port for 60 s. Turn them on in this network namespace: "
            + "sysctl -w net.ipv4.tcp_timestamps=1. 0 = off, 1 = on, 2 = loopback only (the default); with reuse a new outgoing "
            + "connection may take over a TIME_WAIT entry older than tcp_tw_reuse_delay (1000 ms) if TCP timestamps are on. "
            + "It affects outgoing connections only.")
    }

    func testSeverityRisesWithTheTimeToFull() throws {
        // 36% used, full in 25 s: critical by time although the share is below the warning.
        let soon = try XCTUnwrap(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(
            AdviceTesting.destination(used: 3_600, usable: 10_000, growth: 256))))
        XCTAssertEqual(soon.severity, .critical)
        XCTAssertEqual(soon.title, "ephemeral ports 36% used toward 10.0.3.17:5432, out in ~25 s")
        XCTAssertEqual(AdviceTesting.evidence(soon, "seconds_to_exhaustion"), .number(6_400.0 / 256))
        // Full in 600 s exactly: a warning; in 601 s: quiet.
        XCTAssertEqual(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(
            AdviceTesting.destination(used: 4_000, usable: 10_000, growth: 10)))?.severity, .warning)
        XCTAssertEqual(AdviceTesting.findings("ephemeral_exhaustion", in: snapshot(
            AdviceTesting.destination(used: 3_990, usable: 10_000, growth: 10))), [])
        var thresholds = AdviceThresholds()
        thresholds.portsFullInWarningSeconds = 700
        XCTAssertEqual(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(
            AdviceTesting.destination(used: 3_990, usable: 10_000, growth: 10)), thresholds: thresholds)?.severity, .warning)
    }

    func testFullStaysFullAndCritical() throws {
        var full = AdviceTesting.destination(used: 10_000, usable: 10_000, growth: 0)
        full.secondsToExhaustion = 0
        var thresholds = AdviceThresholds()
        thresholds.portsCritical = 1
        thresholds.portsWarning = 1
        let finding = try XCTUnwrap(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot(full), thresholds: thresholds))
        XCTAssertEqual(finding.severity, .critical)
        XCTAssertEqual(finding.title, "ephemeral ports 100% used toward 10.0.3.17:5432: full")
    }

    func testWideningReservesTheListenersInsideTheProposedRange() {
        var sysctl = Sysctls()
        sysctl.ipLocalPortRange = 32_768...60_999
        sysctl.ipLocalReservedPorts = [8_080...8_080, 50_001...50_002]
        XCTAssertEqual(PortExhaustionRule.widerRange(sysctl, listeners: [80, 50_000, 50_001, 5_432, 20_000]),
                       "Widen the port range from 32768 60999 (28232 ports) to 10000 65535 (55536 ports), first reserving the "
                       + "ports services listen on inside it (20000, 50000) so connect() does not take them: "
                       + "sysctl -w net.ipv4.ip_local_reserved_ports=8080,20000,50000-50002, then "
                       + "sysctl -w net.ipv4.ip_local_port_range=\"10000 65535\"")
        XCTAssertEqual(PortExhaustionRule.widerRange(sysctl, listeners: [80]),
                       "Widen the port range from 32768 60999 (28232 ports) to 10000 65535 (55536 ports): "
                       + "sysctl -w net.ipv4.ip_local_port_range=\"10000 65535\"; no service listens inside the new range now "
                       + "(list the port of one started later in net.ipv4.ip_local_reserved_ports first, so it still finds its port free).")
    }
}
