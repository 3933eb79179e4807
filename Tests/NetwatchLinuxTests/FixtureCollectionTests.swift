import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// The collector on trees captured from a real storm (scripts/capture-fixtures.sh), compared
/// with the `ss -tan` output captured at the same moment.
final class FixtureCollectionTests: XCTestCase {
    func collect(_ name: String, filter: PortSet? = nil, keep: Int = 0) throws -> (RawSample, Snapshot) {
        let path = FixturePaths.fixture(name)
        guard FileManager.default.fileExists(atPath: path + "/net/snmp") else {
            XCTFail("fixture \(path) is missing: run scripts/capture-fixtures.sh as root")
            throw XCTSkip("no fixture")
        }
        let collector = Collector(root: ProcRoot(path: path), useNetlink: false, clock: FakeClock())
        let sample = collector.collect(CollectRequest(filter: filter, keepSockets: keep))
        return (sample, SnapshotBuilder.build(sample, previous: nil, options: .init(top: 1000, filter: filter)))
    }

    func oracle(_ name: String, _ file: String = "ss-tan.txt") throws -> SSOracle {
        SSOracle(try String(contentsOfFile: FixturePaths.fixture(name) + "/" + file, encoding: .utf8))
    }

    func testStormTreeCountsEqualSS() throws {
        let (sample, snapshot) = try collect("proc-storm")
        let ss = try oracle("proc-storm")
        XCTAssertEqual(sample.source, .procfs)
        XCTAssertEqual(sample.skippedLines, 0)
        XCTAssertEqual(snapshot.states?.byState, ss.byState)
        XCTAssertEqual(snapshot.states?.ipv6, ss.byState(ipv6: true))
        XCTAssertGreaterThanOrEqual(snapshot.states?.byState[.timeWait] ?? 0, 1000)
        XCTAssertEqual(snapshot.hostName, "storm-host")
        XCTAssertEqual(sample.warnings, [])
    }

    func testStormTreeDestinationsEqualSS() throws {
        let (_, snapshot) = try collect("proc-storm")
        let range = try XCTUnwrap(snapshot.ports.range)
        let ss = try oracle("proc-storm").destinations(range: Int(range.lowerBound)...Int(range.upperBound))
        XCTAssertEqual(snapshot.destinationUse, ss)
        XCTAssertEqual(snapshot.ports.usable, Int(range.upperBound) - Int(range.lowerBound) + 1)
    }

    func testStormTreeListenersQueueFromProcBacklogUnknown() throws {
        let (_, snapshot) = try collect("proc-storm")
        let ss = try oracle("proc-storm").rows.filter { $0.state == .listen }
            .map { "\($0.localAddress):\($0.localPort) \($0.recvQ) ?" }.sorted()
        XCTAssertEqual(snapshot.listenerLines, ss, "/proc shows the accept queue but not the backlog")
        let full = try XCTUnwrap(snapshot.listeners.first { $0.record.acceptQueue > 0 })
        XCTAssertEqual(full.record.acceptQueue, 5, "backlog 4 holds 4+1 connections")
    }

    func testStormTreeOwnersAndFdsOfTheLoadGenerator() throws {
        let (_, snapshot) = try collect("proc-storm")
        let pidText = try String(contentsOfFile: FixturePaths.fixture("proc-storm/loadgen.pid"), encoding: .utf8)
        let pid = try XCTUnwrap(Int32(pidText.trimmingCharacters(in: .whitespacesAndNewlines)))
        let fdCount = try FileManager.default.contentsOfDirectory(atPath: FixturePaths.fixture("proc-storm/\(pid)/fd")).count
        XCTAssertEqual(snapshot.fds.processes.map(\.process.pid), [pid])
        XCTAssertEqual(snapshot.fds.processes.first?.open, fdCount)
        XCTAssertEqual(snapshot.fds.processes.first?.process.command, "netwatch-load")
        XCTAssertEqual(snapshot.fds.unreadableProcesses, 0)
        XCTAssertTrue(snapshot.listeners.allSatisfy { $0.owner?.pid == pid }, "\(snapshot.listeners.map(\.owner))")
    }

