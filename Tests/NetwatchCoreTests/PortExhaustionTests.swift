import XCTest
@testable import NetwatchCore

final class PortExhaustionTests: XCTestCase {
    let client = IPAddress("127.0.0.1")!
    let upstream = IPAddress("127.0.0.5")!
    let remote = IPAddress("10.0.0.5")!
    let local = IPAddress("10.0.0.1")!

    func sysctl(range: ClosedRange<UInt16>, reserved: [ClosedRange<UInt16>] = [], reuse: Int64 = 2, timestamps: Int64 = 1) -> Sysctls {
        var s = Sysctls()
        s.tcpTimestamps = timestamps
        s.ipLocalPortRange = range
        s.ipLocalReservedPorts = reserved
        s.tcpTwReuse = reuse
        return s
    }

    func socket(_ state: TCPState, from: IPAddress, _ port: UInt16, to: IPAddress, _ remotePort: UInt16, expires: UInt32 = 0) -> SocketRecord {
        SocketRecord(family: .ipv4, state: state, localAddress: from, localPort: port, remoteAddress: to, remotePort: remotePort,
                     timer: state == .timeWait ? 3 : 0, expiresMs: expires)
    }

    func testUsableSubtractsReservedAndListenerPortsInRange() {
        let listeners = [ListenerRecord(address: client, port: 40005, acceptQueue: 0, backlog: 10, inode: 1),
                         ListenerRecord(address: client, port: 40002, acceptQueue: 0, backlog: 10, inode: 2),  // also reserved
                         ListenerRecord(address: client, port: 80, acceptQueue: 0, backlog: 10, inode: 3)]
        let ports = PortExhaustion.analyse(table: SocketTable(), previous: nil, elapsed: nil,
                                           sysctl: sysctl(range: 40000...40099, reserved: [40000...40003, 50000...50010]),
                                           listeners: listeners, top: 5)
        XCTAssertEqual(ports.reserved, 4)
        XCTAssertEqual(ports.heldByListeners, 1)
        XCTAssertEqual(ports.usable, 95)
        XCTAssertNil(ports.worst)
    }

    func testRatioPerDestinationWorstFirstWithReuseOnlyOnLoopback() throws {
        var aggregator = SocketAggregator(ephemeralRange: 40000...40009, reuseDelayMs: 1000)
        // 9 toward 127.0.0.5:80: 5 established, 4 time-wait of which 3 are older than 1 s.
        for i in 0..<5 { aggregator.add(socket(.established, from: client, UInt16(40000 + i), to: upstream, 80)) }
        for (i, expires) in [59_500, 59_000, 30_000, 1_000].enumerated() {
            aggregator.add(socket(.timeWait, from: client, UInt16(40005 + i), to: upstream, 80, expires: UInt32(expires)))
        }
        // 2 toward 10.0.0.5:443 (not loopback: reuse mode 2 does not apply).
        aggregator.add(socket(.timeWait, from: local, 40000, to: remote, 443, expires: 100))
        aggregator.add(socket(.synSent, from: local, 40001, to: remote, 443))
        // Outside the range, and a listener: ignored.
        aggregator.add(socket(.established, from: client, 5000, to: upstream, 80))
        aggregator.add(socket(.listen, from: client, 40009, to: IPAddress("0.0.0.0")!, 0))

        let ports = PortExhaustion.analyse(table: aggregator.table, previous: nil, elapsed: nil,
                                           sysctl: sysctl(range: 40000...40009), listeners: [], top: 5)
        XCTAssertEqual(ports.usable, 10)
        XCTAssertEqual(ports.destinationCount, 2)
        let worst = try XCTUnwrap(ports.worst)
        XCTAssertEqual(worst.remoteAddress, upstream)
        XCTAssertEqual(worst.remotePort, 80)
        XCTAssertEqual(worst.used, 9)
        XCTAssertEqual(worst.timeWait, 4)
        XCTAssertEqual(worst.ratio, 0.9)
        XCTAssertEqual(try XCTUnwrap(worst.ratioWithReuse), 0.6, accuracy: 1e-9)
        XCTAssertNil(worst.secondsToExhaustion)
        let second = ports.destinations[1]
        XCTAssertEqual(second.used, 2)
        XCTAssertNil(second.ratioWithReuse)
    }

