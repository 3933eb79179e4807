import XCTest
@testable import NetwatchCore
import TestSupport

/// Listen queues, SYN_SENT, orphaned FIN_WAIT2 and rate spikes.
final class ConnectionRuleTests: XCTestCase {
    private func listener(queue: Int, backlog: Int, somaxconn: Int64 = 4_096, overflows: Double = 0) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.listeners.append(Snapshot.Listener(
            record: ListenerRecord(address: IPAddress("0.0.0.0")!, port: 8080, acceptQueue: queue, backlog: backlog, inode: 9),
            owner: ProcessIdentity(pid: 812, command: "nginx")))
        snapshot.sysctl.somaxconn = somaxconn
        snapshot.sysctl.tcpMaxSynBacklog = 1_024
        snapshot.rates[.listenOverflows] = .some(overflows)
        return snapshot
    }

    func testAcceptQueueFillingUpNamesTheLimitingBacklog() throws {
        XCTAssertEqual(AdviceTesting.findings("listen_overflow", in: listener(queue: 89, backlog: 128)), [])
        let finding = try XCTUnwrap(AdviceTesting.finding("listen_overflow", in: listener(queue: 90, backlog: 128)))
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.title, "accept queue of nginx (pid 812) on 0.0.0.0:8080 at 90 of 128")
        XCTAssertEqual(finding.evidence, [Evidence("listener", "0.0.0.0:8080"), Evidence("accept_queue", 90), Evidence("backlog", 128),
                                          Evidence("pid", 812), Evidence("command", "nginx"), Evidence("listen_overflows_per_s", 0.0),
                                          Evidence("listen_drops_per_s", 0.0),
                                          Evidence("somaxconn", 4_096), Evidence("tcp_max_syn_backlog", 1_024)])
        XCTAssertTrue(finding.suggestion[1].hasPrefix("The application's listen() backlog (128) limits, below somaxconn (4096)"))
        XCTAssertEqual(finding.suggestion[2], "tcp_max_syn_backlog (1024) bounds the SYN queue, not the accept queue; it is not "
            + "the limit here (0 SYN_RECV).")
        XCTAssertEqual(finding.target, .serverPort(8080))
    }

    func testSomaxconnLimitsWhenTheBacklogEqualsIt() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("listen_overflow", in: listener(queue: 128, backlog: 128, somaxconn: 128)))
        XCTAssertEqual(finding.severity, .critical)
        XCTAssertTrue(finding.suggestion[1].hasPrefix("somaxconn (128) limits: the backlog equals it, so the application asked for at "
            + "least that. Raise it: sysctl -w net.core.somaxconn=256, then restart the listener"))
    }

    func testOverflowsAloneBlameTheFullestListener() throws {
        let warning = try XCTUnwrap(AdviceTesting.finding("listen_overflow", in: listener(queue: 10, backlog: 128, overflows: 2)))
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertEqual(warning.title, "accept queue of nginx (pid 812) on 0.0.0.0:8080 at 10 of 128, 2/s listen overflows")
        XCTAssertEqual(AdviceTesting.finding("listen_overflow", in: listener(queue: 10, backlog: 128, overflows: 10))?.severity, .critical)
    }

    func testSynSentTowardAPeerNamesTheProcessAndPort() throws {
        var snapshot = AdviceTesting.quiet()
        snapshot.peers.append(Snapshot.Peer(address: SnapshotFixtures.database, counts: StateCounts([.synSent: 19, .established: 4])))
        snapshot.synSent = [SynSentTarget(address: SnapshotFixtures.database, port: 5432, count: 19)]
        XCTAssertEqual(AdviceTesting.findings("syn_sent", in: snapshot), [])
        snapshot.synSent[0].count = 20
        snapshot.synSent[0].owners = [.init(process: ProcessIdentity(pid: 2_201, command: "java"), count: 18),
                                     .init(process: ProcessIdentity(pid: 812, command: "nginx"), count: 2)]
        let finding = try XCTUnwrap(AdviceTesting.finding("syn_sent", in: snapshot))
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.title,
                       "java (pid 2201) has 20 connections stuck in SYN_SENT toward 10.0.3.17:5432: the peer is slow or unreachable")
        XCTAssertEqual(Array(finding.evidence.prefix(6)), [Evidence("destination", "10.0.3.17:5432"), Evidence("syn_sent", 20),
                                          Evidence("established_with_peer", 4), Evidence("pid", 2_201),
                                          Evidence("command", "java"), Evidence("syn_sent_of_process", 18)])
        XCTAssertTrue(finding.suggestion[1].hasPrefix("Set a connect timeout in the client"))
        XCTAssertEqual(finding.target, .destination(address: SnapshotFixtures.database, port: 5432))
        snapshot.synSent[0].count = 100
        XCTAssertEqual(AdviceTesting.finding("syn_sent", in: snapshot)?.severity, .critical)
    }

    func testSynSentIntoAnOverflowingLocalListenerIsTheOverflowsEvidence() throws {
        var snapshot = listener(queue: 128, backlog: 128, overflows: 40)
        let loopback = SnapshotFixtures.loopback
        snapshot.synSent = [SynSentTarget(address: loopback, port: 8080, count: 302,
                                          owners: [.init(process: ProcessIdentity(pid: 4_242, command: "loadgen"), count: 302)])]
        snapshot.rates[.retransSegs] = .some(900)
        let all = AdviceEngine.findings(for: snapshot)
        XCTAssertEqual(all.map(\.id), ["listen_overflow"], "no syn_sent and no retransmit_spike finding")
        let finding = try XCTUnwrap(all.first)
        XCTAssertEqual(finding.title, "accept queue of nginx (pid 812) on 0.0.0.0:8080 at 128 of 128, 40/s listen overflows; "
            + "302 connects from loadgen (pid 4242) wait in SYN_SENT on port 8080")
        XCTAssertEqual(Array(finding.evidence.suffix(4)), [Evidence("syn_sent_from_here", 302), Evidence("connecting_pid", 4_242),
                                                           Evidence("connecting_command", "loadgen"),
                                                           Evidence("retransmits_per_s", 900.0)])
        // The same connects toward a remote peer's :8080 are a finding of their own, and the spike too.
        snapshot.synSent[0].address = SnapshotFixtures.database
        XCTAssertEqual(Set(AdviceEngine.findings(for: snapshot).map(\.id)), ["listen_overflow", "syn_sent", "retransmit_spike"])
        // A local listener that is not overflowing: the SYN_SENT finding stands.
        var calm = listener(queue: 1, backlog: 128, overflows: 0)
        calm.synSent = [SynSentTarget(address: loopback, port: 8080, count: 302)]
        XCTAssertEqual(AdviceEngine.findings(for: calm).map(\.id), ["syn_sent"])
    }

    func testOrphanedFinWait2IsWhereTcpFinTimeoutApplies() throws {
        var snapshot = AdviceTesting.quiet()
        snapshot.states?.orphanedFinWait2 = 499
        XCTAssertEqual(AdviceTesting.findings("orphaned_fin_wait2", in: snapshot), [])
        snapshot.states?.orphanedFinWait2 = 500
        snapshot.states?.ipv4[.finWait2] = 520
        let finding = try XCTUnwrap(AdviceTesting.finding("orphaned_fin_wait2", in: snapshot))
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.evidence, [Evidence("orphaned_fin_wait2", 500), Evidence("fin_wait2", 520),
                                          Evidence("tcp_fin_timeout", 60), Evidence("sockstat_orphan", 0)])
        XCTAssertTrue(finding.suggestion[0].hasSuffix("An orphaned FIN_WAIT2 lives for tcp_fin_timeout (60 s). Shorten it: "
            + "sysctl -w net.ipv4.tcp_fin_timeout=15 (it changes only this; TIME_WAIT stays 60 s)."))
        snapshot.sysctl.tcpFinTimeout = 10
        XCTAssertTrue(try XCTUnwrap(AdviceTesting.finding("orphaned_fin_wait2", in: snapshot)).suggestion[0]
            .hasSuffix("tcp_fin_timeout is already 10 s."))
    }

    private func retransmits(_ rate: Double) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.rates[.retransSegs] = .some(rate)
        return snapshot
    }

    func testRetransmitSpikeWithoutHistoryNeedsFactorTimesTheFloor() throws {
        XCTAssertEqual(AdviceTesting.findings("retransmit_spike", in: retransmits(299)), [])
        let finding = try XCTUnwrap(AdviceTesting.finding("retransmit_spike", in: retransmits(300)))
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.title, "retransmits jumped to 300/s")
    }

    func testRetransmitSpikeAgainstTheUsualRate() throws {
        let busy = AdviceTesting.history(.retransmitsPerSecond, points: 30) { _ in 200 }
        XCTAssertEqual(AdviceTesting.findings("retransmit_spike", in: retransmits(599), history: busy), [])
        XCTAssertEqual(AdviceTesting.finding("retransmit_spike", in: retransmits(600), history: busy)?.title,
                       "retransmits jumped to 600/s (usually 200/s)")
        let calm = AdviceTesting.history(.retransmitsPerSecond, points: 30) { _ in 10 }
        XCTAssertEqual(AdviceTesting.findings("retransmit_spike", in: retransmits(99), history: calm), [])
        XCTAssertEqual(AdviceTesting.finding("retransmit_spike", in: retransmits(100), history: calm)?.severity, .warning)
    }

    func testResetSpike() throws {
        var snapshot = AdviceTesting.quiet()
        snapshot.rates[.estabResets] = .some(100)
        snapshot.rates[.outRsts] = .some(49)
        XCTAssertEqual(AdviceTesting.findings("reset_spike", in: snapshot), [])
        snapshot.rates[.outRsts] = .some(50)
        let finding = try XCTUnwrap(AdviceTesting.finding("reset_spike", in: snapshot))
        XCTAssertEqual(finding.title, "resets jumped to 150/s")
        XCTAssertEqual(finding.evidence.first, Evidence("resets_per_s", 150.0))
    }
}
