@testable import NetwatchCore
@testable import NetwatchUI
import XCTest

/// The drill's TIMER column: what `ss -o` shows as `timer:(keepalive,119min,0)` must not read "1h".
final class DrillTimerTests: XCTestCase {
    func socket(timer: UInt8, expiresMs: UInt32) -> SocketRecord {
        SocketRecord(family: .ipv4, state: .established, localAddress: IPAddress("127.0.0.1")!, localPort: 35704,
                     remoteAddress: IPAddress("127.0.0.1")!, remotePort: 7100, timer: timer, expiresMs: expiresMs)
    }

    func testTimerShowsTenthsMinutesThenHoursAndMinutes() {
        XCTAssertEqual(DrillView.timer(socket(timer: 0, expiresMs: 5_000)), "-")
        XCTAssertEqual(DrillView.timer(socket(timer: 3, expiresMs: 55_240)), "55.2s")
        XCTAssertEqual(DrillView.timer(socket(timer: 1, expiresMs: 100_000)), "1m")
        XCTAssertEqual(DrillView.timer(socket(timer: 2, expiresMs: 3_599_999)), "59m")
        XCTAssertEqual(DrillView.timer(socket(timer: 2, expiresMs: 7_140_000)), "1h59m")
        XCTAssertEqual(DrillView.timer(socket(timer: 2, expiresMs: UInt32.max)), "1193h2m")
    }
}
