import Foundation
import TestSupport
import XCTest

/// `--theme NAME|PATH` and the terminal by running the binary, each run in a detached tmux session
/// as a user would start the dashboard; stderr goes to a file so the message can be compared
/// exactly, and `; echo NETWATCH_EXIT=$?` shows the exit status.
/// HOME points at a scratch directory, so `~/.config/netwatch/themes` holds only what a test
/// puts there. Needs tmux, not root (the dashboard watches the test's own namespace).
final class ThemeCommandTests: XCTestCase {
    static let colourHint = "(expected #rrggbb, default, or one of black, red, green, yellow, blue, magenta, cyan, white)"

    // MARK: broken theme at start: exit 2, one line naming the file, the line and the key

    func testSyntaxErrorExits2NamingFileLineAndKey() throws {
        try checkBrokenFile("[roles]\ntitle = \"#87d7ff\"\nborder = \"#585858\n",
                            message: "3: key 'border': unterminated string")
    }

    func testUnknownRoleExits2NamingFileLineAndKey() throws {
        try checkBrokenFile("name = \"typo\"\n\n[roles]\ntitle = \"#ffffff\"\nwarnng = \"#ff0000\"\n",
                            message: "5: key 'warnng': unknown colour role")
    }

    func testBadColourExits2NamingFileLineAndKey() throws {
        try checkBrokenFile("# a comment\n[roles]\ncritical = { fg = \"#ff00zz\", bold = true }\n",
                            message: "3: key 'critical': fg '#ff00zz' is not a colour \(Self.colourHint)")
    }

    /// Writes `text` to `bad.toml`, starts `netwatch --theme PATH` and expects exit 2 with
    /// `netwatch: PATH:<message>` as the only output, the terminal never taken over.
    private func checkBrokenFile(_ text: String, message: String, file: StaticString = #filePath, line: UInt = #line) throws {
        let run = try ThemeRun()
        defer { run.close() }
        let path = run.directory.path + "/bad.toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try run.start(["--theme", path])
        XCTAssertEqual(try run.tmux.waitForExitStatus(), 2, file: file, line: line)
        XCTAssertEqual(try run.stderr(), "netwatch: \(path):\(message)\n", file: file, line: line)
        XCTAssertEqual(try run.tmux.format("#{alternate_on}"), "0", "the dashboard never started", file: file, line: line)
    }

    func testBrokenThemeByNameFromTheConfigDirectoryNamesItsPath() throws {
        let run = try ThemeRun()
        defer { run.close() }
        let path = try run.writeConfigTheme("broken", "[roles]\nheader = { fg = \"white\", bg = \"#005f87\", bold = yes }\n")
        try run.start(["--theme", "broken"])
        XCTAssertEqual(try run.tmux.waitForExitStatus(), 2)
        XCTAssertEqual(try run.stderr(), "netwatch: \(path):2: key 'header': expected a value: a \"string\", true, false, a number or { … }\n")
    }

    func testUnknownTerminalTypeExits2WithAHintInsteadOfCursesAborting() throws {
        let run = try ThemeRun()
        defer { run.close() }
        try run.start([], environment: ["TERM=netwatch-no-such-terminal"])
        XCTAssertEqual(try run.tmux.waitForExitStatus(), 2)
        XCTAssertEqual(try run.stderr(), "netwatch: unknown terminal type TERM='netwatch-no-such-terminal' (no terminfo entry); "
                       + "try TERM=xterm-256color or install ncurses-term\n")
        XCTAssertEqual(try run.tmux.format("#{alternate_on}"), "0")
    }

    func testATerminalThatCannotMoveTheCursorExits2WithAHint() throws {
        let run = try ThemeRun()
        defer { run.close() }
        try run.start([], environment: ["TERM=dumb"])
        XCTAssertEqual(try run.tmux.waitForExitStatus(), 2)
        XCTAssertEqual(try run.stderr(), "netwatch: terminal type TERM='dumb' cannot move the cursor, which the dashboard needs; "
                       + "try TERM=xterm-256color, or use `netwatch snapshot` for text\n")
        XCTAssertEqual(try run.tmux.format("#{alternate_on}"), "0")
    }

    func testAHugeSizeFromTheEnvironmentExits2InsteadOfTheCursesError() throws {
        let run = try ThemeRun()
        defer { run.close() }
        try run.start([], environment: ["COLUMNS=99999", "LINES=99999"])
        XCTAssertEqual(try run.tmux.waitForExitStatus(), 2)
        XCTAssertEqual(try run.stderr(), "netwatch: LINES=99999: larger than the 1000 rows or columns netwatch draws; "
                       + "unset LINES and COLUMNS to use the terminal's own size\n")
        XCTAssertEqual(try run.tmux.format("#{alternate_on}"), "0")
    }

    func testUnknownThemeNameExits2ListingWhereItLookedAndWhatExists() throws {
        let run = try ThemeRun()
        defer { run.close() }
        _ = try run.writeConfigTheme("mine", "[roles]\ntitle = \"#ffffff\"\n")
        try run.start(["--theme", "nosuch"])
        XCTAssertEqual(try run.tmux.waitForExitStatus(), 2)
        let shipped = FixturePaths.packageRoot + "/themes"
        let available = ["default"] + (try FileManager.default.contentsOfDirectory(atPath: shipped)
            .filter { $0.hasSuffix(".toml") && $0 != "default.toml" }.map { String($0.dropLast(5)) } + ["mine"]).sorted()
        XCTAssertEqual(try run.stderr(), "netwatch: nosuch: no such theme in \(shipped), \(run.configThemes) "
                       + "(available: \(available.joined(separator: ", ")))\n")
    }

