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

    private func churn(active: Double, passive: Double, established: Int, timeWait: Int = 0) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.rates[.activeOpens] = .some(active)
        snapshot.rates[.passiveOpens] = .some(passive)
        snapshot.states?.ipv4[.established] = established
        snapshot.states?.ipv6?[.established] = 0
        snapshot.states?.ipv4[.timeWait] = timeWait
        return snapshot
    }

    func testChurnFiresOnManyShortConnectionsAndNamesTheClosingSide() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("connection_churn",
                                                          in: churn(active: 400, passive: 0, established: 100, timeWait: 24_000)))
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.title, "connection churn: 400/s new connections living 0.25 s on average (100 ESTABLISHED)")
        XCTAssertEqual(finding.evidence, [Evidence("opens_per_s", 400.0), Evidence("active_opens_per_s", 400.0),
                                          Evidence("passive_opens_per_s", 0.0), Evidence("established", 100),
                                          Evidence("average_lifetime_s", 0.25), Evidence("time_wait", 24_000)])
        XCTAssertEqual(finding.suggestion[0], "Short connections: this host opens most of them (connect 400/s vs accept 0/s).")
        XCTAssertTrue(finding.suggestion[1].hasPrefix("Reuse connections in this host's clients: HTTP keep-alive or a connection pool"))
        XCTAssertTrue(finding.suggestion[2].hasPrefix("This host closes first: its 24000 TIME_WAIT entries are 100% of"))
        let server = try XCTUnwrap(AdviceTesting.finding("connection_churn", in: churn(active: 0, passive: 300, established: 10)))
        XCTAssertTrue(server.suggestion[2].hasPrefix("The peers close first"))
    }

    func testChurnQuietBelowTheRateOrWithLongConnections() {
        XCTAssertEqual(AdviceTesting.findings("connection_churn", in: churn(active: 199, passive: 0, established: 0)), [])
        XCTAssertEqual(AdviceTesting.findings("connection_churn", in: churn(active: 300, passive: 100, established: 400)), [])
        XCTAssertEqual(AdviceTesting.finding("connection_churn", in: churn(active: 300, passive: 100, established: 399))?.severity, .warning)
    }
}
