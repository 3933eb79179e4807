import Foundation
import TestSupport
import XCTest
@testable import NetwatchCore

/// `/proc/net/stat/nf_conntrack` on fixture files (Tests/Fixtures/conntrack-stat), good and broken.
final class ConntrackStatisticsTests: XCTestCase {
    func fixture(_ name: String) throws -> String {
        try String(contentsOfFile: FixturePaths.fixture("conntrack-stat/" + name), encoding: .utf8)
    }

    func testPerCPUHexRowsAreSummedByHeaderNameAndEntriesTakenOnce() throws {
        let stats = try ConntrackStatistics.parse(try fixture("after"))
        XCTAssertEqual(stats["entries"], 258_000, "the namespace's count, printed on every row")
        XCTAssertEqual(stats["insert_failed"], 0x74 + 0x84)
        XCTAssertEqual(stats["drop"], 22)
        XCTAssertEqual(stats["early_drop"], 50)
        XCTAssertEqual(stats["search_restart"], 10)
        XCTAssertEqual(stats.count, 17)
    }

    func testRecordedKernelFileParses() throws {
        let text = try String(contentsOfFile: FixturePaths.fixture("ctnetlink-snat/stat-nf_conntrack"), encoding: .utf8)
        XCTAssertEqual(try ConntrackStatistics.parse(text)["entries"], 33)
    }

    func testColumnsAreFoundByNameNotPosition() throws {
        let stats = try ConntrackStatistics.parse("drop entries insert_failed\n0000000a 00000003 00000001\n00000001 00000003 000000ff\n")
        XCTAssertEqual(stats, ["drop": 11, "entries": 3, "insert_failed": 256])
    }

    func testMalformedFilesQuoteTheOffendingLine() throws {
        XCTAssertThrowsError(try ConntrackStatistics.parse(try fixture("short-row"))) { error in
            let row = "0003efd0  00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000084 0000000c "
                + "00000014 00000000  00000000 00000000 00000000"
            XCTAssertEqual(error as? ParseError, ParseError("row has 16 fields but the header names 17", input: row))
        }
        XCTAssertThrowsError(try ConntrackStatistics.parse(try fixture("not-hex"))) { error in
            XCTAssertEqual((error as? ParseError)?.what, "'insert_failed' is not hexadecimal")
        }
        XCTAssertThrowsError(try ConntrackStatistics.parse(try fixture("header-only"))) { error in
            XCTAssertEqual((error as? ParseError)?.what, "no per-CPU rows")
        }
        XCTAssertThrowsError(try ConntrackStatistics.parse("")) { error in
            XCTAssertEqual((error as? ParseError)?.description, "no header line: ''")
        }
        XCTAssertThrowsError(try ConntrackStatistics.parse("00000001 00000002\n00000001 00000002\n")) { error in
            XCTAssertEqual((error as? ParseError)?.what, "header does not name the columns")
        }
    }
}
