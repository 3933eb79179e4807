import Foundation
import NetwatchCore
import XCTest

/// Connectors from the kernel's cumulative counts (rates between samples, the viewed namespace
/// only) and the estimate from live sockets (owners per destination, TIME_WAIT to the listener's owner).
final class ConnectorAnalysisTests: XCTestCase {
    static let upstream = IPAddress("10.0.0.5")!
    static let viewed: UInt32 = 4_026_531_840

    func sample(at seconds: Double, counts: ConnectorCounts?) -> RawSample {
        var sample = RawSample(takenAt: Date(timeIntervalSince1970: seconds), monotonicSeconds: seconds, source: .netlink)
        sample.connectorCounts = counts
        sample.namespaceInode = Self.viewed
        return sample
    }

    func counts(connects: Int64, notAvailable: Int64, accepts: Int64, emfile: Int64) -> ConnectorCounts {
        ConnectorCounts(
            connectors: [
                ConnectorKey(pid: 4242, namespace: Self.viewed, address: Self.upstream, port: 443):
                    ConnectorTotals(command: "curl", connects: connects, established: connects - notAvailable,
                                    failures: ConnectFailures(addressNotAvailable: notAvailable)),
                ConnectorKey(pid: 77, namespace: 1234, address: Self.upstream, port: 443):
                    ConnectorTotals(command: "elsewhere", connects: 9000, established: 9000),
            ],
            acceptors: [AcceptorKey(pid: 10, namespace: Self.viewed):
                            AcceptorTotals(command: "nginx", accepts: accepts, failures: AcceptFailures(processLimit: emfile))])
    }

    func testRatesBetweenTwoReadsOfTheViewedNamespaceOnly() throws {
        let before = sample(at: 100, counts: counts(connects: 1000, notAvailable: 0, accepts: 50, emfile: 0))
        let now = sample(at: 102, counts: counts(connects: 1960, notAvailable: 624, accepts: 250, emfile: 30))
        let connectors = try XCTUnwrap(ConnectorAnalysis.analyse(now, previous: before, elapsed: 2, top: 10))
        XCTAssertEqual(connectors.source, .ebpf)
        XCTAssertNil(connectors.note)
        XCTAssertEqual(connectors.connections, [ConnectorRow(
            process: ProcessIdentity(pid: 4242, command: "curl"), address: Self.upstream, port: 443,
            totals: ConnectorTotals(command: "curl", connects: 1960, established: 1336,
                                    failures: ConnectFailures(addressNotAvailable: 624)),
            connectsPerSecond: 480, establishedPerSecond: 168, failuresPerSecond: ConnectFailureRates(addressNotAvailable: 312))])
        XCTAssertEqual(connectors.accepts, [AcceptorRow(
            process: ProcessIdentity(pid: 10, command: "nginx"),
            totals: AcceptorTotals(command: "nginx", accepts: 250, failures: AcceptFailures(processLimit: 30)),
            acceptsPerSecond: 100, processLimitFailuresPerSecond: 15, systemLimitFailuresPerSecond: 0)])
    }

    func testEADDRNOTAVAILInTheWindowAgainstTheCountsAMinuteBefore() throws {
        var now = sample(at: 160, counts: counts(connects: 1960, notAvailable: 624, accepts: 250, emfile: 30))
        now.connectorCountsBefore = (60, counts(connects: 1000, notAvailable: 300, accepts: 50, emfile: 0))
        let row = try XCTUnwrap(ConnectorAnalysis.analyse(now, previous: nil, elapsed: nil, top: 10)?.connections.first)
        XCTAssertEqual(row.recentAddressNotAvailable, RecentCount(seconds: 60, count: 324))
        now.connectorCountsBefore = (60, ConnectorCounts())
        XCTAssertEqual(ConnectorAnalysis.analyse(now, previous: nil, elapsed: nil, top: 10)?.connections.first?.recentAddressNotAvailable,
                       RecentCount(seconds: 60, count: 624), "a connector new since then counted all of them in the window")
    }

    func testTheWindowKeepsACopyEveryStepAndABaselineAMinuteOld() {
        var window = ConnectorWindow()
        XCTAssertNil(window.baseline(at: 0))
        for second in 0...130 {
            let counts = ConnectorCounts(acceptors: [AcceptorKey(pid: 1, namespace: 1): AcceptorTotals(command: "x", accepts: Int64(second))])
            window.record(counts, at: Double(second))
        }
        let baseline = window.baseline(at: 131)
        XCTAssertEqual(baseline?.seconds, 61, "the newest copy at least 60 s old when the last one was kept (70, kept at 130)")
        XCTAssertEqual(baseline?.counts.acceptors.first?.value.accepts, 70)
    }

    func testACounterThatWentBackwardsLeavesRatesNull() throws {
        let before = sample(at: 100, counts: counts(connects: 5000, notAvailable: 0, accepts: 50, emfile: 0))
        let now = sample(at: 101, counts: counts(connects: 10, notAvailable: 0, accepts: 50, emfile: 0))
        let row = try XCTUnwrap(ConnectorAnalysis.analyse(now, previous: before, elapsed: 1, top: 10)?.connections.first)
        XCTAssertNil(row.connectsPerSecond)
        XCTAssertNil(row.failuresPerSecond)
        XCTAssertEqual(row.totals?.connects, 10)
    }

