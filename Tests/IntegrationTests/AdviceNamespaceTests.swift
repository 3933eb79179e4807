import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// `netwatch snapshot` advice on situations made for real in a private namespace by
/// netwatch-load (port exhaustion toward one destination, a process holding CLOSE_WAIT sockets) and
/// a script holding files under a low soft `ulimit -n`. Root only.
final class AdviceNamespaceTests: XCTestCase {
    /// Runs `netwatch snapshot` in `ns` and returns its advice.
    private func advice(in ns: NetworkNamespace, _ extra: [String] = []) throws -> [[String: Any]] {
        try XCTUnwrap(try snapshot(in: ns, extra)["advice"] as? [[String: Any]])
    }

    /// Runs `netwatch snapshot` in `ns`, checks it against the schema and returns the document.
    private func snapshot(in ns: NetworkNamespace, _ extra: [String] = []) throws -> [String: Any] {
        let result = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--sample", "0"] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        let validation = try SchemaValidator.validate(result.stdout)
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    /// The `pid` of netwatch-load's `READY {json}` line.
    private func pid(_ ready: String) throws -> Int {
        let json = try JSONSerialization.jsonObject(with: Data(ready.drop { $0 != "{" }.utf8)) as? [String: Any]
        return try XCTUnwrap(json?["pid"] as? Int)
    }

    func testAStormThroughANarrowRangeWithoutReuseIsCriticalExhaustionNamingTheDestination() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("adv-ports")
        defer { ns.delete() }
        try ns.sysctl("net.ipv4.ip_local_port_range", "40000 40049")
        try ns.sysctl("net.ipv4.tcp_tw_reuse", "0")
        // 46 connections opened and closed in one second toward one destination: 46 of 50 ports in TIME_WAIT.
        _ = try ns.start([FixturePaths.binary("netwatch-load"), "--destinations", "127.0.0.1:7001", "--rate", "46",
                          "--duration", "1", "--hold", "120"], readyPrefix: "STORM")
        let findings = try advice(in: ns).filter { $0["id"] as? String == "ephemeral_exhaustion" }
        XCTAssertEqual(findings.count, 1)
        let finding = try XCTUnwrap(findings.first)
        XCTAssertEqual(finding["severity"] as? String, "critical")
        XCTAssertEqual(finding["title"] as? String, "ephemeral ports 92% used toward 127.0.0.1:7001")
        let evidence = try XCTUnwrap(finding["evidence"] as? [String: Any])
        XCTAssertEqual(evidence["destination"] as? String, "127.0.0.1:7001")
        XCTAssertEqual(evidence["used"] as? Int, 46)
        XCTAssertEqual(evidence["usable"] as? Int, 50)
        XCTAssertEqual(evidence["time_wait"] as? Int, 46)
        XCTAssertEqual(evidence["tcp_tw_reuse"] as? Int, 0)
        XCTAssertEqual(evidence["ip_local_port_range"] as? String, "40000 40049")
        let suggestion = try XCTUnwrap(finding["suggestion"] as? [String])
        XCTAssertTrue(suggestion[1].hasPrefix("tcp_tw_reuse is 0 (off)"), suggestion[1])
        XCTAssertTrue(suggestion[2].contains("sysctl -w net.ipv4.ip_local_port_range=\"10000 65535\""), suggestion[2])
        let target = try XCTUnwrap(finding["target"] as? [String: Any])
        XCTAssertEqual(target["kind"] as? String, "destination")
        XCTAssertEqual(target["address"] as? String, "127.0.0.1")
        XCTAssertEqual(target["port"] as? Int, 7001)
    }

    func testAProcessHoldingCloseWaitSocketsIsNamedOnceOverTheConfiguredThreshold() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("adv-cw")
        defer { ns.delete() }
        let (_, ready) = try ns.start([FixturePaths.binary("netwatch-load"), "--close-wait", "12", "--hold", "120"],
                                      readyPrefix: "READY")
        let loadPID = try pid(ready)
        let plain = try snapshot(in: ns)
        XCTAssertEqual((plain["advice"] as? [[String: Any]])?.filter { $0["id"] as? String == "close_wait" }.count, 0,
                       "12 is below the default 50")
        let owners = try XCTUnwrap(plain["close_wait_owners"] as? [[String: Any]])
        XCTAssertEqual(owners.count, 1)
        XCTAssertEqual(owners.first?["pid"] as? Int, loadPID)
        XCTAssertEqual(owners.first?["close_wait"] as? Int, 12)
        XCTAssertEqual(owners.first?["local_port"] as? Int, 7200)
        // The clients closed their ends: 12 FIN_WAIT2 sockets no process owns, as ss shows them (ino:0).
        let orphans = try ns.run(["ss", "-tanHe", "state", "fin-wait-2"]).stdout.split(separator: "\n").filter { $0.contains(" ino:0 ") }
        XCTAssertEqual(orphans.count, 12)
        XCTAssertEqual((plain["states"] as? [String: Any])?["orphaned_fin_wait2"] as? Int, orphans.count)

