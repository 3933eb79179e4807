import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// The dashboard end to end: the debug `netwatch` in a detached 120×40 tmux session on a private
/// tmux server, inside a private network namespace (root) holding a known population from
/// `netwatch-load`. Keys go in with `send-keys`, the screen comes back with `capture-pane`, and
/// the pane runs `netwatch …; echo NETWATCH_EXIT=$?; sleep …` so the exit status stays visible.
/// Every wait polls the real screen with a deadline.
final class DashboardEndToEndTests: XCTestCase {
    /// The population: TIME_WAIT toward three destinations, held ESTABLISHED, leaked CLOSE_WAIT and
    /// a listener (127.0.0.1:7300, backlog 3) whose queue is full (4 of 3) with 2 more clients in SYN_SENT.
    static let load = ["--time-wait", "1500", "--established", "10", "--close-wait", "4", "--backlog", "3",
                       "--overflow", "2", "--hold", "120"]

    // MARK: the panes show what ss sees

    func testPanesShowTheLoadedCountsAsSSSeesThem() throws {
        let run = try DashboardRun(label: "counts", load: Self.load)
        defer { run.close() }
        let ss = try run.namespace.ss()
        // The population is what the generator promised, so the comparisons below are not vacuous.
        XCTAssertEqual(ss.byState[.timeWait], 1500)
        XCTAssertEqual(ss.byState[.closeWait], 4)
        XCTAssertTrue(ss.listeners.contains("127.0.0.1:7300 4 3"), "\(ss.listeners)")
        let range = try run.localPortRange()

        var problems = [String]()
        do {
            try run.tmux.waitForScreen("the loaded counts", timeout: 15) { lines in
                // ss again on every look: the dashboard must match the namespace as it is now.
                problems = Self.mismatches(lines, ss: try run.namespace.ss(), range: range)
                return problems.isEmpty
            }
        } catch {
            XCTFail("the panes never matched ss:\n" + problems.joined(separator: "\n") + "\n\(error)")
        }
        XCTAssertEqual(try run.quit(), 0)
    }

