import XCTest
@testable import NetwatchCore
import TestSupport

/// Findings name the process behind them from the snapshot's connectors.
final class ConnectorAttributionTests: XCTestCase {
    static let curl = ProcessIdentity(pid: 4242, command: "curl")

    func counted(connects: Int64, notAvailable: Int64, rate: Double?, buckets: [Int64] = []) -> Connectors {
        Connectors(source: .ebpf, connections: [ConnectorRow(
            process: Self.curl, address: SnapshotFixtures.database, port: 5432,
            totals: ConnectorTotals(command: "curl", connects: connects, established: connects - notAvailable,
                                    failures: ConnectFailures(addressNotAvailable: notAvailable),
                                    lifetimes: LifetimeHistogram(buckets: buckets)),
            connectsPerSecond: rate)])
    }

    func testPortExhaustionNamesTheConnectorItsRateAndItsEADDRNOTAVAILFailures() throws {
        var snapshot = AdviceTesting.quiet()
        let destination = AdviceTesting.destination(used: 28_232)
        snapshot.ports.destinations = [destination]
        snapshot.ports.worst = destination
        snapshot.connectors = counted(connects: 30_000, notAvailable: 312, rate: 480)
        let finding = try XCTUnwrap(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot))
        XCTAssertEqual(finding.title, "ephemeral ports 100% used toward 10.0.3.17:5432: full; pid 4242 (curl) opens 480/s toward "
                       + "10.0.3.17:5432, 312 connect() failures with EADDRNOTAVAIL so far")
        XCTAssertEqual(Array(finding.evidence.suffix(5)), [
            Evidence("connector_pid", 4242), Evidence("connector_command", "curl"), Evidence("connector_connects", 30_000),
            Evidence("connector_addr_not_avail", 312), Evidence("connector_connects_per_s", 480.0),
        ])
    }

    func testPortExhaustionCountsTheFailuresOfTheLastMinute() throws {
        var snapshot = AdviceTesting.quiet()
        let destination = AdviceTesting.destination(used: 28_232)
        snapshot.ports.destinations = [destination]
        var connectors = counted(connects: 30_000, notAvailable: 5_000, rate: 480)
        connectors.connections[0].recentAddressNotAvailable = RecentCount(seconds: 61, count: 312)
        snapshot.connectors = connectors
        XCTAssertEqual(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot)?.title,
                       "ephemeral ports 100% used toward 10.0.3.17:5432: full; pid 4242 (curl) opens 480/s toward 10.0.3.17:5432, "
                       + "312 connect() failures with EADDRNOTAVAIL in the last minute")
        snapshot.connectors?.connections[0].recentAddressNotAvailable = RecentCount(seconds: 12.4, count: 40)
        XCTAssertTrue(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot)?.title
                        .hasSuffix(", 40 connect() failures with EADDRNOTAVAIL in the last 12 s") ?? false)
    }

    func testPortExhaustionFromAnEstimateSaysSo() throws {
        var snapshot = AdviceTesting.quiet()
        let destination = AdviceTesting.destination(used: 28_232)
        snapshot.ports.destinations = [destination]
        snapshot.connectors = Connectors(source: .sockets, connections: [ConnectorRow(
            process: Self.curl, address: SnapshotFixtures.database, port: 5432, live: LiveConnections(synSent: 2, established: 30))])
        let finding = try XCTUnwrap(AdviceTesting.finding("ephemeral_exhaustion", in: snapshot))
        XCTAssertTrue(finding.title.hasSuffix("; pid 4242 (curl) holds 32 connections toward 10.0.3.17:5432 (estimated from live sockets)"),
                      finding.title)
    }

    func testChurnNamesTheBusiestConnectorAndItsMedianLifetime() throws {
        var snapshot = AdviceTesting.quiet()
        snapshot.rates[.activeOpens] = .some(400)
        snapshot.rates[.passiveOpens] = .some(0)
        snapshot.states?.ipv4[.established] = 100
        snapshot.states?.ipv6?[.established] = 0
        var buckets = [Int64](repeating: 0, count: 32)
        buckets[11] = 10   // 2–4 ms
        snapshot.connectors = counted(connects: 1000, notAvailable: 0, rate: 400, buckets: buckets)
        let finding = try XCTUnwrap(AdviceTesting.finding("connection_churn", in: snapshot))
        XCTAssertEqual(finding.title, "connection churn: 400/s connects and 0/s accepts, sockets living 0.25 s on average (100 ESTABLISHED); "
                       + "pid 4242 (curl) opens 400/s toward 10.0.3.17:5432, median lifetime 3.1 ms: no keep-alive")
    }

    func testTheFDFindingAddsTheProcessesEMFILEFailures() throws {
        var snapshot = AdviceTesting.quiet()
        let worker = ProcessIdentity(pid: 4242, command: "worker")
        snapshot.fds.processes.append(ProcessFDUsage(process: worker, open: 64, limit: OpenFileLimit(soft: 64, hard: 4_096)))
        snapshot.connectors = Connectors(source: .ebpf, accepts: [AcceptorRow(
            process: worker, totals: AcceptorTotals(command: "worker", accepts: 60, failures: AcceptFailures(processLimit: 17)))])
        let finding = try XCTUnwrap(AdviceTesting.finding("process_fds", in: snapshot))
        XCTAssertEqual(finding.title, "worker (pid 4242) uses 100% of its open-file limit (64 of 64); accept() failed 17 times with EMFILE")
        XCTAssertTrue(finding.evidence.contains(Evidence("accept_emfile", 17)))
    }
}
