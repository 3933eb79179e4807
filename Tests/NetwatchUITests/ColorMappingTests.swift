import NetwatchUI
import XCTest

final class ColorMappingTests: XCTestCase {
    private func rgb(_ hex: String) -> RGB { RGB(hex: hex)! }

    func testParsingColours() {
        XCTAssertEqual(RGB(hex: "#0aFf10"), RGB(10, 255, 16))
        XCTAssertNil(RGB(hex: "0aff10"))
        XCTAssertNil(RGB(hex: "#0aff1"))
        XCTAssertNil(RGB(hex: "#0aff1g"))
        XCTAssertNil(RGB(hex: "#+aff10"))
        XCTAssertEqual(RGB(10, 255, 16).description, "#0aff10")
        XCTAssertEqual(ThemeColor("default"), .terminalDefault)
        XCTAssertEqual(ThemeColor("magenta"), .ansi(.magenta))
        XCTAssertNil(ThemeColor("grey"))
    }

    func testNearestXterm256Index() {
        let expected: [(String, UInt8)] = [
            ("#000000", 16), ("#ffffff", 231), ("#ff0000", 196), ("#00ff00", 46), ("#0000ff", 21),
            ("#5f87af", 67), ("#ffaf5f", 215), ("#ff5f87", 204), ("#808080", 244), ("#767676", 243),
            ("#080808", 232), ("#282a36", 236), ("#f8f8f2", 255), ("#bd93f9", 141), ("#8be9fd", 117),
            ("#44475a", 239), ("#6272a4", 61), ("#50fa7b", 84),
        ]
        for (hex, index) in expected { XCTAssertEqual(NearestColor.xterm256(rgb(hex)), index, hex) }
    }

    func testXterm256TiesGoToTheLowerIndex() {
        XCTAssertEqual(NearestColor.xterm256(rgb("#040404")), 16)
    }

    func testNearestBasicColourGoesByHueAndGreysByLightness() {
        let expected: [(String, ANSIColor)] = [
            ("#ff5555", .red), ("#ffb86c", .yellow), ("#50fa7b", .green), ("#8be9fd", .cyan), ("#6272a4", .blue),
            ("#bd93f9", .blue), ("#ff79c6", .magenta), ("#005f87", .cyan), ("#ff00ff", .magenta),
            ("#282a36", .black), ("#44475a", .black), ("#7f7f7f", .black), ("#808080", .white), ("#ffffff", .white),
            ("#200000", .black), ("#f0e0e0", .white),
        ]
        for (hex, colour) in expected { XCTAssertEqual(NearestColor.basic(rgb(hex)), colour, hex) }
    }

    func testTerminalStylePerColourMode() {
        let theme = Theme(name: "t", styles: [
            .title: RoleStyle(foreground: .rgb(rgb("#5f87af")), background: .ansi(.blue), bold: true),
            .label: RoleStyle(foreground: .rgb(rgb("#808080")), background: .rgb(rgb("#808080"))),
            .value: RoleStyle(foreground: .rgb(rgb("#1c1c1c"))),
        ])
        XCTAssertEqual(theme.terminalStyle(for: .title, mode: .trueColor),
                       TerminalStyle(foreground: .rgb(rgb("#5f87af")), background: .indexed(4), bold: true, reverse: false, underline: false))
        XCTAssertEqual(theme.terminalStyle(for: .title, mode: .palette256).foreground, .indexed(67))
        XCTAssertEqual(theme.terminalStyle(for: .title, mode: .basic8).foreground, .indexed(ANSIColor.blue.rawValue))
        XCTAssertEqual(theme.terminalStyle(for: .label, mode: .basic8).foreground, .terminalDefault)
        XCTAssertEqual(theme.terminalStyle(for: .label, mode: .basic8).background, .indexed(ANSIColor.white.rawValue))
        XCTAssertEqual(theme.terminalStyle(for: .value, mode: .basic8).foreground, .indexed(ANSIColor.black.rawValue))
    }

    func testNoColourModeUsesMonochromeAttributesWhateverTheTheme() {
        for role in ColorRole.allCases {
            let style = Theme.default.terminalStyle(for: role, mode: .noColor)
            let mono = Theme.monochrome[role]
            XCTAssertEqual(style, TerminalStyle(foreground: .terminalDefault, background: .terminalDefault,
                                                bold: mono.bold, reverse: mono.reverse, underline: mono.underline), "\(role)")
        }
        XCTAssertEqual(Theme.default.terminalStyle(for: .critical, mode: .noColor),
                       TerminalStyle(foreground: .terminalDefault, background: .terminalDefault, bold: true, reverse: true, underline: false))
    }

    func testColourModeDetection() {
        XCTAssertEqual(ColorMode.detect(colorCount: 256, environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"]), .noColor)
        XCTAssertEqual(ColorMode.detect(colorCount: 256, environment: ["NO_COLOR": ""]), .palette256)
        XCTAssertEqual(ColorMode.detect(colorCount: 256, environment: ["COLORTERM": "24bit"]), .trueColor)
        XCTAssertEqual(ColorMode.detect(colorCount: 16_777_216, environment: ["COLORTERM": "TrueColor"]), .trueColor)
        XCTAssertEqual(ColorMode.detect(colorCount: 8, environment: ["COLORTERM": "truecolor"]), .basic8)
        XCTAssertEqual(ColorMode.detect(colorCount: 16, environment: [:]), .basic8)
        XCTAssertEqual(ColorMode.detect(colorCount: 0, environment: [:]), .noColor)
    }
}
