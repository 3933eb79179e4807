import XCTest
@testable import NetwatchCore
import TestSupport

/// The connection-health findings on the quiet fixture with one health row added.
final class HealthRuleTests: XCTestCase {
    let database = IPAddress("10.0.0.9")!

    private func snapshot(destination: HealthFigures = HealthFigures(), earlier: ConnectionHealth.EarlierRTT? = nil,
                          process: HealthFigures? = nil) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.sysctl.tcpKeepaliveTime = 7200
        snapshot.sysctl.tcpKeepaliveIntvl = 75
        snapshot.sysctl.tcpKeepaliveProbes = 9
        let endpoint = RemoteEndpoint(address: database, port: 5432)
        snapshot.health = ConnectionHealth(
            destinations: [.init(address: database, port: 5432, figures: destination, earlierRTT: earlier)], destinationCount: 1,
            processes: process.map { [.init(process: ProcessIdentity(pid: 812, command: "api"), figures: $0, busiestDestination: endpoint)] } ?? [],
            tcpInfo: true)
        return snapshot
    }

    func testALargeIdlePoolWithoutKeepAliveNamesTheProcessAndSaysKeepAliveIsPerSocket() throws {
        let pool = HealthFigures(established: 790, keepAlive: 0, idleOver1m: 700, idleOver10m: 640, idleOver1h: 12)
        let finding = try XCTUnwrap(AdviceTesting.finding("idle_pool", in: snapshot(process: pool)))
        XCTAssertEqual(finding.title, "api (pid 812) holds 790 connections toward 10.0.0.9:5432, 640 idle > 10 min, none with "
            + "keep-alive: cap the pool and set an idle timeout")
        XCTAssertEqual(finding.evidence, [Evidence("pid", 812), Evidence("command", "api"), Evidence("destination", "10.0.0.9:5432"),
                                          Evidence("established", 790), Evidence("idle_over_10m", 640), Evidence("idle_over_1h", 12),
                                          Evidence("keep_alive", 0), Evidence("tcp_keepalive_time", 7200),
                                          Evidence("tcp_keepalive_intvl", 75), Evidence("tcp_keepalive_probes", 9)])
        XCTAssertTrue(finding.suggestion[1].hasPrefix("Turn keep-alive on where connections must stay open while idle: it is per "
            + "socket, set by the application with setsockopt(SO_KEEPALIVE)"), finding.suggestion[1])
        XCTAssertTrue(finding.suggestion[1].hasSuffix("only set the defaults of sockets that turned it on (here "
            + "net.ipv4.tcp_keepalive_time is 7200 s); changing them turns it on for none."), finding.suggestion[1])
        XCTAssertEqual(finding.target, .process(pid: 812))
        var armed = pool
        armed.keepAlive = 1
        XCTAssertEqual(AdviceTesting.findings("idle_pool", in: snapshot(process: armed)), [])
        var busy = pool
        busy.idleOver10m = 394
        XCTAssertEqual(AdviceTesting.findings("idle_pool", in: snapshot(process: busy)), [], "under half idle")
    }

    func testConnectsOlderThanThreeSecondsInSynSentAreAFindingNamingTheOwner() throws {
        var stuck = snapshot(destination: HealthFigures(synSent: 312, synSentOver3s: 312, synSentOldestSeconds: 21.4))
        stuck.synSent = [SynSentTarget(address: database, port: 5432, count: 312,
                                       owners: [.init(process: ProcessIdentity(pid: 812, command: "api"), count: 312)])]
        let finding = try XCTUnwrap(AdviceTesting.finding("stuck_connect", in: stuck))
        XCTAssertEqual(finding.severity, .critical)
        XCTAssertEqual(finding.title, "312 connects from api (pid 812) to 10.0.0.9:5432 waiting > 3 s in SYN_SENT: the peer drops "
            + "SYNs or is down, and the client has no connect timeout")
        XCTAssertEqual(AdviceTesting.evidence(finding, "oldest_s"), .number(21))
        XCTAssertEqual(AdviceTesting.findings("stuck_connect", in: snapshot(destination: HealthFigures(synSent: 5))), [])
    }

    func testRTTRisingTowardADestinationComparesWithItsEarlierFigure() throws {
        let risen = snapshot(destination: HealthFigures(established: 10, rttMedianMicroseconds: 2_000, rttP99Microseconds: 38_000),
                             earlier: .init(secondsAgo: 300, p99Microseconds: 400))
        let finding = try XCTUnwrap(AdviceTesting.finding("rtt_rising", in: risen))
        XCTAssertEqual(finding.title, "RTT toward 10.0.0.9:5432 rose from 0.4 ms to 38 ms (p99)")
        XCTAssertEqual(AdviceTesting.evidence(finding, "earlier_s_ago"), .number(300))
        let loopback = snapshot(destination: HealthFigures(established: 10, rttP99Microseconds: 90),
                                earlier: .init(secondsAgo: 300, p99Microseconds: 8))
        XCTAssertEqual(AdviceTesting.findings("rtt_rising", in: loopback), [], "10× but 82 µs: noise")
        let noEarlier = snapshot(destination: HealthFigures(established: 10, rttP99Microseconds: 38_000))
        XCTAssertEqual(AdviceTesting.findings("rtt_rising", in: noEarlier), [])
    }

    func testRetransmitsTowardADestinationAreAFindingOverTwoPercent() throws {
        let lossy = snapshot(destination: HealthFigures(established: 20, retransmits: 120, segmentsOut: 1000))
        let finding = try XCTUnwrap(AdviceTesting.finding("retransmits_destination", in: lossy))
        XCTAssertEqual(finding.severity, .critical)
        XCTAssertEqual(finding.title, "12% of segments toward 10.0.0.9:5432 retransmitted (120 of 1000): packets toward it are lost")
        let fine = snapshot(destination: HealthFigures(established: 20, retransmits: 19, segmentsOut: 100))
        XCTAssertEqual(AdviceTesting.findings("retransmits_destination", in: fine), [], "under 20 retransmissions")
    }

    func testMillisecondsAreWrittenAsSSWritesThem() {
        XCTAssertEqual(RTTText.milliseconds(8), "0.008 ms")
        XCTAssertEqual(RTTText.milliseconds(400), "0.4 ms")
        XCTAssertEqual(RTTText.milliseconds(0), "0 ms")
        XCTAssertEqual(RTTText.milliseconds(2_540), "2.5 ms")
        XCTAssertEqual(RTTText.milliseconds(3_000), "3 ms")
        XCTAssertEqual(RTTText.milliseconds(38_400), "38 ms")
    }

    func testHealthRoundTripsThroughJSONAndADocumentWithoutItDecodes() throws {
        var original = snapshot(destination: HealthFigures(established: 3, keepAlive: 1, idleOver1m: 1, idleOver10m: 0, idleOver1h: 0,
                                                           synSent: 1, synSentOver3s: 1, synSentOldestSeconds: 4.5,
                                                           rttMedianMicroseconds: 8, rttP99Microseconds: 23, retransmits: 0,
                                                           segmentsOut: 12, unacked: 0),
                                earlier: .init(secondsAgo: 90, p99Microseconds: 9),
                                process: HealthFigures(established: 3))
        original.advice = AdviceEngine.findings(for: original)
        let text = SnapshotEncoder.encode(original).serialized()
        let decoded = try SnapshotDecoder.decode(text)
        XCTAssertEqual(decoded.health, original.health)
        let validation = try SchemaValidator.validate(text)
        XCTAssertEqual(validation.status, 0, validation.stdout)
        var old = original
        old.health = nil
        let before = SnapshotEncoder.encode(old).serialized().replacingOccurrences(of: ",\"health\":null", with: "")
        XCTAssertFalse(before.contains("\"health\""))
        XCTAssertNil(try SnapshotDecoder.decode(before).health, "a recording from before health decodes")
    }
}
