import XCTest
@testable import NetwatchCore

final class GrowthWindowTests: XCTestCase {
    private func walk(at seconds: Double) -> RawSample {
        var sample = RawSample(takenAt: Date(timeIntervalSince1970: seconds), monotonicSeconds: seconds, source: .netlink)
        sample.table = SocketTable()
        sample.tableTakenAt = seconds
        return sample
    }

    func testBaselineIsTheNewestWalkAWindowOldAndTheOldestWhileFilling() {
        var window = GrowthWindow(seconds: 10)
        XCTAssertNil(window.baseline(at: 0))
        window.record(walk(at: 0))
        XCTAssertEqual(window.baseline(at: 1)?.tableTakenAt, 0)
        for t in 1...12 { window.record(walk(at: Double(t))) }
        // Walks 0…12 recorded: at 13 the newest walk at least 10 s older is the one at 3.
        XCTAssertEqual(window.baseline(at: 13)?.tableTakenAt, 3)
        XCTAssertEqual(window.baseline(at: 12.5)?.tableTakenAt, 2)
        window.reset()
        XCTAssertNil(window.baseline(at: 13))
    }

    func testKeepsOnlyDestinations() {
        var window = GrowthWindow()
        var sample = walk(at: 0)
        sample.table?.ipv4.add(.established)
        sample.table?.destinations[DestinationKey(localAddress: IPAddress("127.0.0.1")!, remoteAddress: IPAddress("127.0.0.2")!,
                                                  remotePort: 80)] = DestinationUsage(used: 3)
        window.record(sample)
        XCTAssertEqual(window.baseline(at: 1)?.table, sample.table?.destinationsOnly)
    }
}