    func testEstimateNamesOwnersPerDestinationAndTheListenersOwnerForServerSideTimeWait() throws {
        var table = SocketTable()
        table.clientSockets = [
            11: ClientSocket(remoteAddress: Self.upstream, remotePort: 443, state: .synSent),
            12: ClientSocket(remoteAddress: Self.upstream, remotePort: 443, state: .established),
            13: ClientSocket(remoteAddress: Self.upstream, remotePort: 443, state: .established),
            14: ClientSocket(remoteAddress: Self.upstream, remotePort: 443, state: .established),
        ]
        for _ in 0..<300 { table.localPorts.add(.timeWait, port: 8080) }
        var previous = SocketTable()
        previous.clientSockets = [12: table.clientSockets[12]!]
        var before = sample(at: 100, counts: nil)
        before.table = previous
        var now = sample(at: 102, counts: nil)
        now.table = table
        now.ownersScanned = true
        now.connectorsUnavailable = "--no-bpf"
        let curl = ProcessIdentity(pid: 4242, command: "curl"), server = ProcessIdentity(pid: 10, command: "server")
        now.owners = [11: curl, 12: curl, 13: curl, 14: curl, 900: server]
        now.listeners = [ListenerRecord(address: IPAddress("0.0.0.0")!, port: 8080, acceptQueue: 0, backlog: 128, inode: 900)]
        let connectors = try XCTUnwrap(ConnectorAnalysis.analyse(now, previous: before, elapsed: 2, top: 10))
        XCTAssertEqual(connectors.note, "estimated from live sockets (eBPF unavailable: --no-bpf)")
        XCTAssertEqual(connectors.connections, [ConnectorRow(process: curl, address: Self.upstream, port: 443,
                                                             connectsPerSecond: 1.5, live: LiveConnections(synSent: 1, established: 3))])
        XCTAssertNil(connectors.connections[0].totals?.failures, "failures are unknown in an estimate, not 0")
        XCTAssertEqual(connectors.accepts, [AcceptorRow(process: server, listenerPort: 8080, timeWait: 300)])
    }

    /// accept() results not watched (sys_exit only near an fd limit): connects stay counted, the
    /// accept side is the listeners' owners with their TIME_WAIT, and the note says why.
    func testUnwatchedAcceptResultsGiveTheListenersOwnersAndSaySo() throws {
        let before = sample(at: 100, counts: counts(connects: 1000, notAvailable: 0, accepts: 50, emfile: 0))
        var now = sample(at: 102, counts: counts(connects: 1960, notAvailable: 624, accepts: 50, emfile: 0))
        now.acceptResultsWatched = false
        var table = SocketTable()
        for _ in 0..<42 { table.localPorts.add(.timeWait, port: 8080) }
        now.table = table
        let server = ProcessIdentity(pid: 10, command: "nginx")
        now.owners = [900: server]
        now.listeners = [ListenerRecord(address: IPAddress("0.0.0.0")!, port: 8080, acceptQueue: 0, backlog: 128, inode: 900)]
        let connectors = try XCTUnwrap(ConnectorAnalysis.analyse(now, previous: before, elapsed: 2, top: 10))
        XCTAssertEqual(connectors.source, .ebpf)
        XCTAssertEqual(connectors.connections.first?.connectsPerSecond, 480)
        XCTAssertEqual(connectors.accepts, [AcceptorRow(process: server, listenerPort: 8080, timeWait: 42)])
        XCTAssertEqual(connectors.acceptsEstimatedReason,
                       "accept() results are watched only while a process with a listener is near its fd limit")
        XCTAssertEqual(connectors.note,
                       "accepts estimated from listeners: accept() results are watched only while a process with a listener is near its fd limit")
    }

    /// Watched since the previous read only: the totals are the kernel's, the rates unknown.
    func testAcceptResultsWatchedSinceThePreviousReadHaveTotalsAndNoRates() throws {
        var before = sample(at: 100, counts: counts(connects: 1000, notAvailable: 0, accepts: 50, emfile: 0))
        before.acceptResultsWatched = false
        var now = sample(at: 102, counts: counts(connects: 1960, notAvailable: 624, accepts: 250, emfile: 30))
        now.acceptResultsWatched = true
        let connectors = try XCTUnwrap(ConnectorAnalysis.analyse(now, previous: before, elapsed: 2, top: 10))
        XCTAssertNil(connectors.acceptsEstimatedReason)
        XCTAssertEqual(connectors.accepts, [AcceptorRow(
            process: ProcessIdentity(pid: 10, command: "nginx"),
            totals: AcceptorTotals(command: "nginx", accepts: 250, failures: AcceptFailures(processLimit: 30)))])
        before.acceptResultsWatched = true
        let steady = try XCTUnwrap(ConnectorAnalysis.analyse(now, previous: before, elapsed: 2, top: 10))
        XCTAssertEqual(steady.accepts.first?.acceptsPerSecond, 100)
    }

    func testNoEstimateWithoutOwners() {
        var now = sample(at: 100, counts: nil)
        now.table = SocketTable()
        XCTAssertNil(ConnectorAnalysis.analyse(now, previous: nil, elapsed: nil, top: 10))
    }

    func testLifetimeQuantilesInterpolateInsideLog2Buckets() {
        var buckets = [Int64](repeating: 0, count: 32)
        buckets[11] = 98   // [2048, 4096) µs
        buckets[20] = 2    // [1.05, 2.1) s
        let histogram = LifetimeHistogram(buckets: buckets)
        XCTAssertEqual(histogram.quantileMs(0.5)!, 2.048 + 2.048 * 50 / 98, accuracy: 1e-9)
        XCTAssertEqual(histogram.quantileMs(0.99)!, 1048.576 + 1048.576 * 1 / 2, accuracy: 1e-9)
        XCTAssertNil(LifetimeHistogram().quantileMs(0.5))
    }
}
