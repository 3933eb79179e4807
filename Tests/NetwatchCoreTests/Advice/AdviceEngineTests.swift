import XCTest
@testable import NetwatchCore
import TestSupport

final class AdviceEngineTests: XCTestCase {
    func testAnIdleSystemGivesNoFindings() {
        XCTAssertEqual(AdviceEngine.findings(for: SnapshotFixtures.idle()), [])
        XCTAssertEqual(AdviceEngine.findings(for: SnapshotFixtures.idle(), history: SnapshotFixtures.idleHistory()), [])
        XCTAssertEqual(AdviceEngine.findings(for: SnapshotFixtures.missingData()), [])
        XCTAssertEqual(SnapshotFixtures.idle().advice, [])
    }

    func testTheStormIsDiagnosedMostSevereFirst() {
        let findings = AdviceEngine.findings(for: SnapshotFixtures.storm(), history: SnapshotFixtures.stormHistory())
        XCTAssertEqual(findings.map(\.id), ["ephemeral_exhaustion", "listen_overflow", "process_fds",
                                            "time_wait_buckets", "close_wait", "syn_sent"])
        XCTAssertEqual(findings.map(\.severity), [.critical, .critical, .critical, .warning, .warning, .warning])
        XCTAssertEqual(findings[0].target, .destination(address: SnapshotFixtures.database, port: 5432))
        XCTAssertEqual(findings[4].title, "java (pid 2201) holds 400 CLOSE_WAIT sockets (port 41000): it does not close them")
    }

    func testTheBuilderAttachesAdviceWithoutHistory() {
        let advice = SnapshotFixtures.storm().advice
        XCTAssertEqual(advice.map(\.id), ["ephemeral_exhaustion", "listen_overflow", "process_fds",
                                          "time_wait_buckets", "close_wait", "syn_sent"])
        XCTAssertEqual(advice.map(\.severity), [.critical, .critical, .critical, .warning, .warning, .warning])
        XCTAssertEqual(advice[0].target, .destination(address: SnapshotFixtures.database, port: 5432))
        XCTAssertEqual(advice[4].title, "java (pid 2201) holds 400 CLOSE_WAIT sockets (port 41000): it does not close them")
    }

    func testTheBuilderUsesTheConfiguredThresholds() {
        var sample = RawSample(takenAt: SnapshotFixtures.takenAt, monotonicSeconds: 1, source: .netlink)
        sample.sysctl.ipLocalPortRange = 40_000...40_009
        var table = SocketTable()
        table.destinations = [DestinationKey(localAddress: SnapshotFixtures.client, remoteAddress: SnapshotFixtures.database,
                                             remotePort: 5432): DestinationUsage(used: 6, timeWait: 6)]
        sample.table = table
        XCTAssertEqual(SnapshotBuilder.build(sample, previous: nil, options: .init()).advice, [])
        var thresholds = AdviceThresholds()
        thresholds.portsWarning = 0.6
        let advice = SnapshotBuilder.build(sample, previous: nil, options: .init(advice: thresholds)).advice
        XCTAssertEqual(advice.map(\.title), ["ephemeral ports 60% used toward 10.0.3.17:5432"])
        XCTAssertEqual(advice.map(\.severity), [.warning])
    }

    /// docs/KERNEL.md §4: never suggest tcp_tw_recycle (removed in 4.12); tcp_fin_timeout only
    /// about orphaned FIN_WAIT2 (and, in the TIME_WAIT advice, to say it does not shorten it).
    func testNoFindingRepeatsATimeWaitMyth() {
        var snapshot = SnapshotFixtures.storm()
        snapshot.states?.orphanedFinWait2 = 6_000
        snapshot.rates[.timeWaitOverflow] = .some(40)
        snapshot.rates[.retransSegs] = .some(5_000)
        snapshot.rates[.outRsts] = .some(5_000)
        snapshot.states?.ipv4[.established] = 100
        snapshot.fds.systemAllocated = snapshot.fds.systemMax
        let findings = AdviceEngine.findings(for: snapshot, history: SnapshotFixtures.stormHistory())
        XCTAssertEqual(Set(findings.map(\.id)), ["ephemeral_exhaustion", "time_wait_buckets", "listen_overflow", "process_fds",
                                                 "system_fds", "close_wait", "syn_sent", "connection_churn", "orphaned_fin_wait2",
                                                 "retransmit_spike", "reset_spike"])
        for finding in findings {
            let text = ([finding.title] + finding.suggestion).joined(separator: " ")
            XCTAssertFalse(text.contains("recycle"), finding.id)
            if text.contains("tcp_fin_timeout") {
                XCTAssertTrue(finding.id == "orphaned_fin_wait2" || text.contains("tcp_fin_timeout does not shorten it"), finding.id)
            }
        }
    }
}
