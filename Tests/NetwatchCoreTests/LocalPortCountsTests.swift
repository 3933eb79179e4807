import XCTest
@testable import NetwatchCore

/// The per-port table: a dictionary for a few thousand ports, flat beyond; both must count alike.
final class LocalPortCountsTests: XCTestCase {
    func testStaysSparseUpToTheLimitAndGoesFlatOnTheNextNewPort() {
        var ports = LocalPortCounts()
        for port in 0..<LocalPortCounts.sparseLimit { ports.add(.timeWait, port: UInt16(port)) }
        ports.add(.established, port: 0)
        XCTAssertFalse(ports.isFlat)
        ports.add(.synSent, port: UInt16(LocalPortCounts.sparseLimit))
        XCTAssertTrue(ports.isFlat)
        XCTAssertEqual(ports[0], StateCounts([.timeWait: 1, .established: 1]))
        XCTAssertEqual(ports[UInt16(LocalPortCounts.sparseLimit)], StateCounts([.synSent: 1]))
        XCTAssertEqual(ports[65_535], StateCounts())
        XCTAssertEqual(ports.occupied.count, LocalPortCounts.sparseLimit + 1)
    }

    func testBothRepresentationsGiveTheSameCountsBusiestAndEquality() {
        var sparse = LocalPortCounts(), flat = LocalPortCounts()
        flat.spread()
        let sockets: [(TCPState, UInt16)] = [(.timeWait, 40_001), (.timeWait, 40_001), (.established, 443), (.listen, 443),
                                             (.closeWait, 8080), (.timeWait, 65_535), (.timeWait, 0)]
        for (state, port) in sockets {
            sparse.add(state, port: port)
            flat.add(state, port: port)
        }
        XCTAssertFalse(sparse.isFlat)
        XCTAssertTrue(flat.isFlat)
        XCTAssertEqual(sparse, flat)
        XCTAssertEqual(sparse.busiest(3).map(\.port), [443, 40_001, 0])
        XCTAssertEqual(flat.busiest(3).map(\.port), [443, 40_001, 0])
        XCTAssertEqual(sparse.occupied.map(\.port), [0, 443, 8080, 40_001, 65_535])
        XCTAssertEqual(flat.occupied.map(\.port), [0, 443, 8080, 40_001, 65_535])
        flat.add(.timeWait, port: 1)
        XCTAssertNotEqual(sparse, flat)
    }

    func testAPortSetBackToZeroIsNotOccupied() {
        var ports = LocalPortCounts()
        ports[80] = StateCounts([.listen: 1])
        ports[80] = StateCounts()
        XCTAssertEqual(ports, LocalPortCounts())
        XCTAssertEqual(ports.busiest(5).count, 0)
    }
}
