import NetwatchUI
import XCTest

final class ScreenBufferTests: XCTestCase {
    func testNegativeAndZeroSizesGiveEmptyGrids() {
        XCTAssertEqual(ScreenBuffer(width: 0, height: 0).text(), [])
        let negative = ScreenBuffer(width: -3, height: 2)
        XCTAssertEqual(negative.width, 0)
        XCTAssertEqual(negative.text(), ["", ""])
        XCTAssertEqual(ScreenBuffer(width: 4, height: -1).height, 0)
    }

    func testDrawingOutsideTheGridIsIgnored() {
        var buffer = ScreenBuffer(width: 1, height: 1)
        buffer.put("x", x: 1, y: 0, role: .value)
        buffer.put("x", x: 0, y: -1, role: .value)
        buffer.write("far away", x: -100, y: 100, role: .value)
        buffer.fill(Rect(x: -5, y: -5, width: 3, height: 3), with: "#", role: .value)
        buffer.box(Rect(x: 3, y: 3, width: 9, height: 9), title: "t", glyphs: .unicode, role: .border, titleRole: .title)
        XCTAssertEqual(buffer.text(), [""])
        XCTAssertNil(buffer[1, 0])
        XCTAssertNil(buffer[-1, 0])
    }

    func testWriteIsClippedToTheGridAndTheClipRectangle() {
        var buffer = ScreenBuffer(width: 10, height: 2)
        let end = buffer.write("hello world", x: 7, y: 0, role: .value)
        buffer.write("abcdef", x: -2, y: 1, role: .value, clip: Rect(x: 0, y: 1, width: 3, height: 1))
        XCTAssertEqual(buffer.text(), ["       hel", "cde"])
        XCTAssertEqual(end, 18)
    }

    func testScalarsThatAreNotOneColumnWideBecomeQuestionMarks() {
        var buffer = ScreenBuffer(width: 8, height: 1)
        buffer.write("a\tb中c\u{301}d", x: 0, y: 0, role: .value)
        XCTAssertEqual(buffer.text(), ["a?b?c?d"])
    }

    func testAlignedWriteInARow() {
        var buffer = ScreenBuffer(width: 9, height: 3)
        buffer.write("ab", in: Rect(x: 0, y: 0, width: 9, height: 1), align: .right, role: .value)
        buffer.write("ab", in: Rect(x: 0, y: 1, width: 9, height: 1), align: .center, role: .value)
        buffer.write("abcdefghijk", in: Rect(x: 2, y: 2, width: 4, height: 1), align: .right, role: .value)
        XCTAssertEqual(buffer.text(), ["       ab", "   ab", "  abcd"])
    }

    func testBoxWithTitleAndRoles() {
        var buffer = ScreenBuffer(width: 12, height: 4)
        buffer.box(buffer.bounds, title: "Ports", glyphs: .unicode, role: .border, titleRole: .title)
        XCTAssertEqual(buffer.text(), ["┌ Ports ───┐", "│          │", "│          │", "└──────────┘"])
        XCTAssertEqual(buffer[0, 0], Cell("┌", role: .border))
        XCTAssertEqual(buffer[2, 0], Cell("P", role: .title))
        XCTAssertEqual(buffer[5, 1], Cell(" ", role: .normal))
    }

    func testASCIIBoxAndBoxesTooSmallForTheirCorners() {
        var buffer = ScreenBuffer(width: 7, height: 3)
        buffer.box(Rect(x: 0, y: 0, width: 4, height: 3), title: "long title", glyphs: .ascii, role: .border, titleRole: .title)
        buffer.box(Rect(x: 5, y: 0, width: 1, height: 1), title: nil, glyphs: .ascii, role: .border, titleRole: .title)
        buffer.box(Rect(x: 6, y: 0, width: 1, height: 3), title: nil, glyphs: .unicode, role: .border, titleRole: .title)
        XCTAssertEqual(buffer.text(), ["+--+ +┐", "|  |  │", "+--+  ┘"])
    }

    func testTextTrimsTrailingSpacesOnly() {
        var buffer = ScreenBuffer(width: 6, height: 2)
        buffer.write(" a b", x: 0, y: 0, role: .value)
        buffer.fill(Rect(x: 0, y: 1, width: 6, height: 1), with: " ", role: .selection)
        XCTAssertEqual(buffer.text(), [" a b", ""])
        XCTAssertEqual(buffer[5, 1]?.role, .selection)
    }
}