        let scratch = try ScratchDirectory("netwatch-advice")
        defer { scratch.remove() }
        let config = scratch.path + "/config.toml"
        try "[advice]\nclose_wait_warning = 10\n".write(toFile: config, atomically: true, encoding: .utf8)
        let findings = try advice(in: ns, ["--config", config]).filter { $0["id"] as? String == "close_wait" }
        XCTAssertEqual(findings.count, 1)
        let finding = try XCTUnwrap(findings.first)
        XCTAssertEqual(finding["severity"] as? String, "warning")
        XCTAssertEqual(finding["title"] as? String,
                       "netwatch-load (pid \(loadPID)) holds 12 CLOSE_WAIT sockets (port 7200): it does not close them")
        let evidence = try XCTUnwrap(finding["evidence"] as? [String: Any])
        XCTAssertEqual(evidence["pid"] as? Int, loadPID)
        XCTAssertEqual(evidence["close_wait"] as? Int, 12)
        let target = try XCTUnwrap(finding["target"] as? [String: Any])
        XCTAssertEqual(target["kind"] as? String, "server_port")
        XCTAssertEqual(target["port"] as? Int, 7200)
    }

    func testAProcessNearALowSoftFdLimitIsNamedWithItsLimit() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("adv-fd")
        defer { ns.delete() }
        // netwatch-load raises its own limit to fit its plan, so the holder is a small script that
        // opens files until exactly 62 descriptors are open (listdir's own one not counted), under
        // a soft limit of 64: 96.9%, over the 95% critical threshold.
        let script = "import os, time\nfiles = []\n"
            + "while len(os.listdir('/proc/self/fd')) - 1 < 62: files.append(open('/dev/null'))\n"
            + "print('READY', os.getpid(), flush=True)\ntime.sleep(120)\n"
        let (_, ready) = try ns.start(["bash", "-c", "ulimit -Sn 64 && exec python3 -c \"$0\"", script], readyPrefix: "READY")
        let holder = try XCTUnwrap(Int(ready.split(separator: " ").last ?? ""))
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: "/proc/\(holder)/fd").count, 62, "the holder's open files")
        let findings = try advice(in: ns).filter {
            $0["id"] as? String == "process_fds" && ($0["evidence"] as? [String: Any])?["pid"] as? Int == holder
        }
        XCTAssertEqual(findings.count, 1)
        let finding = try XCTUnwrap(findings.first)
        XCTAssertEqual(finding["severity"] as? String, "critical")
        XCTAssertEqual(finding["title"] as? String, "python3 (pid \(holder)) uses 96% of its open-file limit (62 of 64)")
        let evidence = try XCTUnwrap(finding["evidence"] as? [String: Any])
        XCTAssertEqual(evidence["soft_limit"] as? Int, 64)
        XCTAssertEqual(evidence["open"] as? Int, 62)
        let hard = try XCTUnwrap(evidence["hard_limit"] as? Int)
        XCTAssertEqual(hard, try Self.hardOpenFileLimit(pid: holder), "the hard limit as /proc/PID/limits gives it")
        let suggestion = try XCTUnwrap(finding["suggestion"] as? [String])
        XCTAssertTrue(suggestion[1].contains("`prlimit --pid \(holder) --nofile=\(hard):\(hard)`"), suggestion[1])
    }

    /// The hard `Max open files` in `/proc/PID/limits`.
    static func hardOpenFileLimit(pid: Int) throws -> Int {
        let limits = try String(contentsOfFile: "/proc/\(pid)/limits", encoding: .utf8)
        let line = try XCTUnwrap(limits.split(separator: "\n").first { $0.hasPrefix("Max open files") })
        let fields = line.dropFirst("Max open files".count).split(separator: " ")
        return try XCTUnwrap(fields.count >= 2 ? Int(fields[1]) : nil, String(line))
    }
}