    /// Every place the screen shows a count of the loaded population, compared with `ss`.
    /// - Returns: one line per difference; empty when the screen agrees.
    static func mismatches(_ lines: [String], ss: SSOracle, range: ClosedRange<Int>) -> [String] {
        var problems = [String]()
        func expect(_ shown: String?, _ wanted: String, _ what: String) {
            if shown != wanted { problems.append("\(what): screen shows \(shown ?? "nothing"), ss says \(wanted)") }
        }
        guard lines.first?.contains("via netlink") == true else { return ["the header does not show 'via netlink' yet"] }

        // States: the title holds the total, each row its state's count.
        let states = ScreenPane(lines, title: "States", side: .left)
        expect(states.title.split(separator: " ").dropFirst().first.map(String.init), exact(ss.rows.count), "States total")
        let names: [(String, TCPState)] = [("ESTABLISHED", .established), ("TIME_WAIT", .timeWait), ("CLOSE_WAIT", .closeWait),
                                           ("SYN_SENT", .synSent), ("SYN_RECV", .synRecv), ("LISTEN", .listen),
                                           ("FIN_WAIT1", .finWait1), ("FIN_WAIT2", .finWait2), ("LAST_ACK", .lastAck),
                                           ("CLOSING", .closing), ("CLOSE", .close)]
        for (name, state) in names {
            expect(states.row(startingWith: name + " ")?[safe: 1], exact(ss.byState[state]), "States \(name)")
        }

        // The TIME_WAIT trend's current value is the States pane's TIME_WAIT (not sockstat `tw`, which
        // also counts orphaned FIN_WAIT2 minisockets), formatted the way the panes format counts.
        let trend = ScreenPane(lines, title: "TIME_WAIT trend", side: .right)
        expect(trend.row(startingWith: "now ")?[safe: 1], exact(ss.byState[.timeWait]), "TIME_WAIT trend now")

        // Listeners: accept queue / backlog, from ss's Recv-Q / Send-Q of the LISTEN row.
        let listeners = ScreenPane(lines, title: "Listeners", side: .right)
        for row in ss.rows where row.state == .listen {
            let name = row.localAddress.contains(":") ? "[\(row.localAddress)]:\(row.localPort)" : "\(row.localAddress):\(row.localPort)"
            expect(listeners.row(startingWith: name + " ")?[safe: 1], "\(row.recvQ)/\(row.sendQ)", "Listener \(name)")
        }

        // Peers: every remote address with its total and per-state columns.
        let peers = ScreenPane(lines, title: "Peers", side: .left)
        let columns: [(String, TCPState?)] = [("TOTAL", nil), ("ESTAB", .established), ("TW", .timeWait), ("CW", .closeWait),
                                              ("SYN-S", .synSent), ("SYN-R", .synRecv), ("FIN-W", .finWait2)]
        expect(peers.row(startingWith: "PEER ")?.joined(separator: " "), "PEER " + columns.map(\.0).joined(separator: " "),
               "Peers heading")
        var byPeer = [String: StateCounts]()
        for row in ss.rows where row.state != .listen { byPeer[row.remoteAddress, default: StateCounts()].add(row.state) }
        for (peer, counts) in byPeer {
            let cells = peers.row(startingWith: peer + " ")
            for (index, (title, state)) in columns.enumerated() {
                let wanted = state.map { counts[$0] } ?? counts.total
                expect(cells?[safe: index + 1], String(wanted), "Peer \(peer) \(title)")
            }
        }

        // Ephemeral ports: used and TIME_WAIT toward each TIME_WAIT destination.
        let ports = ScreenPane(lines, title: "Ephemeral ports", side: .left)
        for (destination, port) in [("127.0.0.1", 7001), ("127.0.0.2", 7002), ("::1", 7003)] {
            let inRange = ss.rows.filter { $0.state != .listen && range.contains($0.localPort)
                && $0.remoteAddress == destination && $0.remotePort == port }
            let name = destination.contains(":") ? "[\(destination)]:\(port)" : "\(destination):\(port)"
            let cells = ports.row(startingWith: name + " ")
            expect(cells?[safe: 1], exact(inRange.count), "Destination \(name) USED")
            expect(cells?.last, exact(inRange.filter { $0.state == .timeWait }.count), "Destination \(name) TW")
        }
        return problems
    }

    /// Orphaned FIN_WAIT2 minisockets (the clients of the 40 CLOSE_WAIT connections) count in
    /// sockstat `tw` but are not TIME_WAIT: the trend's "now" must be the States pane's 300, not 340.
    func testTrendNowIsTheStatesPaneTimeWaitAsSSCountsIt() throws {
        let run = try DashboardRun(label: "trend", load: ["--time-wait", "300", "--close-wait", "40", "--hold", "120"])
        defer { run.close() }
        let ss = try run.namespace.ss()
        XCTAssertEqual(ss.byState[.timeWait], 300)
        let sockstat = try run.namespace.run(["cat", "/proc/net/sockstat"]).stdout
        XCTAssertTrue(sockstat.contains(" tw 340 "), sockstat)
        var shown = ""
        do {
            try run.tmux.waitForScreen("the trend at ss's TIME_WAIT", timeout: 15) { lines in
                let states = ScreenPane(lines, title: "States", side: .left).row(startingWith: "TIME_WAIT ")?[safe: 1]
                let trend = ScreenPane(lines, title: "TIME_WAIT trend", side: .right).row(startingWith: "now ")?[safe: 1]
                shown = "States \(states ?? "nothing"), trend \(trend ?? "nothing")"
                return states == "300" && trend == "300"
            }
        } catch {
            XCTFail("ss says 300 TIME_WAIT; the screen shows \(shown)\n\(error)")
        }
        XCTAssertEqual(try run.quit(), 0)
    }

