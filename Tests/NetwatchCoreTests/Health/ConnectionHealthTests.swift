import XCTest
@testable import NetwatchCore

/// Connection health tallied by the aggregator from crafted sockets, with an injected walk time.
final class ConnectionHealthTests: XCTestCase {
    let database = IPAddress("10.0.3.17")!
    let client = IPAddress("10.0.1.5")!

    private func socket(_ state: TCPState, localPort: UInt16 = 40_000, remotePort: UInt16 = 5432, timer: UInt8 = 0,
                        inode: UInt32, info: TCPInfo? = nil) -> SocketRecord {
        SocketRecord(family: .ipv4, state: state, localAddress: client, localPort: localPort, remoteAddress: database,
                     remotePort: remotePort, timer: timer, inode: inode, info: info)
    }

    private func walk(_ sockets: [SocketRecord], previous: SynSentAge = SynSentAge(), now: Double = 100) -> SocketTable {
        var aggregator = SocketAggregator(ephemeralRange: 32768...60999, health: (previous, now))
        for socket in sockets { aggregator.add(socket) }
        return aggregator.table
    }

    func testIdleThresholdsKeepAliveAndTheServerSideLeftOut() throws {
        let table = walk([
            socket(.established, timer: 2, inode: 1, info: TCPInfo(lastDataSentMs: 30_000, lastDataReceivedMs: 30_000, rttMicroseconds: 400)),
            socket(.established, inode: 2, info: TCPInfo(lastDataSentMs: 60_001, lastDataReceivedMs: 900_000, rttMicroseconds: 500)),
            socket(.established, inode: 3, info: TCPInfo(lastDataSentMs: 600_001, lastDataReceivedMs: 600_001, rttMicroseconds: 600)),
            socket(.established, timer: 1, inode: 4, info: TCPInfo(unacked: 2, lastDataSentMs: 3_600_001, lastDataReceivedMs: 3_600_001,
                                                                   rttMicroseconds: 38_000, totalRetransmits: 5, segmentsOut: 50)),
            // A server's accepted socket (local port 5432 is no ephemeral port): not a client's pool.
            socket(.established, localPort: 5432, remotePort: 40_001, timer: 2, inode: 5, info: TCPInfo()),
        ])
        let figures = try XCTUnwrap(table.health[RemoteEndpoint(address: database, port: 5432)]).figures
        XCTAssertEqual(figures, HealthFigures(established: 4, keepAlive: 1, idleOver1m: 3, idleOver10m: 2, idleOver1h: 1,
                                              rttMedianMicroseconds: 500, rttP99Microseconds: 38_000, retransmits: 5,
                                              segmentsOut: 50, unacked: 2))
        XCTAssertEqual(table.health.count, 1)
        XCTAssertEqual(table.healthSockets.keys.sorted(), [1, 2, 3, 4])
        XCTAssertTrue(table.tcpInfoRead)
    }

    func testWithoutTCPInfoTheIdleAndRTTFiguresAreUnknownNotZero() throws {
        let table = walk([socket(.established, timer: 2, inode: 1)])
        XCTAssertEqual(try XCTUnwrap(table.health.values.first).figures,
                       HealthFigures(established: 1, keepAlive: 1))
        XCTAssertFalse(table.tcpInfoRead)
    }

    func testSynSentAgeCountsFromFirstSightAcrossWalksWithRetransmitsAsALowerBound() throws {
        let endpoint = RemoteEndpoint(address: database, port: 5432)
        let first = walk([socket(.synSent, inode: 7), socket(.synSent, inode: 8, info: TCPInfo(retransmits: 4))], now: 100)
        XCTAssertEqual(first.health[endpoint]?.figures.synSentOldestSeconds, 4, "8 retransmitted 4 SYNs: at least 4 s")
        XCTAssertEqual(first.health[endpoint]?.figures.synSentOver3s, 1)
        let second = walk([socket(.synSent, inode: 7), socket(.synSent, inode: 9)], previous: first.synSentAge, now: 103.5)
        XCTAssertEqual(second.healthSockets[7]?.synSentAgeSeconds, 3.5)
        XCTAssertEqual(second.healthSockets[9]?.synSentAgeSeconds, 0)
        XCTAssertEqual(second.health[endpoint]?.figures.synSentOver3s, 1)
        XCTAssertEqual(second.synSentAge.firstSeen, [7: 100, 9: 103.5], "8 is gone: forgotten")
    }

    func testPercentilesAreNearestRank() {
        let values = (1...200).map { UInt32($0) }
        XCTAssertEqual(HealthTally.percentile(values, 0.5), 100)
        XCTAssertEqual(HealthTally.percentile(values, 0.99), 198)
        XCTAssertEqual(HealthTally.percentile([5], 0.99), 5)
        XCTAssertNil(HealthTally.percentile([], 0.5))
    }

    func testProcessesGroupTheirSocketsByOwnerWithTheBusiestDestination() throws {
        var sample = RawSample(takenAt: Date(timeIntervalSince1970: 0), monotonicSeconds: 100, source: .netlink)
        sample.table = walk([
            socket(.established, inode: 1, info: TCPInfo()), socket(.established, inode: 2, info: TCPInfo()),
            socket(.established, remotePort: 6379, inode: 3, info: TCPInfo()),
        ])
        let api = ProcessIdentity(pid: 812, command: "api")
        sample.owners = [1: api, 2: api, 3: api]
        sample.earlierRTT = [RemoteEndpoint(address: database, port: 5432): .init(secondsAgo: 120, p99Microseconds: 400)]
        let health = try XCTUnwrap(ConnectionHealth.analyse(sample, top: 10))
        XCTAssertEqual(health.destinations.map(\.port), [5432, 6379])
        XCTAssertEqual(health.destinations.first?.earlierRTT, .init(secondsAgo: 120, p99Microseconds: 400))
        XCTAssertEqual(health.destinationCount, 2)
        XCTAssertEqual(health.processes.count, 1)
        XCTAssertEqual(health.processes.first?.figures.established, 3)
        XCTAssertEqual(health.processes.first?.busiestDestination, RemoteEndpoint(address: database, port: 5432))
    }

    func testRTTHistoryGivesTheOldestFigureAtLeastAMinuteOld() {
        var history = RTTHistory()
        let endpoint = RemoteEndpoint(address: database, port: 443)
        func at(_ p99: UInt32) -> [ConnectionHealth.Destination] {
            [.init(address: database, port: 443, figures: HealthFigures(established: 1, rttP99Microseconds: p99))]
        }
        history.record(at(400), at: 0)
        XCTAssertFalse(history.wants(at: 10))
        history.record(at(900), at: 10)
        XCTAssertNil(history.earlier(endpoint, at: 59), "younger than a minute")
        XCTAssertEqual(history.earlier(endpoint, at: 60), .init(secondsAgo: 60, p99Microseconds: 400))
        for time in stride(from: 30.0, through: 660, by: 30) { history.record(at(UInt32(time)), at: time) }
        XCTAssertEqual(history.earlier(endpoint, at: 660), .init(secondsAgo: 600, p99Microseconds: 60), "older than 10 min forgotten")
    }
}
