import XCTest
@testable import NetwatchCore
import TestSupport

/// What the advice needs from the socket walk (orphaned FIN_WAIT2, CLOSE_WAIT owners) and how
/// `advice` and `close_wait_owners` travel through the JSON.
final class AdviceSnapshotFieldsTests: XCTestCase {
    private func socket(_ state: TCPState, inode: UInt32, localPort: UInt16 = 8080) -> SocketRecord {
        SocketRecord(family: .ipv4, state: state, localAddress: IPAddress("10.0.0.1")!, localPort: localPort,
                     remoteAddress: IPAddress("10.0.0.2")!, remotePort: 50_000 + UInt16(inode % 1000), timer: 0, expiresMs: 0,
                     rxQueue: 0, txQueue: 0, inode: inode)
    }

    func testAggregatorCountsOrphanedFinWait2AndKeepsCloseWaitInodes() {
        var aggregator = SocketAggregator(ephemeralRange: nil)
        aggregator.add(socket(.finWait2, inode: 0))
        aggregator.add(socket(.finWait2, inode: 0))
        aggregator.add(socket(.finWait2, inode: 77))
        aggregator.add(socket(.closeWait, inode: 5, localPort: 8080))
        aggregator.add(socket(.closeWait, inode: 6, localPort: 9090))
        aggregator.add(socket(.closeWait, inode: 0))
        XCTAssertEqual(aggregator.table.orphanedFinWait2, 2)
        XCTAssertEqual(aggregator.table.closeWaitSockets, [5: 8080, 6: 9090])
    }

    func testCloseWaitInodesAreCapped() {
        var aggregator = SocketAggregator(ephemeralRange: nil)
        for inode in 1...UInt32(SocketAggregator.closeWaitInodeLimit + 10) { aggregator.add(socket(.closeWait, inode: inode)) }
        XCTAssertEqual(aggregator.table.closeWaitSockets.count, SocketAggregator.closeWaitInodeLimit)
        XCTAssertEqual(aggregator.table.ipv4[.closeWait], SocketAggregator.closeWaitInodeLimit + 10)
    }

    func testBuilderGroupsCloseWaitByOwnerWithTheirBusiestPort() {
        var sample = RawSample(takenAt: SnapshotFixtures.takenAt, monotonicSeconds: 1, source: .netlink)
        var table = SocketTable()
        table.closeWaitSockets = [1: 8080, 2: 8080, 3: 9090, 4: 7000, 5: 7001, 6: 6000]
        sample.table = table
        let app = ProcessIdentity(pid: 40, command: "app"), other = ProcessIdentity(pid: 30, command: "other")
        sample.owners = [1: app, 2: app, 3: app, 4: other, 5: other]
        let owners = SnapshotBuilder.build(sample, previous: nil, options: .init()).closeWaitOwners
        XCTAssertEqual(owners, [CloseWaitOwner(process: app, count: 3, localPort: 8080),
                                CloseWaitOwner(process: other, count: 2, localPort: 7000)])
    }

    func testAdviceAndCloseWaitOwnersInTheJSON() throws {
        let storm = SnapshotFixtures.storm()
        let json = SnapshotEncoder.encode(storm)
        guard case let .array(advice)? = json["advice"], case let .array(owners)? = json["close_wait_owners"] else {
            return XCTFail("advice or close_wait_owners missing")
        }
        XCTAssertEqual(advice.count, storm.advice.count)
        XCTAssertEqual(advice.first?["id"], .string("ephemeral_exhaustion"))
        XCTAssertEqual(advice.first?["severity"], .string("critical"))
        XCTAssertEqual(advice.first?["evidence"]?["destination"], .string("10.0.3.17:5432"))
        XCTAssertEqual(advice.first?["evidence"]?["used"], .int(26_300))
        XCTAssertEqual(advice.first?["target"], DrillTarget.destination(address: SnapshotFixtures.database, port: 5432).jsonValue)
        XCTAssertEqual(owners.first, .object([("pid", .int(2_201)), ("command", .string("java")), ("close_wait", .int(400)),
                                              ("local_port", .int(41_000))]))
        XCTAssertEqual(json["states"]?["orphaned_fin_wait2"], .int(0))
        let decoded = try SnapshotDecoder.decode(json)
        XCTAssertEqual(decoded.advice, storm.advice)
        XCTAssertEqual(decoded.closeWaitOwners, storm.closeWaitOwners)
        let validation = try SchemaValidator.validate(json.serialized())
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
    }

    func testADocumentWithoutAdviceDecodesWithNone() throws {
        var json = SnapshotEncoder.encode(SnapshotFixtures.storm())
        guard case let .object(members) = json else { return XCTFail("not an object") }
        json = .object(members.filter { !["advice", "close_wait_owners"].contains($0.0) })
        let decoded = try SnapshotDecoder.decode(json)
        XCTAssertEqual(decoded.advice, [])
        XCTAssertEqual(decoded.closeWaitOwners, [])
    }

    func testABadSeverityIsReportedByPath() {
        var finding = SnapshotEncoder.finding(SnapshotFixtures.storm().advice[0])
        guard case let .object(members) = finding else { return XCTFail("not an object") }
        finding = .object(members.map { $0.0 == "severity" ? ($0.0, .string("urgent")) : $0 })
        var json = SnapshotEncoder.encode(SnapshotFixtures.idle())
        guard case let .object(top) = json else { return XCTFail("not an object") }
        json = .object(top.map { $0.0 == "advice" ? ($0.0, .array([finding])) : $0 })
        XCTAssertThrowsError(try SnapshotDecoder.decode(json)) { error in
            XCTAssertEqual("\(error)", "advice[0].severity: expected \"info\", \"warning\" or \"critical\"")
        }
    }
}