    // MARK: export

    func testExportWritesOneValidPrivateFileWithHistory() throws {
        let run = try DashboardRun(label: "export", load: Self.load)
        defer { run.close() }
        try run.waitForFirstFrame()
        try run.tmux.type("e")
        let screen = try run.tmux.waitForScreen("the export status", timeout: 10) { $0.last?.hasPrefix(" exported /") == true }
        let status = try XCTUnwrap(screen.last)
        let shownPath = String(status.dropFirst(" exported ".count).prefix { $0 != " " })

        let files = try FileManager.default.contentsOfDirectory(atPath: run.exportDirectory)
        XCTAssertEqual(files.count, 1, "exactly one file in the export directory: \(files)")
        let name = try XCTUnwrap(files.first)
        XCTAssertEqual(shownPath, run.exportDirectory + "/" + name, "the status line names the file written")
        let host = Self.hostName()
        XCTAssertNotNil(name.range(of: "^netwatch-\(NSRegularExpression.escapedPattern(for: host))-[0-9]{8}-[0-9]{6}\\.json$",
                                   options: .regularExpression), name)

        var info = stat()
        XCTAssertEqual(lstat(shownPath, &info), 0)
        XCTAssertEqual(info.st_mode & S_IFMT, S_IFREG, "a regular file, not a link")
        XCTAssertEqual(info.st_mode & 0o7777, 0o600, "the export holds peer addresses: owner-only")

        let text = try String(contentsOfFile: shownPath, encoding: .utf8)
        let validation = try SchemaValidator.validate(text)
        XCTAssertEqual(validation.status, 0, "schema: \(validation.stdout)\(validation.stderr)")
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        XCTAssertEqual(json["schema"] as? String, "netwatch.snapshot/1")
        let history = try XCTUnwrap(json["history"] as? [String: Any], "the export carries a history object")
        let series = try XCTUnwrap(history["series"] as? [String: Any], "\(history)")
        XCTAssertFalse(try XCTUnwrap(series["time_wait"] as? [Any], "\(series.keys)").isEmpty, "the TIME_WAIT trend has points")
        let byState = (json["states"] as? [String: Any])?["by_state"] as? [String: Any]
        let ss = try run.namespace.ss()
        XCTAssertEqual(byState?["TIME_WAIT"] as? Int, ss.byState[.timeWait])
        XCTAssertEqual(byState?["CLOSE_WAIT"] as? Int, ss.byState[.closeWait])
        XCTAssertEqual(try run.quit(), 0)
    }

    // MARK: filter and drill (issue 4)

