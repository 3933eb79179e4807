import Foundation
import TestSupport
import XCTest
@testable import NetwatchCore

/// The `conntrack` part of a snapshot: rates from two samples, the dump's aggregate, and the JSON
/// (null when not in use; encode → decode → encode is identical; the schema accepts it).
final class ConntrackSnapshotTests: XCTestCase {
    static let server = IPAddress("10.0.3.17")!
    static let nat = IPAddress("192.0.2.10")!

    static func stats(_ name: String) throws -> [String: Int64] {
        try ConntrackStatistics.parse(try String(contentsOfFile: FixturePaths.fixture("conntrack-stat/" + name), encoding: .utf8))
    }

    /// Two samples 2 s apart on the fixture statistics, the later one with a dump.
    static func samples(count: Int64 = 258_000, withTable: Bool = true) throws -> (RawSample, RawSample) {
        var before = RawSample(takenAt: SnapshotFixtures.takenAt.addingTimeInterval(-2), monotonicSeconds: 100, source: .netlink)
        before.conntrack = ConntrackSample(count: 245_760, max: 262_144, buckets: 65_536, statistics: try stats("before"))
        var after = RawSample(takenAt: SnapshotFixtures.takenAt, monotonicSeconds: 102, source: .netlink)
        after.conntrack = ConntrackSample(count: count, max: 262_144, buckets: 65_536, statistics: try stats("after"))
        after.conntrack?.tcpTimeouts = ["nf_conntrack_tcp_timeout_time_wait": 120, "nf_conntrack_tcp_timeout_established": 432_000]
        if withTable { after.conntrack?.table = table() }
        return (before, after)
    }

    /// 3 entries toward 10.0.3.17:5432 (2 TIME_WAIT, SNAT'd to 192.0.2.10), 1 UDP entry to 10.0.0.53:53.
    static func table() -> ConntrackTable {
        var table = ConntrackTable()
        let client = IPAddress("10.0.1.5")!, resolver = IPAddress("10.0.0.53")!
        for (port, state) in [(40_001, ConntrackTCPState.timeWait), (40_002, .timeWait), (40_003, .established)] {
            table.add(ConntrackEntry(ipProtocol: 6,
                                     original: .init(source: client, destination: server, sourcePort: UInt16(port), destinationPort: 5432),
                                     reply: .init(source: server, destination: nat, sourcePort: 5432, destinationPort: UInt16(port)),
                                     status: ConntrackEntry.sourceNATBit, tcpState: state))
        }
        table.add(ConntrackEntry(ipProtocol: 17, original: .init(source: client, destination: resolver, sourcePort: 5353, destinationPort: 53),
                                 reply: .init(source: resolver, destination: client, sourcePort: 53, destinationPort: 5353)))
        return table
    }

    func testRatesGrowthAndDumpAggregate() throws {
        let (before, after) = try Self.samples()
        let c = try XCTUnwrap(SnapshotBuilder.build(after, previous: before, options: .init(top: 10)).conntrack)
        XCTAssertEqual(c.count, 258_000)
        XCTAssertEqual(c.ratio, 258_000.0 / 262_144)
        XCTAssertEqual(c.growthPerSecond, 6_120)
        XCTAssertEqual(c.ratesPerSecond, ["insert_failed": 100, "drop": 11, "early_drop": 25, "search_restart": 1])
        XCTAssertEqual(c.statistics, ["insert_failed": 248, "drop": 22, "early_drop": 50, "search_restart": 10])
        XCTAssertEqual(c.byState, [.timeWait: 2, .established: 1])
        XCTAssertEqual(c.dumped, 4)
        XCTAssertEqual(c.destinationCount, 2)
        XCTAssertEqual(c.destinations?.first, Snapshot.ConntrackDestination(
            ipProtocol: 6, address: Self.server, port: 5432, entries: 3, timeWait: 2,
            sourceNAT: [Snapshot.NATSource(address: Self.nat, entries: 3)]))
        XCTAssertEqual(c.destinations?.last?.sourceNAT, [])
    }

    func testOneSampleHasNullRatesAndNoDumpHasNullStates() throws {
        let (_, after) = try Self.samples(withTable: false)
        let json = SnapshotEncoder.encode(SnapshotBuilder.build(after, previous: nil, options: .init()))["conntrack"]
        XCTAssertEqual(json?["stats_per_s"]?["insert_failed"], .null)
        XCTAssertEqual(json?["stats"]?["insert_failed"], .int(248))
        XCTAssertEqual(json?["growth_per_s"], .null)
        XCTAssertEqual(json?["by_state"], .null)
        XCTAssertEqual(json?["destinations"], .null)
    }

    func testNotInUseIsNullNeverZero() {
        let sample = RawSample(takenAt: SnapshotFixtures.takenAt, monotonicSeconds: 1, source: .procfs)
        XCTAssertEqual(SnapshotEncoder.encode(SnapshotBuilder.build(sample, previous: nil, options: .init()))["conntrack"], .null)
    }

    func testJSONRoundTripsAndValidates() throws {
        let (before, after) = try Self.samples()
        let snapshot = SnapshotBuilder.build(after, previous: before, options: .init(top: 10))
        let text = SnapshotEncoder.encode(snapshot).serialized()
        let json = SnapshotEncoder.encode(snapshot)["conntrack"]
        XCTAssertEqual(json?["by_state"], .object([("ESTABLISHED", .int(1)), ("TIME_WAIT", .int(2))]))
        guard case let .array(destinations)? = json?["destinations"] else { return XCTFail("no destinations") }
        XCTAssertEqual(destinations.first?["snat"],
                       .array([.object([("address", .string("192.0.2.10")), ("entries", .int(3))])]))
        let decoded = try SnapshotDecoder.decode(text)
        XCTAssertEqual(decoded.conntrack, snapshot.conntrack)
        XCTAssertEqual(SnapshotEncoder.encode(decoded).serialized(), text)
        let validation = try SchemaValidator.validate(text)
        XCTAssertEqual(validation.status, 0, "schema: \(validation.stdout)\(validation.stderr)")
    }

    func testDocumentWithoutConntrackDecodesAsNotInUse() throws {
        let sample = RawSample(takenAt: SnapshotFixtures.takenAt, monotonicSeconds: 1, source: .procfs)
        guard case let .object(members) = SnapshotEncoder.encode(SnapshotBuilder.build(sample, previous: nil, options: .init())) else {
            return XCTFail("not an object")
        }
        let older = JSONValue.object(members.filter { $0.0 != "conntrack" }).serialized()
        XCTAssertNil(try SnapshotDecoder.decode(older).conntrack)
    }
}
