import Foundation
import XCTest
@testable import NetwatchCore

/// The peers table stops growing at `SocketAggregator.peerLimit` addresses: a million clients do
/// not make a million entries, and what is not listed is still counted and said.
final class PeerLimitTests: XCTestCase {
    let local = IPAddress("10.0.0.1")!

    func peer(_ n: Int) -> IPAddress { IPAddress(family: .ipv4, words: UInt32(0x0B00_0000 + n).byteSwapped, 0, 0, 0) }

    func socket(_ peer: IPAddress, _ state: TCPState) -> SocketRecord {
        SocketRecord(family: .ipv4, state: state, localAddress: local, localPort: 8080, remoteAddress: peer, remotePort: 40000)
    }

    func testAddressesPastTheLimitAreCountedNotListed() throws {
        var aggregator = SocketAggregator(ephemeralRange: 32768...60999)
        for n in 0..<SocketAggregator.peerLimit { aggregator.add(socket(peer(n), .established)) }
        aggregator.add(socket(peer(SocketAggregator.peerLimit), .timeWait))
        aggregator.add(socket(peer(SocketAggregator.peerLimit + 1), .closeWait))
        aggregator.add(socket(peer(7), .closeWait))
        let table = aggregator.table
        XCTAssertEqual(table.peers.count, 65_536)
        XCTAssertEqual(table.peers[peer(7)], StateCounts([.established: 1, .closeWait: 1]), "a peer seen before keeps exact counts")
        XCTAssertNil(table.peers[peer(SocketAggregator.peerLimit)])
        XCTAssertEqual(table.unlistedPeerSockets, StateCounts([.timeWait: 1, .closeWait: 1]))
        XCTAssertEqual(table.total.total, 65_539)

        var sample = RawSample(takenAt: Date(timeIntervalSince1970: 0), monotonicSeconds: 0, source: .procfs)
        sample.table = table
        let snapshot = SnapshotBuilder.build(sample, previous: nil, options: .init(top: 3))
        XCTAssertEqual(snapshot.collector.warnings, [
            "more than 65536 remote addresses: 2 socket(s) toward those seen after the first 65536 are counted in the states, not among the peers",
        ])
        XCTAssertEqual(snapshot.peers.first?.address, peer(7))
    }

    func testBelowTheLimitNothingIsUnlisted() {
        var aggregator = SocketAggregator(ephemeralRange: nil)
        for n in 0..<1000 { aggregator.add(socket(peer(n), .established)) }
        XCTAssertEqual(aggregator.table.peers.count, 1000)
        XCTAssertEqual(aggregator.table.unlistedPeerSockets, StateCounts())
    }
}
