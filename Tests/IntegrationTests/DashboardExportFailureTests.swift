import Foundation
import TestSupport
import XCTest

/// `e` into a directory that cannot take the file: the status line says why, the dashboard
/// keeps running, and nothing is left behind. Needs tmux, not root.
final class DashboardExportFailureTests: XCTestCase {
    func testUnwritableExportDirectoryIsReportedAndTheDashboardGoesOn() throws {
        try TmuxSession.skipUnlessAvailable()
        let quote = TmuxSession.shellQuote
        // /proc/sys refuses new files even to root (a chmod'ed directory would not stop root).
        let command = "env LANG=C.UTF-8 \(quote(FixturePaths.binary("netwatch"))) --export-dir /proc/sys"
            + " --proc-root \(quote(FixturePaths.fixture("proc-storm"))); echo NETWATCH_EXIT=$?; sleep 30"
        let tmux = try TmuxSession(label: "exportfail", width: 160, height: 40, command: command)
        defer { tmux.kill() }
        _ = try tmux.waitForScreen("the first frame") { $0.first?.hasPrefix(" netwatch storm-host") == true }
        try tmux.type("e")
        let screen = try tmux.waitForScreen("the export error") { $0.last?.contains("export failed") == true }
        XCTAssertTrue(screen.last?.hasPrefix(" export failed: cannot write '/proc/sys/netwatch-storm-host-") == true, "\(screen.last ?? "")")
        XCTAssertTrue(screen.last?.contains(".json': creating a temporary file in '/proc/sys/': ") == true, "\(screen.last ?? "")")
        try tmux.type("?")
        _ = try tmux.waitForScreen("the help overlay: still running") { $0.contains { $0.contains("┌ Keys") } }
        try tmux.type("x")
        try tmux.type("q")
        XCTAssertEqual(try tmux.waitForExitStatus(), 0)
    }
}
