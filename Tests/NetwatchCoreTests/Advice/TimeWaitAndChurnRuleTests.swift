import XCTest
@testable import NetwatchCore
import TestSupport

final class TimeWaitAndChurnRuleTests: XCTestCase {
    private func timeWait(_ tw: Int, overflowPerSecond: Double? = 0) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.sockstat?.tw = tw
        snapshot.sysctl.tcpMaxTwBuckets = 10_000
        snapshot.rates[.timeWaitOverflow] = .some(overflowPerSecond)
        return snapshot
    }

    func testTimeWaitNearBucketsWarnsAtSeventyAndIsCriticalAtNinety() throws {
        XCTAssertEqual(AdviceTesting.findings("time_wait_buckets", in: timeWait(6_999)), [])
        let warning = try XCTUnwrap(AdviceTesting.finding("time_wait_buckets", in: timeWait(7_000)))
        XCTAssertEqual(warning.severity, .warning)
        XCTAssertEqual(warning.title, "TIME_WAIT at 70% of tcp_max_tw_buckets (7000 of 10000)")
        XCTAssertEqual(Array(warning.evidence.prefix(3)), [Evidence("time_wait", 7_000), Evidence("tcp_max_tw_buckets", 10_000),
                                                           Evidence("ratio", 0.7)])
        XCTAssertEqual(AdviceTesting.finding("time_wait_buckets", in: timeWait(9_000))?.severity, .critical)
    }

    func testTimeWaitTextKeepsTheKernelFacts() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("time_wait_buckets", in: timeWait(9_500)))
        XCTAssertTrue(finding.suggestion[0].hasPrefix("TIME_WAIT lasts 60 s, fixed in the kernel; tcp_fin_timeout does not shorten it."))
        XCTAssertTrue(finding.suggestion[1].hasSuffix("sysctl -w net.ipv4.tcp_max_tw_buckets=20000"))
    }

    func testOverflowRisingIsCriticalEvenBelowTheRatio() throws {
        let now = try XCTUnwrap(AdviceTesting.finding("time_wait_buckets", in: timeWait(100, overflowPerSecond: 12)))
        XCTAssertEqual(now.severity, .critical)
        XCTAssertEqual(now.title, "TIME_WAIT at 1% of tcp_max_tw_buckets (100 of 10000): new time-wait entries are destroyed at once")
        XCTAssertTrue(now.evidence.contains(Evidence("time_wait_overflow_per_s", 12.0)))
        // Stopped this tick but overflowing three ticks ago: still rising over the recent points.
        let recent = AdviceTesting.history(.timeWaitOverflowPerSecond, points: 20) { $0 == 16 ? 5 : 0 }
        XCTAssertEqual(AdviceTesting.finding("time_wait_buckets", in: timeWait(100), history: recent)?.severity, .critical)
        let long = AdviceTesting.history(.timeWaitOverflowPerSecond, points: 20) { $0 == 2 ? 5 : 0 }
        XCTAssertEqual(AdviceTesting.findings("time_wait_buckets", in: timeWait(100), history: long), [])
    }

    private func churn(active: Double, passive: Double, established: Int, timeWait: Int = 0,
                       closed: (clients: Int, servers: Int)? = nil) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.states?.timeWaitClientsClosed = closed?.clients
        snapshot.states?.timeWaitServersClosed = closed?.servers
        snapshot.rates[.activeOpens] = .some(active)
        snapshot.rates[.passiveOpens] = .some(passive)
        snapshot.states?.ipv4[.established] = established
        snapshot.states?.ipv6?[.established] = 0
        snapshot.states?.ipv4[.timeWait] = timeWait
        return snapshot
    }

    func testChurnFiresOnManyShortConnectionsAndNamesTheClosingSide() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("connection_churn", in: churn(
            active: 400, passive: 0, established: 100, timeWait: 24_000, closed: (24_000, 0))))
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.title, "connection churn: 400/s connects and 0/s accepts, sockets living 0.25 s on average (100 ESTABLISHED)")
        XCTAssertEqual(finding.evidence, [Evidence("connects_per_s", 400.0), Evidence("accepts_per_s", 0.0),
                                          Evidence("established", 100), Evidence("average_lifetime_s", 0.25),
                                          Evidence("time_wait", 24_000), Evidence("time_wait_clients_closed", 24_000),
                                          Evidence("time_wait_servers_closed", 0)])
        XCTAssertEqual(finding.suggestion[0], "Short connections: this host connects at least as often as it accepts "
            + "(connect 400/s, accept 0/s).")
        XCTAssertTrue(finding.suggestion[1].hasPrefix("Reuse connections in this host's clients: HTTP keep-alive or a connection pool"))
        XCTAssertEqual(finding.suggestion[2], "This host's clients close first: 24000 of this host's TIME_WAIT entries are on "
            + "ephemeral ports (its clients') and 0 on listening ports (its servers'); keep-alive in those clients removes their TIME_WAIT.")
        let server = try XCTUnwrap(AdviceTesting.finding("connection_churn", in: churn(
            active: 0, passive: 300, established: 10, timeWait: 900, closed: (0, 900))))
        XCTAssertTrue(server.suggestion[2].hasPrefix("This host's servers close first: 0 of this host's TIME_WAIT entries are on "
            + "ephemeral ports (its clients') and 900 on listening ports (its servers')"))
    }

    func testLoopbackChurnIsCountedOnceAndATieIsATie() throws {
        // 500 connections/s over loopback: 500 connects and 500 accepts, 1000 sockets opened per second.
        let finding = try XCTUnwrap(AdviceTesting.finding("connection_churn", in: churn(
            active: 500, passive: 500, established: 100, timeWait: 600, closed: (300, 300))))
        XCTAssertEqual(finding.title, "connection churn: 500/s connects and 500/s accepts, sockets living 0.10 s on average (100 ESTABLISHED)")
        XCTAssertEqual(finding.suggestion[2], "Both sides close first alike: 300 of this host's TIME_WAIT entries are on ephemeral "
            + "ports (its clients') and 300 on listening ports (its servers'); keep-alive on either side removes its share.")
        // 150 connects and 150 accepts: 150 connections a second, below the 200 threshold.
        XCTAssertEqual(AdviceTesting.findings("connection_churn", in: churn(active: 150, passive: 150, established: 0)), [])
    }

    func testChurnSaysNothingOfTheClosingSideWithoutEvidence() throws {
        for closed in [nil, (0, 0)] as [(clients: Int, servers: Int)?] {
            let finding = try XCTUnwrap(AdviceTesting.finding("connection_churn", in: churn(
                active: 400, passive: 0, established: 10, closed: closed)))
            XCTAssertEqual(finding.suggestion.count, 2)
        }
    }

    func testChurnQuietBelowTheRateOrWithLongConnections() {
        XCTAssertEqual(AdviceTesting.findings("connection_churn", in: churn(active: 199, passive: 0, established: 0)), [])
        XCTAssertEqual(AdviceTesting.findings("connection_churn", in: churn(active: 300, passive: 100, established: 400)), [])
        XCTAssertEqual(AdviceTesting.finding("connection_churn", in: churn(active: 300, passive: 100, established: 399))?.severity, .warning)
        XCTAssertEqual(AdviceTesting.finding("connection_churn", in: churn(active: 100, passive: 200, established: 0))?.severity, .warning)
    }
}
