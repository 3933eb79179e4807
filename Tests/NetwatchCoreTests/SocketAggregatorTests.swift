import XCTest
@testable import NetwatchCore

final class SocketAggregatorTests: XCTestCase {
    func testCountsByFamilyStateLocalPortAndPeer() {
        let a = IPAddress("127.0.0.1")!, b = IPAddress("127.0.0.2")!, six = IPAddress("::1")!
        var aggregator = SocketAggregator(ephemeralRange: 32768...60999, keepSockets: 2)
        let sockets = [
            SocketRecord(family: .ipv4, state: .listen, localAddress: a, localPort: 80, remoteAddress: IPAddress("0.0.0.0")!, remotePort: 0),
            SocketRecord(family: .ipv4, state: .established, localAddress: a, localPort: 80, remoteAddress: b, remotePort: 40000),
            SocketRecord(family: .ipv4, state: .timeWait, localAddress: b, localPort: 40001, remoteAddress: a, remotePort: 80),
            SocketRecord(family: .ipv6, state: .closeWait, localAddress: six, localPort: 80, remoteAddress: six, remotePort: 40002),
        ]
        sockets.forEach { aggregator.add($0) }
        let table = aggregator.table
        XCTAssertEqual(table.ipv4, StateCounts([.listen: 1, .established: 1, .timeWait: 1]))
        XCTAssertEqual(table.ipv6, StateCounts([.closeWait: 1]))
        XCTAssertEqual(table.total.total, 4)
        XCTAssertEqual(table.localPorts[80], StateCounts([.listen: 1, .established: 1, .closeWait: 1]))
        XCTAssertEqual(table.localPorts[40001], StateCounts([.timeWait: 1]))
        XCTAssertEqual(table.peers[b], StateCounts([.established: 1]))
        XCTAssertEqual(table.peers[a], StateCounts([.timeWait: 1]))
        XCTAssertNil(table.peers[IPAddress("0.0.0.0")!], "a listener has no peer")
        XCTAssertEqual(table.destinations.count, 1)
        XCTAssertEqual(table.sockets.count, 2)
        XCTAssertEqual(table.socketsSeen, 4)
    }

    func testClientSocketsAreOneMapForNamingSynSentOwnersAndForTheConnectorsEstimate() {
        let here = IPAddress("10.0.0.1")!, server = IPAddress("10.0.0.9")!
        var aggregator = SocketAggregator(ephemeralRange: 32768...60999)
        for (inode, state, localPort) in [(1, TCPState.synSent, UInt16(40_000)), (2, .synSent, 800), (3, .established, 40_001),
                                          (4, .established, 900), (5, .timeWait, 40_002), (0, .synSent, 40_003)] {
            aggregator.add(SocketRecord(family: .ipv4, state: state, localAddress: here, localPort: localPort,
                                        remoteAddress: server, remotePort: 5432, inode: UInt32(inode)))
        }
        let table = aggregator.table
        XCTAssertEqual(table.clientSockets, [
            1: ClientSocket(remoteAddress: server, remotePort: 5432, state: .synSent, connector: true),
            2: ClientSocket(remoteAddress: server, remotePort: 5432, state: .synSent, connector: false),
            3: ClientSocket(remoteAddress: server, remotePort: 5432, state: .established, connector: true),
        ])
        XCTAssertEqual(table.synSent, [RemoteEndpoint(address: server, port: 5432): 3])
    }
}
