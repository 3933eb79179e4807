import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// The namespaces view in a real terminal: netwatch runs in the host's namespace over two
/// namespaces of this test's own, one out of ports toward its destination. Rows are found by
/// this test's names (other suites make namespaces at the same time). Root and tmux only.
final class NamespacesViewEndToEndTests: XCTestCase {
    func testEnterShowsTheNamespaceInTroubleAndEscReturnsAndADeletedOneLeaves() throws {
        try NetworkNamespace.skipUnlessRoot()
        try TmuxSession.skipUnlessAvailable()
        let trouble = try NetworkNamespace("nsview-trouble")
        let quiet = try NetworkNamespace("nsview-quiet")
        let home = try ScratchDirectory("nwe2e-nsview")
        defer {
            trouble.delete()
            quiet.delete()
            home.remove()
        }
        try trouble.sysctl("net.ipv4.ip_local_port_range", "40000 40099")
        _ = try trouble.start([FixturePaths.binary("netwatch-load"), "--time-wait", "95", "--destinations", "127.0.0.1:7001", "--hold", "300"],
                              readyPrefix: "READY ")
        _ = try quiet.start([FixturePaths.binary("netwatch-load"), "--established", "2", "--hold", "300"], readyPrefix: "READY ")
        let quote = TmuxSession.shellQuote
        let command = "env HOME=\(quote(home.path)) LANG=C.UTF-8 \(quote(FixturePaths.binary("netwatch"))); echo NETWATCH_EXIT=$?; sleep 120"
        let tmux = try TmuxSession(label: "nsview", width: 120, height: 40, command: command)
        defer { tmux.kill() }
        try tmux.waitForScreen("the first frame") { $0.contains { $0.contains("┌ States") } }

        // Both of ours by a shared part of their names; the one out of ports first.
        let shared = "nsview-"
        try tmux.type("n")
        try tmux.type("/" + shared)
        try tmux.press("Enter")
        // The first pass walks every namespace.
        let list = try tmux.waitForScreen("both namespaces listed and walked", timeout: 30) { lines in
            lines.contains { $0.contains(trouble.name) && $0.contains(" 95% ") } && lines.contains { $0.contains(quiet.name) }
        }
        let rows = list.filter { $0.contains(shared) && $0.hasPrefix("│") }
        XCTAssertEqual(rows.count, 2, list.joined(separator: "\n"))
        XCTAssertTrue(rows.first?.contains(trouble.name) == true, "trouble first: \(rows)")
        XCTAssertTrue(rows.first?.contains(" 95% ") == true, "95 of 100 ports: \(rows)")

        try tmux.press("Enter")
        let shown = try tmux.waitForScreen("the ports pane inside \(trouble.name)") { lines in
            lines.first?.contains("netns \(trouble.name)") == true && lines.contains { $0.contains("127.0.0.1:7001") && $0.contains(" 95 ") }
        }
        XCTAssertTrue(shown.contains { $0.contains("range 40000-40099") }, shown.joined(separator: "\n"))

        try tmux.press("Escape")
        try tmux.waitForScreen("back to the host's namespace") { lines in
            lines.first?.contains("netns ") == false && lines.contains { $0.contains("┌ States") }
        }

        try tmux.type("n")
        try tmux.waitForScreen("the list again") { $0.contains { $0.contains(quiet.name) } }
        quiet.delete()
        // Passes are spaced out to 1% of CPU: with many namespaces on the host, a few seconds apart.
        let after = try tmux.waitForScreen("\(quiet.name) gone", timeout: 30) { lines in
            !lines.contains { $0.contains(quiet.name) && $0.hasPrefix("│") } && lines.contains { $0.contains(trouble.name) }
        }
        // Other suites' namespaces may leave in the same pass and be named with it.
        let status = after.last ?? ""
        XCTAssertTrue(status.hasPrefix(" netns ") && status.contains(quiet.name) && status.contains(" left "), status)
        try tmux.type("q")
        XCTAssertEqual(try tmux.waitForExitStatus(), 0)
    }
}