    func testReuseModeOneAppliesEverywhereAndZeroNowhere() {
        let key = DestinationKey(localAddress: local, remoteAddress: remote, remotePort: 80)
        XCTAssertTrue(PortExhaustion.reuseApplies(mode: 1, timestamps: 1, destination: key))
        XCTAssertFalse(PortExhaustion.reuseApplies(mode: 2, timestamps: 1, destination: key))
        XCTAssertFalse(PortExhaustion.reuseApplies(mode: 0, timestamps: 1, destination: key))
        XCTAssertFalse(PortExhaustion.reuseApplies(mode: nil, timestamps: 1, destination: key))
    }

    func testReuseNeedsTimestamps() throws {
        let loopback = DestinationKey(localAddress: client, remoteAddress: upstream, remotePort: 80)
        XCTAssertTrue(PortExhaustion.reuseApplies(mode: 2, timestamps: 2, destination: loopback))
        XCTAssertFalse(PortExhaustion.reuseApplies(mode: 1, timestamps: 0, destination: loopback))
        XCTAssertFalse(PortExhaustion.reuseApplies(mode: 2, timestamps: 0, destination: loopback))
        XCTAssertFalse(PortExhaustion.reuseApplies(mode: 1, timestamps: nil, destination: loopback))
        var aggregator = SocketAggregator(ephemeralRange: 40000...40009, reuseDelayMs: 1000)
        aggregator.add(socket(.timeWait, from: client, 40000, to: upstream, 80, expires: 100))
        let ports = PortExhaustion.analyse(table: aggregator.table, previous: nil, elapsed: nil,
                                           sysctl: sysctl(range: 40000...40009, reuse: 1, timestamps: 0), listeners: [], top: 5)
        XCTAssertEqual(ports.worst?.ratio, 0.1)
        XCTAssertNil(try XCTUnwrap(ports.worst).ratioWithReuse)
    }

    func testFullIsFullWhateverTheGrowth() throws {
        let key = DestinationKey(localAddress: client, remoteAddress: upstream, remotePort: 80)
        var before = SocketTable(), now = SocketTable()
        before.destinations[key] = DestinationUsage(used: 10)
        now.destinations[key] = DestinationUsage(used: 10)
        let ports = PortExhaustion.analyse(table: now, previous: before, elapsed: 10,
                                           sysctl: sysctl(range: 40000...40009), listeners: [], top: 5)
        let worst = try XCTUnwrap(ports.worst)
        XCTAssertEqual(worst.growthPerSecond, 0)
        XCTAssertEqual(worst.secondsToExhaustion, 0)
    }

    func testSecondsToExhaustionFromGrowthBetweenWalks() throws {
        var before = SocketTable()
        let key = DestinationKey(localAddress: client, remoteAddress: upstream, remotePort: 80)
        before.destinations[key] = DestinationUsage(used: 600)
        var now = SocketTable()
        now.destinations[key] = DestinationUsage(used: 800)
        let ports = PortExhaustion.analyse(table: now, previous: before, elapsed: 2, sysctl: sysctl(range: 40000...40999),
                                           listeners: [], top: 5)
        let worst = try XCTUnwrap(ports.worst)
        XCTAssertEqual(worst.growthPerSecond, 100)
        XCTAssertEqual(worst.secondsToExhaustion, 2)   // 200 free at 100/s

        let shrinking = PortExhaustion.analyse(table: before, previous: now, elapsed: 2, sysctl: sysctl(range: 40000...40999),
                                               listeners: [], top: 5)
        XCTAssertEqual(shrinking.worst?.growthPerSecond, -100)
        XCTAssertNil(shrinking.worst?.secondsToExhaustion)
    }

    func testNewDestinationSinceLastWalkGrowsFromZero() throws {
        let key = DestinationKey(localAddress: client, remoteAddress: upstream, remotePort: 80)
        var now = SocketTable()
        now.destinations[key] = DestinationUsage(used: 50)
        let ports = PortExhaustion.analyse(table: now, previous: SocketTable(), elapsed: 1, sysctl: sysctl(range: 40000...40099),
                                           listeners: [], top: 5)
        XCTAssertEqual(ports.worst?.growthPerSecond, 50)
        XCTAssertEqual(ports.worst?.secondsToExhaustion, 1)
    }

    func testNoRangeMeansNoGauge() {
        var s = Sysctls()
        s.tcpTwReuse = 2
        let ports = PortExhaustion.analyse(table: SocketTable(), previous: nil, elapsed: nil, sysctl: s, listeners: [], top: 5)
        XCTAssertNil(ports.usable)
        XCTAssertNil(ports.range)
        XCTAssertNil(ports.worst)
    }
}
