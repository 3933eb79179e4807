import XCTest
@testable import NetwatchCore

final class PortSetTests: XCTestCase {
    func testParsesSinglesListsAndRanges() throws {
        XCTAssertEqual(try PortSet.parse("80").ranges, [80...80])
        XCTAssertEqual(try PortSet.parse("443,80").ranges, [80...80, 443...443])
        XCTAssertEqual(try PortSet.parse("8000-8100, 8050-8200,80").ranges, [80...80, 8000...8200])
        XCTAssertEqual(try PortSet.parse("1-65535").description, "1-65535")
        XCTAssertEqual(try PortSet.parse("81,80").description, "80-81")
        XCTAssertEqual(try PortSet.parse("80,443").ports, [80, 443])
    }

    func testRejectsWithTheReason() {
        let cases: [(String, String)] = [
            ("0", "port 0 is outside 1-65535"),
            ("70000", "port 70000 is outside 1-65535"),
            ("abc", "'abc' is not a number"),
            ("", "empty item"),
            ("80,", "empty item"),
            ("90-80", "range '90-80' runs backwards"),
            ("1-2-3", "'1-2-3' is not a port or a range"),
            ("-5", "'-5' is not a port or a range"),
            ("80-", "'80-' is not a port or a range"),
            ("+80", "'+80' is not a number"),
        ]
        for (input, reason) in cases {
            XCTAssertThrowsError(try PortSet.parse(input), input) { error in
                XCTAssertEqual((error as? PortSet.ParseError)?.reason, reason, input)
            }
        }
    }

    func testALongInputIsQuotedAsABoundedPrefix() {
        let long = String(repeating: "8", count: 100_000)
        XCTAssertThrowsError(try PortSet.parse(long)) { error in
            let prefix = String(repeating: "8", count: 120)
            XCTAssertEqual("\(error)", "invalid port list '\(prefix)': '\(prefix)' is not a number (expected ports 1-65535 as 80, 80,443 or 8000-8100)")
        }
    }

    func testMatchesLocalOrRemote() throws {
        let set = try PortSet.parse("80,8000-8100")
        XCTAssertTrue(set.matches(localPort: 80, remotePort: 50000))
        XCTAssertTrue(set.matches(localPort: 50000, remotePort: 8100))
        XCTAssertFalse(set.matches(localPort: 81, remotePort: 7999))
    }
}
