import Foundation
import XCTest
@testable import NetwatchCore

final class SnapshotBuilderTests: XCTestCase {
    func sample(at seconds: Double, activeOpens: Int64, tw: Int64?) -> RawSample {
        var s = RawSample(takenAt: Date(timeIntervalSince1970: 1_800_000_000 + seconds), monotonicSeconds: seconds, source: .netlink)
        s.tcp = ["ActiveOpens": activeOpens, "PassiveOpens": 10, "EstabResets": 3]
        s.tcpExt = tw.map { ["TW": $0] }
        return s
    }

    func testRatesArePerSecondBetweenSamples() {
        let snapshot = SnapshotBuilder.build(sample(at: 12, activeOpens: 1_500, tw: 700), previous: sample(at: 10, activeOpens: 500, tw: 100),
                                             options: .init())
        XCTAssertEqual(snapshot.intervalSeconds, 2)
        XCTAssertEqual(snapshot.rates[.activeOpens], 500)
        XCTAssertEqual(snapshot.rates[.passiveOpens], 0)
        XCTAssertEqual(snapshot.rates[.timeWaitEntered], 300)
        XCTAssertEqual(snapshot.rates[.listenOverflows], .some(nil), "counter absent from the table")
        XCTAssertEqual(snapshot.counters[.activeOpens], 1_500)
    }

    func testNoPreviousSampleOrBackwardsCounterGivesNull() {
        let single = SnapshotBuilder.build(sample(at: 1, activeOpens: 5, tw: 5), previous: nil, options: .init())
        XCTAssertNil(single.intervalSeconds)
        XCTAssertTrue(RateCounter.allCases.allSatisfy { single.rates[$0] == .some(nil) })

        let wrapped = SnapshotBuilder.build(sample(at: 2, activeOpens: 5, tw: 5), previous: sample(at: 1, activeOpens: 50, tw: 1),
                                            options: .init())
        XCTAssertEqual(wrapped.rates[.activeOpens], .some(nil))
        XCTAssertEqual(wrapped.rates[.timeWaitEntered], 4)
    }

    func testSamplesOutOfOrderWarnAndGiveNoRates() {
        let snapshot = SnapshotBuilder.build(sample(at: 1, activeOpens: 9, tw: 9), previous: sample(at: 1, activeOpens: 1, tw: 1),
                                             options: .init())
        XCTAssertNil(snapshot.intervalSeconds)
        XCTAssertEqual(snapshot.rates[.activeOpens], .some(nil))
        XCTAssertEqual(snapshot.collector.warnings, ["samples are not in time order; rates left null"])
    }

    func testProcessesSortByRatioThenOpenWithUnlimitedLast() {
        var s = sample(at: 1, activeOpens: 0, tw: 0)
        func p(_ pid: Int32, _ open: Int, _ soft: Int64?) -> ProcessFDUsage {
            ProcessFDUsage(process: ProcessIdentity(pid: pid, command: "p\(pid)"), open: open, limit: OpenFileLimit(soft: soft, hard: soft))
        }
        s.processes = [p(1, 10, 1024), p(2, 900, 1024), p(3, 5000, nil), p(4, 50, 64), p(5, 10, 1024)]
        s.unreadableProcesses = 3
        s.fileNr = (allocated: 2000, max: 10_000)
        let fds = SnapshotBuilder.build(s, previous: nil, options: .init(top: 4)).fds
        XCTAssertEqual(fds.processes.map(\.process.pid), [2, 4, 1, 5])
        XCTAssertEqual(fds.processCount, 5)
        XCTAssertEqual(fds.unreadableProcesses, 3)
        XCTAssertEqual(fds.systemRatio, 0.2)
    }

