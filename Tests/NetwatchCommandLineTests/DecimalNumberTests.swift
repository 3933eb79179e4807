import NetwatchCommandLine
import XCTest

final class DecimalNumberTests: XCTestCase {
    func testPlainDecimalsAreRead() {
        let cases: [(String, Double)] = [("1", 1), ("0.5", 0.5), ("-2", -2), ("+3", 3), (".25", 0.25), ("1e3", 1000), ("2.5E-1", 0.25), ("7.", 7)]
        for (text, value) in cases {
            XCTAssertEqual(DecimalNumber.parse(text), value, text)
        }
    }

    func testWhatSwiftsDoubleWouldAlsoTakeIsRefused() {
        for text in ["0x10", "0x1p3", "nan", "inf", "-infinity", "", "-", ".", "1.2.3", "e5", "1e", "1e+", "1 ", " 1", "١"] {
            XCTAssertNil(DecimalNumber.parse(text), text)
        }
    }
}
