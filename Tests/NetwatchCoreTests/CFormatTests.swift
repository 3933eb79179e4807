import Glibc
import NetwatchCore
import XCTest

/// CFormat writes what C's printf writes, with a `.` whatever the process's locale.
final class CFormatTests: XCTestCase {
    func testFixedAndGeneralConversionsRoundAsPrintfDoes() {
        // 0.15 is 0.1499… in binary and 0.25 a tie (to even): printf's rounding, not (x * 10).rounded().
        XCTAssertEqual([0.15, 0.25, 0.35, 3.45, -0.04, 99.95].map { CFormat.string("%.1f", $0) },
                       ["0.1", "0.2", "0.3", "3.5", "-0.0", "100.0"])
        XCTAssertEqual(CFormat.string("%.2f", 0.125), "0.12")
        XCTAssertEqual([0.5, 2, 0.25, 1_000_000, 1e-5].map { CFormat.string("%g", $0) }, ["0.5", "2", "0.25", "1e+06", "1e-05"])
        XCTAssertEqual(CFormat.string("%02d:%04ld", Int32(7), 42), "07:0042")
    }

    /// Longer than the first 64-byte buffer: the whole text, not a cut one.
    func testTextLongerThanTheFirstBufferIsWhole() {
        XCTAssertEqual(CFormat.string("%0100ld", 5), String(repeating: "0", count: 99) + "5")
    }

    /// curses sets the user's locale (`setlocale(LC_ALL, "")`); one whose decimal point is a comma
    /// must not reach the numbers.
    func testDecimalPointIsAPointInACommaLocale() throws {
        let previous = String(cString: setlocale(LC_NUMERIC, nil))
        defer { setlocale(LC_NUMERIC, previous) }
        let commaLocales: [String] = ["de_DE.UTF-8", "de_DE.utf8", "fr_FR.UTF-8", "fr_FR.utf8"]
        guard let comma = commaLocales.first(where: { setlocale(LC_NUMERIC, $0) != nil }) else {
            throw XCTSkip("no locale with a decimal comma is installed (locale -a)")
        }
        XCTAssertEqual(String(cString: localeconv().pointee.decimal_point), ",", comma)
        XCTAssertEqual(CFormat.string("%.1f", 3.25), "3.2")
    }
}
