import XCTest
@testable import NetwatchCore

final class TopNTests: XCTestCase {
    func testKeepsTheFirstNInOrderLikeASortedPrefix() {
        var generator = SystemRandomNumberGenerator()
        for n in [0, 1, 3, 50] {
            let values = (0..<500).map { _ in Int.random(in: 0..<100, using: &generator) }
            XCTAssertEqual(TopN.of(n, values, by: >), Array(values.sorted(by: >).prefix(n)), "n = \(n)")
        }
    }

    func testBusiestLocalPortsBreakTiesByPort() {
        var ports = LocalPortCounts()
        ports.add(.timeWait, port: 9)
        ports.add(.timeWait, port: 3)
        ports.add(.established, port: 80)
        ports.add(.established, port: 80)
        let busiest = ports.busiest(2)
        XCTAssertEqual(busiest.map(\.port), [80, 3])
        XCTAssertEqual(busiest.first?.counts, StateCounts([.established: 2]))
        XCTAssertEqual(ports.busiest(10).count, 3)
    }
}
