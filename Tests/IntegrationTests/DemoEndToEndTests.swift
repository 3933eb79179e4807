import Foundation
import TestSupport
import XCTest

/// `netwatch demo` end to end, as root: the debug binary in a detached 120×40 tmux session on a
/// private tmux server, running `netwatch demo; echo NETWATCH_EXIT=$?; sleep …` so the exit status
/// stays visible. The demo makes its own anonymous namespace, so after it ends no worker may be
/// left, no process may be in that namespace, and no name in `ip netns list` may refer to it: then
/// the kernel deletes it. The test holds the namespace open meanwhile, so that its inode number is
/// not given to another namespace before the checks. Only what the demo made is checked: other
/// tests and programs may add and delete namespaces meanwhile. Every wait polls the real screen
/// with a deadline.
final class DemoEndToEndTests: XCTestCase {
    func testTimeWaitPasses1000ThenThePortGaugeGoesCriticalAndQExitsZeroLeavingNothing() throws {
        let demo = try DemoRun(label: "q")
        defer { demo.close() }
        // The demo keeps its own time; the test judges by what the screen says, not by how long it
        // took: TIME_WAIT passes 1,000 and the gauge goes critical before the header's caption
        // leaves phase 2/5 (the ports phase). The waits' timeouts only stop a hung demo.
        let timeWait = try demo.tmux.waitForScreen("TIME_WAIT above 1,000 or phase 2/5 over", timeout: DemoScreen.hangGuard) { lines in
            DemoScreen.timeWait(lines) > 1000 || DemoScreen.phase(lines) > 2
        }
        XCTAssertGreaterThan(DemoScreen.timeWait(timeWait), 1000, "TIME_WAIT during phases 1-2:\n" + timeWait.joined(separator: "\n"))
        let critical = try demo.tmux.waitForScreen("a critical port gauge or phase 2/5 over", timeout: DemoScreen.hangGuard) { lines in
            DemoScreen.worstPercent(lines) >= 90 || DemoScreen.phase(lines) > 2
        }
        XCTAssertGreaterThanOrEqual(DemoScreen.worstPercent(critical), 90, "the port gauge in phase 2:\n" + critical.joined(separator: "\n"))
        XCTAssertTrue(critical[0].contains("2/5 ports to 127.0.0.2:8080 run out"), "the header names the phase: \(critical[0])")
        XCTAssertNotNil(critical.firstIndex { $0.contains("│127.0.0.2:8080 ") }, "the destination is listed: \(critical)")
        let processes = try demo.processes(atLeast: 1)
        try demo.tmux.type("q")
        XCTAssertEqual(try demo.tmux.waitForExitStatus(), 0)
        try demo.assertNothingLeft(processes)
    }

    func testSIGTERMStopsTheLoadAndExitsZeroLeavingNothing() throws {
        try checkSignal(SIGTERM, label: "term")
    }

    func testSIGINTAndSIGHUPStopTheLoadAndExitZeroLeavingNothing() throws {
        try checkSignal(SIGINT, label: "int")
        try checkSignal(SIGHUP, label: "hup")
    }

    /// Without root: one line saying what is needed, exit status 2. As root the binary runs as
    /// `nobody` with no capabilities (`setpriv`); otherwise as the current user.
    func testWithoutThePrivilegeExits2WithOneLine() throws {
        let netwatch = FixturePaths.binary("netwatch")
        try Self.assertRefused(geteuid() == 0
            ? ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", netwatch, "demo"]
            : [netwatch, "demo"])
    }

