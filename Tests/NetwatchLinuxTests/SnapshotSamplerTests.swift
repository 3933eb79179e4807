import Foundation
import NetwatchCore
import XCTest
@testable import NetwatchLinux

final class SnapshotSamplerTests: XCTestCase {
    func testSampleTakesALightThenAFullCollectionSecondsApart() {
        let clock = FakeClock(start: 50)
        var requests = [CollectRequest]()
        let sampler = SnapshotSampler(clock: clock) { request in
            requests.append(request)
            var sample = RawSample(takenAt: Date(), monotonicSeconds: clock.now(), source: .netlink)
            sample.tcp = ["ActiveOpens": Int64(clock.now() * 10)]
            return sample
        }
        let snapshot = sampler.snapshot(sampleSeconds: 2.5, options: .init(top: 7, filter: try? PortSet.parse("80")))
        XCTAssertEqual(clock.slept, [2.5])
        XCTAssertEqual(requests.map(\.processes), [false, true])
        XCTAssertEqual(requests.map(\.owners), [false, true])
        XCTAssertEqual(requests.map(\.keepSockets), [0, 7])
        XCTAssertEqual(snapshot.intervalSeconds, 2.5)
        XCTAssertEqual(snapshot.rates[.activeOpens], 10)
    }

    func testZeroSampleCollectsOnceWithoutWaiting() {
        let clock = FakeClock()
        var calls = 0
        let sampler = SnapshotSampler(clock: clock) { _ in
            calls += 1
            return RawSample(takenAt: Date(), monotonicSeconds: clock.now(), source: .netlink)
        }
        let snapshot = sampler.snapshot(sampleSeconds: 0, options: .init())
        XCTAssertEqual(calls, 1)
        XCTAssertEqual(clock.slept, [])
        XCTAssertNil(snapshot.intervalSeconds)
    }
}