    func testMissingThemeFileExits2() throws {
        let run = try ThemeRun()
        defer { run.close() }
        let path = run.directory.path + "/absent.toml"
        try run.start(["--theme", path])
        XCTAssertEqual(try run.tmux.waitForExitStatus(), 2)
        XCTAssertEqual(try run.stderr(), "netwatch: \(path): no such file\n")
    }

    // MARK: good themes start

    func testGoodThemeFileByPathStartsAndQuitsWithZero() throws {
        let run = try ThemeRun()
        defer { run.close() }
        let path = run.directory.path + "/ok.toml"
        try "name = \"e2e-by-path\"\n[roles]\nheader = { fg = \"black\", bg = \"#d7d7af\", bold = true }\nwarning = \"yellow\"\n"
            .write(toFile: path, atomically: true, encoding: .utf8)
        try run.start(["--theme", path])
        try run.expectDashboard(theme: "e2e-by-path")
    }

    func testGoodThemeByNameFromTheConfigDirectoryStartsAndQuitsWithZero() throws {
        let run = try ThemeRun()
        defer { run.close() }
        // No `name` line: the theme is named after its file.
        _ = try run.writeConfigTheme("e2e-by-name", "[roles]\ntitle = { fg = \"#ff8700\", underline = true }\n")
        try run.start(["--theme", "e2e-by-name"])
        try run.expectDashboard(theme: "e2e-by-name")
    }

    // MARK: broken theme while cycling with t

    func testBrokenThemeWhileCyclingKeepsThePreviousThemeAndSaysWhy() throws {
        let run = try ThemeRun()
        defer { run.close() }
        // "0broken" sorts right after "default", so it is the first theme `t` tries.
        let path = try run.writeConfigTheme("0broken", "[roles]\nwarnng = \"#ff0000\"\n")
        try run.start([])
        try run.waitForFirstFrame()
        try run.tmux.type("t")
        try run.tmux.waitForScreen("the theme error on the status line") {
            $0.last.map { DashboardScreen.statusLine($0, shows: "theme not changed: \(path):2: key 'warnng': unknown colour role") } == true
        }
        try run.tmux.type("?")
        try run.tmux.waitForScreen("the help naming the kept theme") { $0.contains { $0.contains("theme default; any key closes this") } }
        try run.tmux.type("x")
        try run.tmux.type("q")
        XCTAssertEqual(try run.tmux.waitForExitStatus(), 0)
        XCTAssertEqual(try run.stderr(), "")
    }
}

/// One `netwatch` run in tmux with a scratch HOME; stderr to a file.
private final class ThemeRun {
    let directory: ScratchDirectory
    private(set) var tmux: TmuxSession!
    /// HOME is the scratch directory itself, to keep paths short enough for the status line.
    var home: String { directory.path }
    var configThemes: String { home + "/.config/netwatch/themes" }
    var stderrPath: String { directory.path + "/stderr" }

    init() throws {
        try TmuxSession.skipUnlessAvailable()
        directory = try ScratchDirectory("nwt")
        try FileManager.default.createDirectory(atPath: configThemes, withIntermediateDirectories: true)
    }

    /// Writes `~/.config/netwatch/themes/NAME.toml` and returns its path.
    func writeConfigTheme(_ name: String, _ text: String) throws -> String {
        let path = configThemes + "/" + name + ".toml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func start(_ arguments: [String], environment: [String] = []) throws {
        let quote = TmuxSession.shellQuote
        let command = "env HOME=\(quote(home)) LANG=C.UTF-8 " + environment.map { quote($0) + " " }.joined()
            + ([FixturePaths.binary("netwatch")] + arguments).map(quote).joined(separator: " ")
            + " 2> \(quote(stderrPath)); echo NETWATCH_EXIT=$?; sleep 60"
        tmux = try TmuxSession(label: "theme", width: 120, height: 40, command: command)
    }

    func stderr() throws -> String {
        try String(contentsOfFile: stderrPath, encoding: .utf8)
    }

    func waitForFirstFrame() throws {
        try tmux.waitForScreen("the first frame") { lines in
            lines.first?.hasPrefix(" netwatch ") == true && lines.contains { $0.contains("┌ States") }
                && lines.last?.contains("q quit") == true
        }
    }

    /// The dashboard is up with `theme` (the help overlay names it), and `q` ends it with 0.
    func expectDashboard(theme: String, file: StaticString = #filePath, line: UInt = #line) throws {
        try waitForFirstFrame()
        XCTAssertEqual(try tmux.format("#{alternate_on}"), "1", file: file, line: line)
        try tmux.type("?")
        try tmux.waitForScreen("the help naming theme \(theme)") { $0.contains { $0.contains("theme \(theme); any key closes this") } }
        try tmux.type("x")
        try tmux.waitForScreen("the help closed") { !$0.contains { $0.contains("┌ Keys") } }
        try tmux.type("q")
        XCTAssertEqual(try tmux.waitForExitStatus(), 0, file: file, line: line)
        XCTAssertEqual(try tmux.format("#{alternate_on}"), "0", file: file, line: line)
        XCTAssertEqual(try stderr(), "", file: file, line: line)
    }

    func close() {
        tmux?.kill()
        directory.remove()
    }
}
