import Foundation
import Glibc
import NetwatchCore
import TestSupport
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
    /// must not reach the numbers. Where no such locale is installed, de_DE is compiled into a
    /// scratch directory (localedef, from Debian's `locales` sources) and found through LOCPATH.
    func testDecimalPointIsAPointInACommaLocale() throws {
        let previous = String(cString: setlocale(LC_NUMERIC, nil))
        let previousPath = getenv("LOCPATH").map { String(cString: $0) }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("nwtest-locale-\(getpid())")
        defer {
            setlocale(LC_NUMERIC, previous)
            if let previousPath { setenv("LOCPATH", previousPath, 1) } else { unsetenv("LOCPATH") }
            try? FileManager.default.removeItem(at: scratch)
        }
        if setlocale(LC_NUMERIC, "de_DE.UTF-8") == nil {
            try EnvironmentRequirement.require(FileManager.default.fileExists(atPath: "/usr/share/i18n/locales/de_DE"),
                                               "no decimal-comma locale installed and no locale sources to compile one: run scripts/setup (locales)")
            try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
            let localedef = Process()
            localedef.executableURL = URL(fileURLWithPath: "/usr/bin/localedef")
            localedef.arguments = ["-i", "de_DE", "-f", "UTF-8", scratch.appendingPathComponent("de_DE.UTF-8").path]
            try localedef.run()
            localedef.waitUntilExit()
            XCTAssertEqual(localedef.terminationStatus, 0, "localedef -i de_DE -f UTF-8")
            setenv("LOCPATH", scratch.path, 1)
            XCTAssertNotNil(setlocale(LC_NUMERIC, "de_DE.UTF-8"), "the compiled de_DE.UTF-8 under LOCPATH")
        }
        XCTAssertEqual(String(cString: localeconv().pointee.decimal_point), ",")
        XCTAssertEqual(CFormat.string("%.1f", 3.25), "3.2")
    }
}