    /// As root with one of the two capabilities dropped (`capsh`): without CAP_SYS_ADMIN there is no
    /// namespace; without CAP_NET_ADMIN its loopback cannot be brought up. Both refuse the same way.
    func testEitherCapabilityMissingExits2WithTheSameLine() throws {
        try NetworkNamespace.skipUnlessRoot()
        try EnvironmentRequirement.require(
            FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("capsh")),
            "needs capsh (libcap2-bin) to drop one capability: run scripts/setup")
        for capability in ["cap_sys_admin", "cap_net_admin"] {
            try Self.assertRefused(["capsh", "--drop=" + capability, "--",
                                    "-c", TmuxSession.shellQuote(FixturePaths.binary("netwatch")) + " demo"])
        }
    }

    private static func assertRefused(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let result = try ProcessRunner.run(arguments)
        XCTAssertEqual(result.status, 2, "\(arguments): \(result.stderr)", file: file, line: line)
        XCTAssertEqual(result.stderr, "netwatch: netwatch demo needs root, or CAP_SYS_ADMIN and CAP_NET_ADMIN, "
                       + "to create its private network namespace\n", "\(arguments)", file: file, line: line)
        XCTAssertEqual(result.stdout, "", "\(arguments)", file: file, line: line)
    }

    private func checkSignal(_ signal: Int32, label: String) throws {
        let demo = try DemoRun(label: label)
        defer { demo.close() }
        // Two workers run from the fourth second on.
        let processes = try demo.processes(atLeast: 2)
        XCTAssertEqual(kill(processes.netwatch, signal), 0)
        XCTAssertEqual(try demo.tmux.waitForExitStatus(), 0, "signal \(signal)")
        XCTAssertEqual(try demo.tmux.format("#{alternate_on}"), "0", "the terminal is restored after signal \(signal)")
        try demo.assertNothingLeft(processes)
    }
}

/// One `netwatch demo` in a tmux session, and what it started.
private final class DemoRun {
    /// netwatch, its namespace (the `/proc/PID/ns/net` link) and its workers.
    struct Processes {
        let netwatch: pid_t
        let namespace: String
        let workers: [pid_t]
    }

    let tmux: TmuxSession
    /// A descriptor on the demo's namespace, held from ``processes(atLeast:timeout:)`` until ``close()``.
    private var namespaceHandle: Int32 = -1

    init(label: String) throws {
        try NetworkNamespace.skipUnlessRoot()
        try TmuxSession.skipUnlessAvailable()
        let command = "env LANG=C.UTF-8 \(TmuxSession.shellQuote(FixturePaths.binary("netwatch"))) demo; "
            + "echo NETWATCH_EXIT=$?; sleep 120"
        tmux = try TmuxSession(label: "demo-\(label)", width: 120, height: 40, command: command)
    }

    func close() {
        tmux.kill()
        if namespaceHandle >= 0 { Glibc.close(namespaceHandle) }
        namespaceHandle = -1
    }

