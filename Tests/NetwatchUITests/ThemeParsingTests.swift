import NetwatchUI
import XCTest

final class ThemeParsingTests: XCTestCase {
    private func error(_ text: String) -> String? {
        do {
            _ = try Theme.parse(text, source: "themes/bad.toml")
            return nil
        } catch {
            return error.description
        }
    }

    func testStringValueSetsTheForegroundAndMissingRolesFallBackToTheDefault() throws {
        let theme = try Theme.parse("[roles]\ntitle = \"#ff0000\"\n", source: "themes/red.toml")
        XCTAssertEqual(theme.name, "red")
        XCTAssertEqual(theme[.title], RoleStyle(foreground: .rgb(RGB(255, 0, 0))))
        XCTAssertEqual(theme[.border], Theme.default[.border])
        XCTAssertEqual(Set(theme.styles.keys), Set(ColorRole.allCases))
    }

    func testInlineTablesNamesCommentsAndLineEndings() throws {
        let text = """
            # a comment line\r
            name = "my # theme"   # the name may hold a hash\r
            \r
            [ roles ]\r
            header = { fg = "white", bg = "#0A0b0C", bold = true, reverse = false, underline = true }  # trailing\r
            dim = {}\r
            label = { bg = "default" }\r
            """
        let theme = try Theme.parse(text, source: "x.toml")
        XCTAssertEqual(theme.name, "my # theme")
        XCTAssertEqual(theme[.header], RoleStyle(foreground: .ansi(.white), background: .rgb(RGB(10, 11, 12)), bold: true,
                                                 reverse: false, underline: true))
        XCTAssertEqual(theme[.dim], RoleStyle())
        XCTAssertEqual(theme[.label], RoleStyle())
    }

    func testStringEscapes() throws {
        let theme = try Theme.parse(#"name = "a\"b\\c\td""#, source: "x.toml")
        XCTAssertEqual(theme.name, "a\"b\\c\td")
    }

    func testUnknownRole() {
        XCTAssertEqual(error("[roles]\ntitle = \"#ffffff\"\nwarnng = \"#ff0000\""),
                       "themes/bad.toml:3: key 'warnng': unknown colour role")
    }

    func testBadColours() {
        let hint = "(expected #rrggbb, default, or one of black, red, green, yellow, blue, magenta, cyan, white)"
        XCTAssertEqual(error("[roles]\ncritical = \"#ff00zz\""), "themes/bad.toml:2: key 'critical': '#ff00zz' is not a colour \(hint)")
        XCTAssertEqual(error("[roles]\ntitle = { fg = \"#12\" }"), "themes/bad.toml:2: key 'title': fg '#12' is not a colour \(hint)")
        XCTAssertEqual(error("[roles]\ntitle = { bg = \"Red\" }"), "themes/bad.toml:2: key 'title': bg 'Red' is not a colour \(hint)")
        XCTAssertEqual(error("[roles]\ntitle = { fg = true }"), "themes/bad.toml:2: key 'title': 'fg' must be a colour string")
        XCTAssertEqual(error("[roles]\ntitle = true"),
                       "themes/bad.toml:2: key 'title': expected a colour string or { fg = …, bg = …, bold = … }")
    }

    func testBadAttributes() {
        XCTAssertEqual(error("[roles]\ntitle = { italic = true }"),
                       "themes/bad.toml:2: key 'title': unknown attribute 'italic' (expected fg, bg, bold, reverse, underline)")
        XCTAssertEqual(error("[roles]\ntitle = { bold = \"yes\" }"), "themes/bad.toml:2: key 'title': 'bold' must be true or false")
        XCTAssertEqual(error("[roles]\ntitle = { bold = true, bold = false }"),
                       "themes/bad.toml:2: key 'title': 'bold' is given twice")
        XCTAssertEqual(error("[roles]\ntitle = { fg = { } }"), "themes/bad.toml:2: key 'title': inline tables cannot be nested")
    }

    func testDuplicates() {
        XCTAssertEqual(error("[roles]\n\ntitle = \"#ffffff\"\ntitle = \"#000000\""),
                       "themes/bad.toml:4: key 'title': defined twice (first on line 3)")
        XCTAssertEqual(error("[roles]\ntitle = \"#ffffff\"\n[roles]\nborder = \"#000000\""),
                       "themes/bad.toml:3: table [roles] is defined twice")
        XCTAssertEqual(error("name = \"a\"\nname = \"b\""), "themes/bad.toml:2: key 'name': defined twice (first on line 1)")
    }

    func testUnknownTablesAndSettings() {
        XCTAssertEqual(error("[colours]\ntitle = \"#ffffff\""), "themes/bad.toml:1: unknown table [colours] (expected [roles])")
        XCTAssertEqual(error("colour = \"#ffffff\""),
                       "themes/bad.toml:1: key 'colour': unknown setting (expected name, or a [roles] table)")
        XCTAssertEqual(error("name = true"), "themes/bad.toml:1: key 'name': must be a string")
    }

    func testSyntaxErrors() {
        let cases: [(String, String)] = [
            ("[roles]\ntitle \"#ffffff\"", "themes/bad.toml:2: key 'title': expected '=' after the key"),
            ("[roles]\n= \"#ffffff\"", "themes/bad.toml:2: expected 'key = value', a [table] or a comment"),
            ("[roles]\ntitle = \"#ffffff", "themes/bad.toml:2: key 'title': unterminated string"),
            ("[roles]\ntitle = 12", "themes/bad.toml:2: key 'title': expected a colour string or { fg = …, bg = …, bold = … }"),
            ("[roles]\ntitle = red", "themes/bad.toml:2: key 'title': expected a value: a \"string\", true, false, a number or { … }"),
            ("[roles]\ntitle = \"#ffffff\" x", "themes/bad.toml:2: key 'title': unexpected text after the value"),
            ("[roles]\ntitle = { fg = \"#ffffff\"", "themes/bad.toml:2: key 'title': expected ',' or '}' in the inline table"),
            ("[roles]\ntitle = { fg = \"#ffffff\", }", "themes/bad.toml:2: key 'title': expected a key inside { }"),
            ("[roles]\ntitle = { fg \"#ffffff\" }", "themes/bad.toml:2: key 'title': expected '=' after 'fg'"),
            ("[roles]\ntitle = \"\\q\"", "themes/bad.toml:2: key 'title': unsupported escape '\\q' in a string"),
            ("[roles", "themes/bad.toml:1: expected ']' after the table name"),
            ("[]", "themes/bad.toml:1: expected a table name inside [ ]"),
            ("[roles] x", "themes/bad.toml:1: unexpected text after the table header"),
        ]
        for (text, expected) in cases { XCTAssertEqual(error(text), expected, text) }
    }
}