    func testFilterPromptDrillExportAndEscRestore() throws {
        let run = try DashboardRun(label: "filter", load: Self.load)
        defer { run.close() }
        try run.waitForFirstFrame()
        // A garbage filter keeps the prompt open with the reason and changes nothing.
        try run.tmux.type("/")
        try run.tmux.type("abc")
        try run.tmux.press("Enter")
        let refused = try run.tmux.waitForScreen("the inline error") { $0.last?.contains("invalid port list 'abc'") == true }
        XCTAssertTrue(refused.last?.hasPrefix(" filter ports: abc") == true, refused.last ?? "")
        XCTAssertFalse(refused.first?.contains("filter ") == true, "no filter applied: \(refused.first ?? "")")
        try run.tmux.press("BSpace", "BSpace", "BSpace")
        try run.tmux.type("7100")
        try run.tmux.press("Enter")
        // The screen narrows to the sockets of :7100, as ss counts them with the same filter.
        let ss = try run.namespace.ss(["( sport = :7100 or dport = :7100 )"])
        let filtered = try run.tmux.waitForScreen("the filtered view") { lines in
            lines.first?.contains("filter 7100") == true && lines.contains { $0.contains("┌ States \(Self.exact(ss.rows.count)) ") }
        }
        XCTAssertTrue(filtered.contains { $0.contains("TIME_WAIT trend :7100") }, "the trend follows the port's own series")
        // `e` exports the filtered view.
        try run.tmux.type("e")
        let exported = try run.tmux.waitForScreen("the export status") { $0.last?.hasPrefix(" exported /") == true }
        let path = String(try XCTUnwrap(exported.last).dropFirst(" exported ".count).prefix { $0 != " " })
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any])
        XCTAssertEqual((json["filter"] as? [String: Any])?["ports"] as? [Int], [7100])
        XCTAssertEqual((json["states"] as? [String: Any])?["total"] as? Int, ss.rows.count)
        XCTAssertEqual(try SchemaValidator.validate(try String(contentsOfFile: path, encoding: .utf8)).status, 0)
        // Enter on the focused destination row opens the client-side drill of 127.0.0.1:7100.
        try run.tmux.press("Enter")
        let clients = ss.rows.filter { $0.remotePort == 7100 }.count
        let drill = try run.tmux.waitForScreen("the destination drill") { lines in
            lines.first?.contains("drill 127.0.0.1:7100") == true && lines.contains { $0.contains("┌ Sockets \(clients) ") }
        }
        XCTAssertFalse(drill.contains { $0.contains("┌ States") }, "the drill view replaces the panes")
        // Esc goes back to the filtered panes, a second Esc clears the filter.
        try run.tmux.press("Escape")
        _ = try run.tmux.waitForScreen("back to the filtered panes") { lines in
            lines.first?.contains("filter 7100") == true && lines.first?.contains("drill") == false && lines.contains { $0.contains("┌ States") }
        }
        try run.tmux.press("Escape")
        let all = try run.namespace.ss()
        _ = try run.tmux.waitForScreen("the unfiltered view") { lines in
            lines.first?.contains("filter") == false && lines.contains { $0.contains("┌ States \(Self.exact(all.rows.count)) ") }
        }
        XCTAssertEqual(try run.quit(), 0)
    }

    // MARK: resizing

    func testResizeToTooSmallAndBackKeepsRunning() throws {
        let run = try DashboardRun(label: "resize", load: nil)
        defer { run.close() }
        try run.waitForFirstFrame()
        try run.tmux.resize(width: 20, height: 5)
        try run.tmux.waitForScreen("the too-small notice") { lines in
            lines.count == 5 && lines.filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty } == ["need 40×10, now 20×5"]
        }
        try run.tmux.resize(width: 80, height: 24)
        let screen = try run.tmux.waitForScreen("the panes at 80×24") { lines in
            lines.count == 24 && lines[0].hasPrefix(" netwatch ") && lines[23].hasPrefix(" q quit")
                && ["┌ States", "┌ TIME_WAIT trend", "┌ ▶ Ephemeral ports", "┌ File descriptors", "┌ Peers", "┌ Listeners"]
                    .allSatisfy { title in lines.contains { $0.contains(title) } }
        }
        XCTAssertEqual(screen.filter { $0.count > 80 }, [], "every row fits 80 columns")
        XCTAssertEqual(try run.quit(), 0, "still running after the resizes, and quits cleanly")
    }

    // MARK: help and theme keys

    func testHelpOverlayOpensAndAnyKeyClosesItAndThemeKeyReports() throws {
        let run = try DashboardRun(label: "keys", load: nil)
        defer { run.close() }
        try run.waitForFirstFrame()
        for open in ["?", "F1"] {
            if open == "?" { try run.tmux.type(open) } else { try run.tmux.press(open) }
            let screen = try run.tmux.waitForScreen("the help overlay after \(open)") { $0.contains { $0.contains("┌ Keys") } }
            for action in ["quit", "this help; any key closes it", "pause the display (collection goes on)",
                           "export a JSON snapshot with the history", "switch to the next theme",
                           "theme default; any key closes this"] {
                XCTAssertTrue(screen.contains { $0.contains(action) }, "help lists '\(action)'")
            }
            try run.tmux.type("x")
            try run.tmux.waitForScreen("the overlay closed by x") { lines in
                !lines.contains { $0.contains("┌ Keys") } && lines.contains { $0.contains("┌ States") }
            }
        }

        let next = try XCTUnwrap(Self.shippedThemeNames().first, "a shipped theme besides default")
        try run.tmux.type("t")
        try run.tmux.waitForScreen("the theme status message") { $0.last.map { DashboardScreen.statusLine($0, shows: "theme \(next)") } == true }
        try run.tmux.type("?")
        try run.tmux.waitForScreen("the help naming the new theme") { $0.contains { $0.contains("theme \(next); any key closes this") } }
        try run.tmux.type("x")
        try run.tmux.waitForScreen("the overlay closed") { !$0.contains { $0.contains("┌ Keys") } }
        XCTAssertEqual(try run.quit(), 0)
    }

    // MARK: advice

    func testAdviceLineListAndEnterDrillIntoTheFinding() throws {
        let run = try DashboardRun(label: "advice", load: Self.load)
        defer { run.close() }
        try run.waitForFirstFrame()
        // The full accept queue of 127.0.0.1:7300 (4 of 3) is the most severe finding.
        try run.tmux.waitForScreen("the advice line") { lines in
            lines.contains { $0.hasPrefix(" CRITICAL  accept queue of ") && $0.contains("127.0.0.1:7300 at 4 of 3") }
        }
        try run.tmux.type("a")
        let list = try run.tmux.waitForScreen("the advice list") { $0.contains { $0.contains("┌ Advice") } }
        XCTAssertTrue(list.contains { $0.contains("The application's listen() backlog (3) limits, below somaxconn") }, "\(list)")
        XCTAssertFalse(list.contains { $0.contains("┌ States") }, "the list replaces the panes")
        try run.tmux.press("Enter")
        try run.tmux.waitForScreen("the drill into the finding's listener") { lines in
            lines.first?.contains("drill :7300 (server)") == true && lines.contains { $0.contains("┌ Server :7300") }
        }
        try run.tmux.press("Escape")
        try run.tmux.waitForScreen("back to the panes") { lines in
            lines.first?.contains("drill") == false && lines.contains { $0.contains("┌ States") }
        }
        XCTAssertEqual(try run.quit(), 0)
    }

    // MARK: process view (issue 12)

    /// Enter on the load generator's row of the fd table opens its process view: its pid and
    /// command, its open fds (as /proc lists them) against the soft limit it was started with
    /// (4096, the hard one 8192), and its sockets on :7100 (the filter that leaves the generator alone in the fd
    /// table) as `ss` counts them.
    func testEnterOnAnFDRowOpensTheProcessViewOfThatProcess() throws {
        let run = try DashboardRun(label: "process", load: Self.load, openFileLimit: 4096)
        defer { run.close() }
        let pid = try XCTUnwrap(run.loadPID)
        try run.waitForFirstFrame()
        try run.tmux.type("/")
        try run.tmux.type("7100")
        try run.tmux.press("Enter")
        try run.tmux.waitForScreen("the generator alone in the fd table") { lines in
            let fds = ScreenPane(lines, title: "File descriptors", side: .right)
            return lines.first?.contains("filter 7100") == true && fds.row(startingWith: "\(pid) ")?[safe: 1] == "netwatch-load"
                && fds.rows.filter { $0.first?.isNumber == true }.count == 1
        }
        try run.tmux.press("Tab")
        try run.tmux.waitForScreen("the fd table focused") { $0.contains { $0.contains("┌ ▶ File descriptors") } }
        try run.tmux.press("Enter")

        let ss = try run.namespace.ss(["( sport = :7100 or dport = :7100 )"])
        XCTAssertEqual(ss.byState, StateCounts([.established: 20, .listen: 1]), "10 held connections and their listener")
        let listener = try XCTUnwrap(ss.rows.first { $0.state == .listen })
        var expected = [String]()
        let screen = try run.tmux.waitForScreen("the process view of pid \(pid)", timeout: 15) { lines in
            // Fewer than 1,000 descriptors: written without a thousands separator.
            let open = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/fd").count
            XCTAssertLessThan(open, 1000)
            expected = ["drill pid \(pid)", "┌ Process \(pid) ", "│fds \(pid) netwatch-load ", "\(open)/4,096│",
                        "│states  ESTABLISHED 20  LISTEN 1 ", "│127.0.0.1:7100  accept queue \(listener.recvQ)/\(listener.sendQ) ",
                        "│accepted on :7100  total 10  ESTAB 10 ", "│to 127.0.0.1:7100  total 10  ESTAB 10 ",
                        "┌ Sockets \(ss.rows.count) "]
            return expected.allSatisfy { text in lines.contains { $0.contains(text) } }
        }
        XCTAssertFalse(screen.contains { $0.contains("┌ States") }, "the process view replaces the panes: \(expected)")
        XCTAssertEqual(screen.filter { $0.contains(" netwatch-load ") && !$0.contains("│fds ") }.count, ss.rows.count,
                       "every socket in the list is the generator's")
        XCTAssertEqual(try run.quit(), 0)
    }

    // MARK: leaving: q and signals

    func testQuitExitsZeroAndLeavesTheAlternateScreen() throws {
        let run = try DashboardRun(label: "quit", load: nil)
        defer { run.close() }
        try run.waitForFirstFrame()
        XCTAssertEqual(try run.tmux.format("#{alternate_on}"), "1", "the dashboard draws on the alternate screen")
        XCTAssertEqual(try run.tmux.format("#{cursor_flag}"), "0", "the dashboard hides the cursor")
        XCTAssertEqual(try run.quit(), 0)
        try run.assertTerminalRestored()
    }

    func testSIGTERMExits143WithTheTerminalRestored() throws {
        try checkSignal(SIGTERM, label: "term")
    }

    func testSIGINTAndSIGHUPExit128PlusSignalWithTheTerminalRestored() throws {
        try checkSignal(SIGINT, label: "int")
        try checkSignal(SIGHUP, label: "hup")
    }

    private func checkSignal(_ signal: Int32, label: String) throws {
        let run = try DashboardRun(label: label, load: nil)
        defer { run.close() }
        try run.waitForFirstFrame()
        XCTAssertEqual(try run.tmux.format("#{alternate_on}"), "1")
        let shell = try run.tmux.panePID()
        let netwatch = try XCTUnwrap(TmuxSession.children(of: shell).first { $0.command == "netwatch" },
                                     "netwatch runs under the pane's shell: \(TmuxSession.children(of: shell))")
        XCTAssertEqual(kill(netwatch.pid, signal), 0)
        // The shell reports 128+N both for a handled exit(128+N) and for death by the signal; only
        // the restored terminal below tells that netwatch handled it.
        XCTAssertEqual(try run.tmux.waitForExitStatus(), 128 + signal, "signal \(signal)")
        try run.assertTerminalRestored()
    }

    // MARK: stdout not a terminal

    func testStdoutNotATerminalExits2WithTheMessage() throws {
        try TmuxSession.skipUnlessAvailable()
        let directory = try ScratchDirectory("nwe2e-pipe")
        defer { directory.remove() }
        let out = directory.path + "/out", err = directory.path + "/err"
        let command = "\(TmuxSession.shellQuote(FixturePaths.binary("netwatch"))) > \(out) 2> \(err); echo NETWATCH_EXIT=$?; sleep 60"
        let tmux = try TmuxSession(label: "pipe", width: 120, height: 40, command: command)
        defer { tmux.kill() }
        XCTAssertEqual(try tmux.waitForExitStatus(), 2)
        XCTAssertEqual(try String(contentsOfFile: err, encoding: .utf8),
                       "netwatch: netwatch needs a terminal; use `netwatch snapshot` for JSON\n")
        XCTAssertEqual(try String(contentsOfFile: out, encoding: .utf8), "", "nothing written to the file")
        XCTAssertEqual(try tmux.format("#{alternate_on}"), "0", "the terminal was never taken over")
    }

    // MARK: helpers

    /// A count as the panes show it where it fits (``DisplayFormat/exact``, written out again):
    /// every digit, thousands separated by commas, as `ss | wc -l` counts.
    static func exact(_ value: Int) -> String {
        let digits = Array(String(value))
        return String(digits.enumerated().flatMap { index, digit in
            index > 0 && (digits.count - index) % 3 == 0 ? [",", digit] : [digit]
        })
    }

    static func hostName() -> String {
        var buffer = [UInt8](repeating: 0, count: 256)
        gethostname(&buffer, buffer.count - 1)
        return String(decoding: buffer.prefix { $0 != 0 }, as: UTF8.self)
    }

    /// The themes `t` cycles through after `default`, as the catalog names them: the shipped
    /// `themes/*.toml` files (HOME points at an empty directory), sorted by file name, each named
    /// by its `name = "…"` line or else its file name.
    static func shippedThemeNames() throws -> [String] {
        let directory = FixturePaths.packageRoot + "/themes"
        let stems = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(".toml") && $0 != "default.toml" }.map { String($0.dropLast(5)) }.sorted()
        return try stems.map { stem in
            let text = try String(contentsOfFile: directory + "/" + stem + ".toml", encoding: .utf8)
            let line = text.split(separator: "\n").first { $0.hasPrefix("name = \"") }
            return line.map { String($0.dropFirst("name = \"".count).prefix { $0 != "\"" }) } ?? stem
        }
    }
}

