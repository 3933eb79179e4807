import Foundation
import NetwatchUI
import XCTest

/// Every file in the repository's `themes/` directory, read from disk.
final class ShippedThemeTests: XCTestCase {
    private let themes = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("themes").path

    private var catalog: ThemeCatalog { ThemeCatalog(directories: [themes]) }

    func testTheShippedThemes() {
        XCTAssertEqual(catalog.names(), ["default", "dracula", "high-contrast", "light", "monochrome"])
    }

    func testEveryShippedThemeParsesAndNamesItselfAfterItsFile() throws {
        for name in catalog.names() {
            XCTAssertEqual(try catalog.load(name).name, name)
        }
    }

    func testEveryShippedThemeSetsEveryRoleItself() throws {
        for file in DiskThemeFiles().fileNames(in: themes) where file.hasSuffix(".toml") {
            let text = try XCTUnwrap(try DiskThemeFiles().contents(of: themes + "/" + file))
            for role in ColorRole.allCases {
                XCTAssertTrue(text.contains("\n\(role.rawValue) = "), "\(file) lacks \(role.rawValue)")
            }
        }
    }

    func testDefaultAndMonochromeFilesMatchTheCompiledInThemes() throws {
        XCTAssertEqual(try catalog.load("default"), Theme.default)
        XCTAssertEqual(try catalog.load("monochrome"), Theme.monochrome)
    }

    func testMonochromeUsesNoColour() {
        for role in ColorRole.allCases {
            XCTAssertEqual(Theme.monochrome[role].foreground, .terminalDefault, "\(role)")
            XCTAssertEqual(Theme.monochrome[role].background, .terminalDefault, "\(role)")
        }
        XCTAssertTrue(Theme.monochrome[.critical].reverse)
        XCTAssertTrue(Theme.monochrome[.selection].reverse)
        XCTAssertTrue(Theme.monochrome[.timeWait].bold)
        XCTAssertFalse(Theme.monochrome[.gaugeCritical].reverse)
    }
}
