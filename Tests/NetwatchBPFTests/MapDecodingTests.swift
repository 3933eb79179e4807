import CLibbpf
import NetwatchCore
import XCTest
@testable import NetwatchBPF

/// The kernel's map entries (bpf/netwatch_maps.h) decode into the exact NetwatchCore values.
final class MapDecodingTests: XCTestCase {
    func testIPv4ConnectorKey() {
        var key = nw_connector_key()
        key.pid = 4242
        key.netns = 4_026_531_840
        key.family = 2
        key.port = 443
        withUnsafeMutableBytes(of: &key.addr) { $0.copyBytes(from: [10, 0, 0, 5]) }
        XCTAssertEqual(ConnectorKey(key), ConnectorKey(pid: 4242, namespace: 4_026_531_840, address: IPAddress("10.0.0.5")!, port: 443))
    }

    func testIPv6ConnectorKey() {
        var key = nw_connector_key()
        key.pid = 7
        key.family = 10
        key.port = 8080
        withUnsafeMutableBytes(of: &key.addr) { $0[15] = 1 }
        XCTAssertEqual(ConnectorKey(key), ConnectorKey(pid: 7, namespace: 0, address: IPAddress("::1")!, port: 8080))
    }

    /// Two ways of the connectors table holding one connector (two CPUs took a way for it at
    /// once) are one row, their counts summed; the array's stride is the kernel's (value size
    /// rounded up to 8).
    func testTwoWaysOfOneConnectorAreSummed() {
        func way(connects: UInt64, established: UInt64, refused: UInt64, bucket: Int) -> nw_connector_way {
            var way = nw_connector_way()
            way.state = UInt32(NW_WAY_TAKEN)
            way.key.pid = 4242
            way.key.family = 2
            way.key.port = 443
            withUnsafeMutableBytes(of: &way.key.addr) { $0.copyBytes(from: [10, 0, 0, 5]) }
            way.value.connects = connects
            way.value.established = established
            way.value.refused = refused
            withUnsafeMutableBytes(of: &way.value.lifetime) { $0.storeBytes(of: UInt32(established), toByteOffset: bucket * 4, as: UInt32.self) }
            withUnsafeMutableBytes(of: &way.value.comm) { $0.copyBytes(from: Array("curl".utf8)) }
            return way
        }
        var counts = ConnectorCounts()
        counts.add(way: way(connects: 10, established: 7, refused: 3, bucket: 4))
        counts.add(way: way(connects: 5, established: 5, refused: 0, bucket: 6))
        var buckets = [Int64](repeating: 0, count: LifetimeHistogram.bucketCount)
        buckets[4] = 7
        buckets[6] = 5
        XCTAssertEqual(counts.connectors, [
            ConnectorKey(pid: 4242, namespace: 0, address: IPAddress("10.0.0.5")!, port: 443):
                ConnectorTotals(command: "curl", connects: 15, established: 12, failures: ConnectFailures(refused: 3),
                                lifetimes: LifetimeHistogram(buckets: buckets)),
        ])
        XCTAssertEqual(ConnectorTable.stride, 256)
    }

    func testUnknownFamilyIsSkipped() {
        var key = nw_connector_key()
        key.family = 1
        XCTAssertNil(ConnectorKey(key))
    }

    func testConnectorValue() {
        var value = nw_connector_value()
        value.connects = 540
        value.established = 500
        value.addrnotavail = 40
        value.refused = 3
        value.timedout = 2
        value.reset = 1
        value.other = 4
        withUnsafeMutableBytes(of: &value.lifetime) { raw in
            let buckets = raw.bindMemory(to: UInt32.self)
            buckets[11] = 490
            buckets[31] = 10
        }
        withUnsafeMutableBytes(of: &value.comm) { $0.copyBytes(from: Array("curl".utf8)) }
        var expected = [Int64](repeating: 0, count: 32)
        expected[11] = 490
        expected[31] = 10
        XCTAssertEqual(ConnectorTotals(value), ConnectorTotals(
            command: "curl", connects: 540, established: 500,
            failures: ConnectFailures(addressNotAvailable: 40, refused: 3, timedOut: 2, reset: 1, other: 4),
            lifetimes: LifetimeHistogram(buckets: expected)))
    }

    func testAcceptorEntry() {
        var key = nw_acceptor_key()
        key.pid = 99
        key.netns = 12
        var value = nw_acceptor_value()
        value.accepts = 1000
        value.emfile = 17
        value.enfile = 2
        value.other = 1
        withUnsafeMutableBytes(of: &value.comm) { $0.copyBytes(from: Array("0123456789abcdef".utf8)) }
        XCTAssertEqual(AcceptorKey(key), AcceptorKey(pid: 99, namespace: 12))
        XCTAssertEqual(AcceptorTotals(value), AcceptorTotals(command: "0123456789abcdef", accepts: 1000,
                                                             failures: AcceptFailures(processLimit: 17, systemLimit: 2, other: 1)))
    }

    func testACounterPastTwoToThe48IsACorruptEntryAndSkipped() {
        var value = nw_connector_value()
        value.connects = UInt64.max
        XCTAssertNil(ConnectorTotals(value))
        value.connects = 1 << 48
        XCTAssertEqual(ConnectorTotals(value)?.connects, 281_474_976_710_656)
        var accepts = nw_acceptor_value()
        accepts.emfile = (1 << 48) + 1
        XCTAssertNil(AcceptorTotals(accepts))
    }

    func testEntryBytesDecodeAsTheTracerReadsThemAndShortOnesAreZeroFilled() {
        var key = nw_connector_key()
        key.pid = 42
        key.family = 2
        key.port = 80
        withUnsafeMutableBytes(of: &key.addr) { $0.copyBytes(from: [127, 0, 0, 1]) }
        var value = nw_connector_value()
        value.connects = 3
        var corrupt = value
        corrupt.other = UInt64.max
        func way(_ key: nw_connector_key, _ value: nw_connector_value, state: Int32 = NW_WAY_TAKEN) -> [UInt8] {
            var way = nw_connector_way()
            way.state = UInt32(state)
            way.key = key
            way.value = value
            return withUnsafeBytes(of: way) { Array($0) }
        }
        let entry = way(key, value)
        XCTAssertEqual(entry.count, MapEntry.connector.size)
        var counts = ConnectorCounts()
        entry.withUnsafeBytes { counts.add(.connector, bytes: $0) }
        key.pid = 43
        way(key, corrupt).withUnsafeBytes { counts.add(.connector, bytes: $0) }
        key.pid = 44
        way(key, value, state: NW_WAY_FILLING).withUnsafeBytes { counts.add(.connector, bytes: $0) }
        ([42, 0, 0, 0] as [UInt8]).withUnsafeBytes { counts.add(.acceptor, bytes: $0) }
        XCTAssertEqual(counts, ConnectorCounts(
            connectors: [ConnectorKey(pid: 42, namespace: 0, address: IPAddress("127.0.0.1")!, port: 80):
                            ConnectorTotals(command: "", connects: 3, established: 0,
                                            lifetimes: LifetimeHistogram(buckets: [Int64](repeating: 0, count: 32)))],
            acceptors: [AcceptorKey(pid: 42, namespace: 0): AcceptorTotals(command: "", accepts: 0)]))
    }
}