/// One dashboard under test: a namespace (with `netwatch-load` when asked), a private HOME and
/// export directory, and the tmux session running netwatch in the namespace.
private final class DashboardRun {
    let namespace: NetworkNamespace
    let tmux: TmuxSession
    let directory: ScratchDirectory
    /// The load generator's pid, when one runs.
    private(set) var loadPID: Int32?
    var exportDirectory: String { directory.path + "/export" }

    /// `openFileLimit`: the load generator's soft `RLIMIT_NOFILE`, its hard one twice that (else inherited).
    init(label: String, load: [String]?, openFileLimit: Int? = nil, width: Int = 120, height: Int = 40) throws {
        try NetworkNamespace.skipUnlessRoot()
        try TmuxSession.skipUnlessAvailable()
        directory = try ScratchDirectory("nwe2e-\(label)")
        namespace = try NetworkNamespace("e2e-\(label)")
        do {
            try FileManager.default.createDirectory(atPath: directory.path + "/export", withIntermediateDirectories: false)
            try FileManager.default.createDirectory(atPath: directory.path + "/home", withIntermediateDirectories: false)
            if let load {
                let limited = openFileLimit.map { ["bash", "-c", "ulimit -Sn \($0) && ulimit -Hn \($0 * 2) && exec \"$@\"", "bash"] } ?? []
                loadPID = try namespace.start(limited + [FixturePaths.binary("netwatch-load")] + load, readyPrefix: "READY ", timeout: 30)
                    .0.processIdentifier
            }
            let quote = TmuxSession.shellQuote
            let command = "env HOME=\(quote(directory.path + "/home")) LANG=C.UTF-8 ip netns exec \(quote(namespace.name)) "
                + "\(quote(FixturePaths.binary("netwatch"))) --export-dir \(quote(directory.path + "/export")); "
                + "echo NETWATCH_EXIT=$?; sleep 120"
            tmux = try TmuxSession(label: label, width: width, height: height, command: command)
        } catch {
            namespace.delete()
            directory.remove()
            throw error
        }
    }

