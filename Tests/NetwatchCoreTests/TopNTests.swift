import XCTest
@testable import NetwatchCore

final class TopNTests: XCTestCase {
    /// 500 values from 0 to 99, the same on every run (many ties).
    func testKeepsTheFirstNInOrderLikeASortedPrefix() {
        var generator = SplitMix64(seed: 17)
        for n in [0, 1, 3, 50, 500, 600] {
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

/// A seeded generator (SplitMix64), so a failure repeats with the same input.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