    func testPeersListenersAndLocalPortsAreCutToTopInAStableOrder() {
        var s = sample(at: 1, activeOpens: 0, tw: 0)
        var table = SocketTable()
        table.peers = [IPAddress("127.0.0.3")!: StateCounts([.timeWait: 2]), IPAddress("127.0.0.2")!: StateCounts([.timeWait: 2]),
                       IPAddress("127.0.0.9")!: StateCounts([.established: 5])]
        table.localPorts[80] = StateCounts([.listen: 1])
        table.localPorts[443] = StateCounts([.established: 3])
        s.table = table
        s.listeners = [ListenerRecord(address: IPAddress("0.0.0.0")!, port: 443, acceptQueue: 2, backlog: 511, inode: 7),
                       ListenerRecord(address: IPAddress("0.0.0.0")!, port: 80, acceptQueue: 0, backlog: nil, inode: 8)]
        s.owners = [7: ProcessIdentity(pid: 42, command: "nginx")]
        let snapshot = SnapshotBuilder.build(s, previous: nil, options: .init(top: 2))
        XCTAssertEqual(snapshot.peers.map(\.address.description), ["127.0.0.9", "127.0.0.2"])
        XCTAssertEqual(snapshot.localPorts.map(\.port), [443, 80])
        XCTAssertEqual(snapshot.listeners.map(\.record.port), [80, 443])
        XCTAssertEqual(snapshot.listeners.map(\.owner?.pid), [nil, 42])
    }

    func testDestinationGrowthIsMeasuredBetweenTableWalks() throws {
        let key = DestinationKey(localAddress: IPAddress("127.0.0.1")!, remoteAddress: IPAddress("127.0.0.2")!, remotePort: 80)
        func walked(_ used: Int, at seconds: Double, tableAt: Double) -> RawSample {
            var s = sample(at: seconds, activeOpens: 0, tw: 0)
            s.sysctl.ipLocalPortRange = 40000...40999
            var table = SocketTable()
            table.destinations[key] = DestinationUsage(used: used)
            s.table = table
            s.tableTakenAt = tableAt
            return s
        }
        let firstWalk = walked(100, at: 10, tableAt: 10)
        let secondWalk = walked(300, at: 12, tableAt: 12)
        let carried = walked(300, at: 13, tableAt: 12)   // a tick between walks: same table
        let onWalk = SnapshotBuilder.build(secondWalk, previous: firstWalk, options: .init())
        XCTAssertEqual(onWalk.ports.worst?.growthPerSecond, 100)
        XCTAssertEqual(onWalk.ports.worst?.secondsToExhaustion, 7)
        let between = SnapshotBuilder.build(carried, previous: secondWalk, tableBaseline: firstWalk, options: .init())
        XCTAssertEqual(between.ports.worst?.growthPerSecond, 100, "growth of the last two walks, not 0")
        let sameTable = SnapshotBuilder.build(carried, previous: secondWalk, options: .init())
        XCTAssertNil(sameTable.ports.worst?.growthPerSecond, "no time between the walks: growth unknown")
    }

    func testTimeWaitIsSplitByTheSideThatClosedFirst() throws {
        let here = IPAddress("127.0.0.1")!
        func timeWait(local: UInt16, remote: UInt16) -> SocketRecord {
            SocketRecord(family: .ipv4, state: .timeWait, localAddress: here, localPort: local, remoteAddress: here,
                         remotePort: remote, timer: 3, expiresMs: 30_000)
        }
        var aggregator = SocketAggregator(ephemeralRange: 40_000...40_099)
        // 3 entries of a client (ephemeral port toward :8080), 2 of the server on 8080, 1 of a
        // server listening inside the range (40050), 1 on a fixed port that is neither.
        for port in [40_001, 40_002, 40_003] as [UInt16] { aggregator.add(timeWait(local: port, remote: 8080)) }
        for port in [40_010, 40_011] as [UInt16] { aggregator.add(timeWait(local: 8080, remote: port)) }
        aggregator.add(timeWait(local: 40_050, remote: 40_020))
        aggregator.add(timeWait(local: 5_000, remote: 6_000))
        var raw = RawSample(takenAt: Date(timeIntervalSince1970: 1_800_000_000), monotonicSeconds: 1, source: .netlink)
        raw.sysctl.ipLocalPortRange = 40_000...40_099
        raw.table = aggregator.table
        raw.listeners = [ListenerRecord(address: here, port: 8080, acceptQueue: 0, backlog: 10, inode: 1),
                         ListenerRecord(address: here, port: 40_050, acceptQueue: 0, backlog: 10, inode: 2)]
        let states = try XCTUnwrap(SnapshotBuilder.build(raw, previous: nil, options: .init()).states)
        XCTAssertEqual(states.timeWaitClientsClosed, 3)
        XCTAssertEqual(states.timeWaitServersClosed, 3)
        raw.sysctl.ipLocalPortRange = nil
        XCTAssertNil(SnapshotBuilder.build(raw, previous: nil, options: .init()).states?.timeWaitClientsClosed)
    }
}