    func close() {
        tmux.kill()
        namespace.delete()
        directory.remove()
    }

    /// The namespace's `net.ipv4.ip_local_port_range`.
    func localPortRange() throws -> ClosedRange<Int> {
        let text = try namespace.run(["cat", "/proc/sys/net/ipv4/ip_local_port_range"]).stdout
        let bounds = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).compactMap { Int($0) }
        guard bounds.count == 2 else { throw SetupError(message: "ip_local_port_range reads '\(text)'") }
        return bounds[0]...bounds[1]
    }

    /// Waits until the header, the panes and the footer are on screen, with the first collection's
    /// data (the screen comes up without it when the collection takes more than 250 ms).
    func waitForFirstFrame() throws {
        try tmux.waitForScreen("the first frame") { lines in
            lines.first?.hasPrefix(" netwatch ") == true && lines.first?.contains("via n/a") == false
                && lines.contains { $0.contains("┌ States") } && lines.last?.contains("q quit") == true
        }
    }

    /// Presses `q` and returns the exit status the shell printed.
    func quit() throws -> Int32 {
        try tmux.type("q")
        return try tmux.waitForExitStatus()
    }

    /// After netwatch ended: normal screen, visible cursor, no dashboard left on screen.
    func assertTerminalRestored(file: StaticString = #filePath, line: UInt = #line) throws {
        XCTAssertEqual(try tmux.format("#{alternate_on}"), "0", "alternate screen off", file: file, line: line)
        XCTAssertEqual(try tmux.format("#{cursor_flag}"), "1", "cursor visible again", file: file, line: line)
        let screen = try tmux.screen()
        XCTAssertFalse(screen.contains { $0.contains("┌ States") }, "the dashboard is gone: \(screen)", file: file, line: line)
    }
}

