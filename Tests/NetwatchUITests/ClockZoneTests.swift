import Foundation
import Glibc
@testable import NetwatchUI
import XCTest

/// The header clock in the host's zone as the C library reads it (`TZ`), without ICU.
final class ClockZoneTests: XCTestCase {
    func testLocalClockFollowsTZIncludingSummerTime() {
        let previous = getenv("TZ").map { String(cString: $0) }
        defer {
            if let previous { setenv("TZ", previous, 1) } else { unsetenv("TZ") }
            tzset()
        }
        setenv("TZ", "Europe/Berlin", 1)
        tzset()
        let winter = Date(timeIntervalSince1970: 1_795_000_000) // 2026-11-18T11:06:40Z
        let summer = Date(timeIntervalSince1970: 1_780_000_000) // 2026-05-28T20:26:40Z
        XCTAssertEqual(DisplayFormat.clock(winter, timeZone: .local), "12:06:40")
        XCTAssertEqual(DisplayFormat.clock(summer, timeZone: .local), "22:26:40")
        XCTAssertEqual(DisplayFormat.clock(summer, timeZone: .utc), "20:26:40")
        let lateEvening = Date(timeIntervalSince1970: 1_795_044_600) // 2026-11-18T23:30:00Z
        XCTAssertEqual(DisplayFormat.date(lateEvening, timeZone: .local), "2026-11-19")
        XCTAssertEqual(DisplayFormat.date(lateEvening, timeZone: .utc), "2026-11-18")
    }
}