    /// The inode of each namespace `ip netns` names (its bind mount under /run/netns), by name.
    static func namedNamespaces() throws -> [String: UInt] {
        var inodes = [String: UInt]()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: "/run/netns")) ?? [] {
            var info = stat()
            if stat("/run/netns/" + name, &info) == 0 { inodes[name] = UInt(info.st_ino) }
        }
        return inodes
    }

    /// Waits until netwatch runs under the pane's shell with at least `count` workers, and returns
    /// them (the timeout only stops a hung demo).
    func processes(atLeast count: Int, timeout: Double = DemoScreen.hangGuard) throws -> Processes {
        let shell = try tmux.panePID()
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            if let netwatch = TmuxSession.children(of: shell).first(where: { $0.command == "netwatch" }) {
                let workers = TmuxSession.children(of: netwatch.pid).filter { $0.command.hasPrefix("nw-demo-") }.map(\.pid)
                let namespace = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(netwatch.pid)/ns/net")) ?? ""
                if workers.count >= count, !namespace.isEmpty, holdNamespace(of: netwatch.pid, named: namespace) {
                    return Processes(netwatch: netwatch.pid, namespace: namespace, workers: workers)
                }
            }
            guard Date() < deadline else { break }
            usleep(50_000)   // waiting on a real process: there is no clock to inject here
        }
        throw TmuxError(message: "netwatch demo did not run \(count) worker(s) within \(timeout) s; the screen was:\n"
                        + ((try? tmux.screen()) ?? []).joined(separator: "\n"))
    }

    /// Opens `pid`'s network namespace if its link still reads `namespace`; true when held.
    private func holdNamespace(of pid: pid_t, named namespace: String) -> Bool {
        if namespaceHandle >= 0 { Glibc.close(namespaceHandle) }
        namespaceHandle = open("/proc/\(pid)/ns/net", O_RDONLY | O_CLOEXEC)
        let held = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/fd/\(namespaceHandle)")) == namespace
        return namespaceHandle >= 0 && held
    }

    /// After the demo ended: no worker alive, no process in its namespace, no name for it in `ip netns list`.
    func assertNothingLeft(_ processes: Processes, file: StaticString = #filePath, line: UInt = #line) throws {
        for pid in processes.workers + [processes.netwatch] {
            XCTAssertFalse(FileManager.default.fileExists(atPath: "/proc/\(pid)"), "pid \(pid) is gone", file: file, line: line)
        }
        let inNamespace = Self.processes(in: processes.namespace)
        XCTAssertEqual(inNamespace, [], "no process is left in \(processes.namespace)", file: file, line: line)
        let inode = UInt(processes.namespace.dropFirst("net:[".count).dropLast())
        XCTAssertNotNil(inode, processes.namespace, file: file, line: line)
        let named = try Self.namedNamespaces().filter { $0.value == inode }
        XCTAssertEqual(named, [:], "ip netns list names the demo's namespace", file: file, line: line)
    }

    /// Pids whose network namespace link reads `namespace` (`net:[INODE]`).
    private static func processes(in namespace: String) -> [pid_t] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { pid_t($0) }.filter {
            (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\($0)/ns/net")) == namespace
        }.sorted()
    }
}

/// Reading the demo's dashboard from a captured 120-column screen.
private enum DemoScreen {
    /// How long a wait on the demo may take before the demo counts as hung: longer than its whole
    /// 72-second script, so a loaded machine's slowness never fails a test.
    static let hangGuard: Double = 100

    /// The TIME_WAIT count of the States pane, 0 when not shown.
    static func timeWait(_ lines: [String]) -> Int {
        leftCells(lines, rowStartingWith: "TIME_WAIT ")?[safe: 1].flatMap(count) ?? 0
    }

    /// The worst destination's port use in percent, 0 when not shown.
    static func worstPercent(_ lines: [String]) -> Int {
        leftCells(lines, rowStartingWith: "worst ")?[safe: 1].flatMap(percent) ?? 0
    }

    /// The script's phase the header's caption names (`2/5 …` is 2), 6 once it says the demo is over.
    static func phase(_ lines: [String]) -> Int {
        let header = lines.first ?? ""
        if header.contains("demo over") { return 6 }
        return (1...5).first { header.contains(" \($0)/5 ") } ?? 0
    }

    /// The whitespace-separated cells of the first row of a left-hand pane (columns 0 ..< 60) whose
    /// text inside the border starts with `prefix`.
    static func leftCells(_ lines: [String], rowStartingWith prefix: String) -> [String]? {
        for line in lines {
            let left = String(Array(line).prefix(60))
            guard left.hasPrefix("│" + prefix) else { continue }
            return left.trimmingCharacters(in: CharacterSet(charactersIn: "│")).split(separator: " ").map(String.init)
        }
        return nil
    }

    /// A count as the dashboard prints it: `999`, `1,300` where it fits, else `12.3k`, `123k`.
    static func count(_ text: String) -> Int? {
        if text.hasSuffix("k") { return Double(text.dropLast()).map { Int(($0 * 1000).rounded()) } }
        return Int(text.replacingOccurrences(of: ",", with: ""))
    }

    /// `93%` → 93.
    static func percent(_ text: String) -> Int? {
        text.hasSuffix("%") ? Int(text.dropLast()) : nil
    }
}

private extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