    func testKnownOwnersAreCarriedAndOnlyNewInodesLookedUp() throws {
        let path = FixturePaths.fixture("proc-storm")
        let collector = Collector(root: ProcRoot(path: path), useNetlink: false, clock: FakeClock())
        let first = collector.collect(CollectRequest())
        let listener = try XCTUnwrap(first.listeners.first)
        let loadgen = try XCTUnwrap(first.owners[listener.inode])
        XCTAssertEqual(first.ownersUnreadableProcesses, 0)
        // A known owner is taken as given (no lookup for its inode); the other inodes are looked up.
        let marker = ProcessIdentity(pid: 1, command: "known")
        var request = CollectRequest()
        request.knownOwners = [listener.inode: marker, 999_999_999: marker]
        let second = collector.collect(request)
        XCTAssertEqual(second.owners[listener.inode], marker)
        XCTAssertNil(second.owners[999_999_999], "an inode no longer wanted is dropped")
        XCTAssertEqual(second.owners.count, first.owners.count)
        XCTAssertTrue(second.owners.filter { $0.key != listener.inode }.allSatisfy { $0.value == loadgen })
        XCTAssertEqual(first.ownersMissing, [], "every wanted inode of the tree has an owner")
        // An inode an earlier lookup did not find is not looked up again (until a full lookup).
        var skipping = CollectRequest()
        skipping.ownersMissing = [listener.inode]
        let third = collector.collect(skipping)
        XCTAssertNil(third.owners[listener.inode])
        XCTAssertEqual(third.ownersMissing, [listener.inode])
        // The storm's SYN_SENT clients are named: the load generator's connects to its full listener.
        let snapshot = SnapshotBuilder.build(first, previous: nil, options: .init(top: 1000))
        let ss = try oracle("proc-storm").rows.filter { $0.state == .synSent }
        XCTAssertEqual(snapshot.synSent.reduce(0) { $0 + $1.count }, ss.count)
        XCTAssertGreaterThan(ss.count, 0)
        XCTAssertEqual(snapshot.synSent.flatMap(\.owners).map(\.process), [loadgen])
    }

    func testFilterKeepsOnlyMatchingSockets() throws {
        let (_, all) = try collect("proc-storm")
        let port = try XCTUnwrap(all.listeners.first).record.port
        let (sample, filtered) = try collect("proc-storm", filter: PortSet(ranges: [port...port]), keep: 50)
        let expected = try oracle("proc-storm").rows.filter { $0.localPort == Int(port) || $0.remotePort == Int(port) }
        XCTAssertEqual(filtered.states?.total, expected.count)
        XCTAssertEqual(sample.table?.socketsSeen, expected.count)
        XCTAssertEqual(filtered.sockets?.count, min(50, expected.count))
        XCTAssertTrue(filtered.sockets?.allSatisfy { $0.record.localPort == port || $0.record.remotePort == port } ?? false)
    }

    func testTreeWithoutIPv6GivesNullIPv6AndNamesTheFiles() throws {
        let (sample, snapshot) = try collect("proc-no-ipv6")
        XCTAssertNil(snapshot.states?.ipv6)
        XCTAssertEqual(snapshot.states?.byState, try oracle("proc-no-ipv6").byState)
        XCTAssertNil(snapshot.sockstat?.inuse6)
        let root = FixturePaths.fixture("proc-no-ipv6")
        XCTAssertEqual(sample.warnings, ["\(root)/net/sockstat6 is missing", "\(root)/net/tcp6 is missing; IPv6 sockets unknown"])
    }

    /// A snapshot of each real tree (whole, and filtered with its sockets kept) encodes, parses and
    /// decodes back to the same text, as `replay` reads a recording.
    func testRealTreesRoundTripThroughTheDecoder() throws {
        for name in ["proc-storm", "proc-no-ipv6"] {
            for (filter, keep) in [(nil, 0), (try PortSet.parse("7001-7003"), 200)] {
                let (_, snapshot) = try collect(name, filter: filter, keep: keep)
                XCTAssertEqual(snapshot.sockets?.isEmpty, filter == nil ? nil : false, name)
                let text = SnapshotEncoder.encode(snapshot).serialized()
                XCTAssertEqual(SnapshotEncoder.encode(try SnapshotDecoder.decode(text)).serialized(), text, name)
            }
        }
    }
}

/// A clock that never waits: `sleep` advances it.
final class FakeClock: SampleClock, @unchecked Sendable {
    private(set) var time: Double
    private(set) var slept: [Double] = []

    init(start: Double = 100) { time = start }

    func now() -> Double { time }

    func sleep(seconds: Double) {
        slept.append(seconds)
        time += seconds
    }
}