/// A pane of a captured two-column screen (at ≥ 72 columns the left pane of each band spans
/// columns 0 ..< width/2, the right one the rest), found by its title.
private struct ScreenPane {
    enum Side { case left, right }
    /// The title row's text after `┌ `, up to the border line.
    let title: String
    /// The rows inside the frame, without the side borders.
    let rows: [String]

    init(_ lines: [String], title name: String, side: Side, width: Int = 120) {
        func half(_ line: String) -> String {
            let characters = Array(line)
            let cut = min(width / 2, characters.count)
            return String(side == .left ? characters[..<cut] : characters[cut...])
        }
        // The focused pane's title starts with the focus marker.
        guard let top = lines.firstIndex(where: { half($0).hasPrefix("┌ " + name) || half($0).hasPrefix("┌ ▶ " + name) }) else {
            title = ""
            rows = []
            return
        }
        title = String(half(lines[top]).dropFirst(2).drop { $0 == "▶" || $0 == " " }.prefix { $0 != "─" })
            .trimmingCharacters(in: .whitespaces)
        var inner = [String]()
        for line in lines[(top + 1)...] {
            let text = half(line)
            guard text.hasPrefix("│") else { break }
            inner.append(text.trimmingCharacters(in: CharacterSet(charactersIn: "│")))
        }
        rows = inner
    }

    /// The whitespace-separated cells of the first row starting with `prefix`.
    func row(startingWith prefix: String) -> [String]? {
        rows.first { $0.hasPrefix(prefix) }.map { $0.split(separator: " ").map(String.init) }
    }
}

/// Reading the dashboard's rows in end-to-end tests.
enum DashboardScreen {
    /// True when the footer row `line` starts with the status message `message` (then the key
    /// hints, or nothing when they do not fit).
    static func statusLine(_ line: String, shows message: String) -> Bool {
        line == " " + message || line.hasPrefix(" " + message + " ")
    }
}

private struct SetupError: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
