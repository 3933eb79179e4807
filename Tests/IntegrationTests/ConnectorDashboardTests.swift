import Foundation
import TestSupport
import XCTest

/// The dashboard during a port-exhaustion storm: the advice line names the process. Root, tmux.
final class ConnectorDashboardTests: XCTestCase {
    func testTheAdviceLineNamesTheExhaustingClientsPidAndCommand() throws {
        try NetworkNamespace.skipUnlessRoot()
        try TmuxSession.skipUnlessAvailable()
        let ns = try NetworkNamespace("conn-tmux")
        defer { ns.delete() }
        try ns.sysctl("net.ipv4.ip_local_port_range", "40000 40499")
        let quote = TmuxSession.shellQuote
        let command = "LANG=C.UTF-8 ip netns exec \(quote(ns.name)) \(quote(FixturePaths.binary("netwatch"))); echo NETWATCH_EXIT=$?; sleep 60"
        let tmux = try TmuxSession(label: "conn", width: 240, height: 40, command: command)
        defer { tmux.kill() }
        _ = try tmux.waitForScreen("the dashboard", timeout: 30) { $0.contains { $0.hasPrefix(" netwatch ") } }
        // 500 ports held at 1000 connects a second, then EADDRNOTAVAIL on every further connect().
        let (_, line) = try ns.start([FixturePaths.binary("netwatch-load"), "--exhaust", "127.0.0.1:7500", "--attempts", "100000",
                                      "--rate", "1000", "--hold", "60"], readyPrefix: "EXHAUSTING")
        let json = try JSONSerialization.jsonObject(with: Data(line.dropFirst("EXHAUSTING ".count).utf8)) as? [String: Int]
        let pid = try XCTUnwrap(json?["pid"])
        let screen = try tmux.waitForScreen("the advice naming pid \(pid)", timeout: 30) { rows in
            rows.contains { $0.contains("ephemeral ports 100% used toward 127.0.0.1:7500") && $0.contains("; pid \(pid) (netwatch-load) opens ") }
        }
        let advice = try XCTUnwrap(screen.first { $0.contains("; pid \(pid) (netwatch-load) opens ") })
        XCTAssertTrue(advice.contains("toward 127.0.0.1:7500, "), advice)
        XCTAssertTrue(advice.contains(" connect() failures with EADDRNOTAVAIL in the last "), advice)
        XCTAssertFalse(screen.contains { $0.contains("eBPF unavailable") }, screen.joined(separator: "\n"))
    }
}
