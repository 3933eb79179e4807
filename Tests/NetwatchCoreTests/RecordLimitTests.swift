import NetwatchCore
import XCTest

/// `record`'s `--duration` and `--max-size` text, and the rotation plan.
final class RecordLimitTests: XCTestCase {
    func testDurationsTakeSecondsMinutesAndHours() throws {
        let cases: [(String, Double)] = [("90", 90), ("30s", 30), ("15m", 900), ("2h", 7200), ("1.5m", 90), ("0.5", 0.5)]
        for (text, seconds) in cases {
            XCTAssertEqual(try TimeSpan.parse(text).seconds, seconds, text)
        }
    }

    func testBadDurationsQuoteTheText() {
        for text in ["", "abc", "0", "0s", "-5", "5d", "1e3", "s", ".", "1.2.3", " 5", "5 s", "inf"] {
            XCTAssertThrowsError(try TimeSpan.parse(text), text) { error in
                XCTAssertEqual("\(error)", "invalid duration '\(text)' (expected seconds as 90, 30s, 15m or 2h)")
            }
        }
    }

    func testSizesTakeBinaryUnitsInEitherCase() throws {
        let cases: [(String, Int)] = [("1", 1), ("500000", 500_000), ("500k", 512_000), ("500K", 512_000),
                                      ("10M", 10_485_760), ("10m", 10_485_760), ("1G", 1_073_741_824), ("1.5k", 1536)]
        for (text, bytes) in cases {
            XCTAssertEqual(try ByteSize.parse(text).bytes, bytes, text)
        }
    }

    func testBadSizesQuoteTheText() {
        for text in ["", "10Q", "0", "0k", "0.5", "-1", "k", "10MB", "1e6", "99999999999999999999G"] {
            XCTAssertThrowsError(try ByteSize.parse(text), text) { error in
                XCTAssertEqual("\(error)", "invalid size '\(text)' (expected bytes as 500000, 500k, 10M or 1G)")
            }
        }
    }

    func testRotationShiftsOldestFirstAndKeepsNine() {
        let plan = RotationPlan(path: "/var/log/rec.ndjson", maxSize: 100)
        XCTAssertEqual(plan.renames.count, 9)
        XCTAssertEqual(plan.renames.first, .init(from: "/var/log/rec.ndjson.8", to: "/var/log/rec.ndjson.9"))
        XCTAssertEqual(plan.renames.last, .init(from: "/var/log/rec.ndjson", to: "/var/log/rec.ndjson.1"))
        XCTAssertEqual(RotationPlan(path: "f", maxSize: 1, keep: 2).renames,
                       [.init(from: "f.1", to: "f.2"), .init(from: "f", to: "f.1")])
        XCTAssertEqual(RotationPlan(path: "f", maxSize: 1, keep: 0).renames, [])
    }

    func testRotationHappensOnlyWhenANonEmptyFileWouldGrowPastTheLimit() {
        let plan = RotationPlan(path: "f", maxSize: 100)
        XCTAssertFalse(plan.needsRotation(fileSize: 60, lineSize: 40), "exactly the limit fits")
        XCTAssertTrue(plan.needsRotation(fileSize: 60, lineSize: 41))
        XCTAssertFalse(plan.needsRotation(fileSize: 0, lineSize: 500), "a line longer than the limit still goes into an empty file")
        XCTAssertTrue(plan.needsRotation(fileSize: 1, lineSize: 500))
    }
}
