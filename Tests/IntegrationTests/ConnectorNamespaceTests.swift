import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// Process attribution in private namespaces, compared with what the processes counted
/// themselves: netwatch-load's --exhaust client (EADDRNOTAVAIL through a 500-port range) and
/// --accept-limited server (EMFILE under a 64-fd limit), a churn in another namespace that must
/// not show, and the `--no-bpf` estimate naming a listener's owner. Root only.
final class ConnectorNamespaceTests: XCTestCase {
    /// `netwatch record` in `ns` into a file of ours; returns once its first snapshot is written
    /// (the tracer is attached before the first collection).
    func startRecording(in ns: NetworkNamespace, extra: [String] = []) throws -> (Process, String) {
        let path = NSTemporaryDirectory() + "\(ns.name)-record.ndjson"
        try? FileManager.default.removeItem(atPath: path)
        addTeardownBlock { try? FileManager.default.removeItem(atPath: path) }
        let (process, _) = try ns.start(["sh", "-c", "echo STARTED; exec \(FixturePaths.binary("netwatch")) record -o \(path) --interval 0.5 "
                                         + extra.joined(separator: " ")], readyPrefix: "STARTED")
        _ = try waitForSnapshot(path) { _ in true }
        return (process, path)
    }

    /// The first recorded snapshot (newest last) that `accept` takes, waiting up to 20 s for it.
    func waitForSnapshot(_ path: String, _ accept: ([String: Any]) -> Bool) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(20)
        while Date() < deadline {
            let lines = ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").split(separator: "\n")
            for line in lines.reversed() {
                if let json = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], accept(json) {
                    let validation = try SchemaValidator.validate(String(line))
                    XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
                    return json
                }
            }
            usleep(100_000)   // waiting on a real process: there is no clock to inject here
        }
        throw RecordingTimeout(path: path)
    }

    /// Every snapshot recorded so far, oldest first.
    func recorded(_ path: String) throws -> [[String: Any]] {
        try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }

    /// Seconds since the epoch of a snapshot's `taken_at` (RFC 3339 with milliseconds).
    func takenAt(_ json: [String: Any]) throws -> Double {
        let text = try XCTUnwrap(json["taken_at"] as? String)
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return try XCTUnwrap(formatter.date(from: text), text).timeIntervalSince1970
    }

    func connections(_ json: [String: Any], pid: Int) -> [[String: Any]] {
        (((json["connectors"] as? [String: Any])?["connections"] as? [[String: Any]]) ?? []).filter { $0["pid"] as? Int == pid }
    }

    func accepts(_ json: [String: Any], pid: Int) -> [String: Any]? {
        (((json["connectors"] as? [String: Any])?["accepts"] as? [[String: Any]]) ?? []).first { $0["pid"] as? Int == pid }
    }

    func report(_ line: String, prefix: String) throws -> [String: Int] {
        let json = try JSONSerialization.jsonObject(with: Data(line.dropFirst(prefix.count + 1).utf8))
        return try XCTUnwrap(json as? [String: Int], line)
    }

    func testExhaustingClientsCountsEqualItsOwnAndAnotherNamespacesChurnIsNotShown() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("conn")
        let other = try NetworkNamespace("connother")
        defer {
            ns.delete()
            other.delete()
        }
        try ns.sysctl("net.ipv4.ip_local_port_range", "40000 40499")
        // Both sides counted exactly: accept() results watched all along, whatever this kernel's hook.
        let (recorder, path) = try startRecording(in: ns, extra: ["--accept-results", "always"])
        let (_, churnReady) = try other.start([FixturePaths.binary("netwatch-load"), "--time-wait", "1", "--destinations", "127.0.0.1:7001",
                                               "--rate", "200", "--duration", "2", "--hold", "30"], readyPrefix: "READY")
        let churnPID = try XCTUnwrap((try JSONSerialization.jsonObject(with: Data(churnReady.dropFirst(6).utf8)) as? [String: Any])?["pid"] as? Int)
        // A steady 200 connect() calls a second for 3 s: its rate is known on its own clock.
        let result = try ns.run([FixturePaths.binary("netwatch-load"), "--exhaust", "127.0.0.1:7500", "--attempts", "600", "--rate", "200",
                                 "--hold", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let line = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("EXHAUST {") })
        let client = try report(String(line), prefix: "EXHAUST")
        let pid = try XCTUnwrap(client["pid"])
        XCTAssertEqual(client["succeeded"], 500, "the 500-port range is the limit")
        XCTAssertEqual(client["addr_not_avail"], 100)
        let json = try waitForSnapshot(path) { self.connections($0, pid: pid).first?["connects"] as? Int == client["attempts"] }
        try ns.terminate(recorder)

        let rows = connections(json, pid: pid)
        XCTAssertEqual(rows.count, 1, "one destination, and nothing counted for the accepting side: \(rows)")
        let row = try XCTUnwrap(rows.first)
        XCTAssertEqual(row["command"] as? String, "netwatch-load")
        XCTAssertEqual(row["address"] as? String, "127.0.0.1")
        XCTAssertEqual(row["port"] as? Int, 7500)
        XCTAssertEqual(row["connects"] as? Int, 600)
        XCTAssertEqual(row["established"] as? Int, client["succeeded"])
        let failures = try XCTUnwrap(row["failures"] as? [String: Int])
        XCTAssertEqual(failures, ["addr_not_avail": client["addr_not_avail"]!, "refused": 0, "timed_out": 0, "reset": 0, "other": client["other"]!])
        XCTAssertEqual(accepts(json, pid: pid)?["accepts"] as? Int, client["accepted"], "each loopback connection accepted once")
        XCTAssertEqual(((json["connectors"] as? [String: Any])?["source"] as? String), "ebpf")
        XCTAssertTrue(connections(json, pid: churnPID).isEmpty && accepts(json, pid: churnPID) == nil,
                      "the other namespace's churn is not shown")

        // The rate: over the snapshots taken while the client ran (some of its connects counted,
        // not all), netwatch's connects per second against the client's own.
        let during = try recorded(path).filter { snapshot in
            (self.connections(snapshot, pid: pid).first?["connects"] as? Int).map { $0 > 0 && $0 < 600 } ?? false
        }
        let first = try XCTUnwrap(during.first), last = try XCTUnwrap(during.last)
        let seconds = try takenAt(last) - takenAt(first)
        XCTAssertGreaterThanOrEqual(seconds, 1.5, "snapshots every 0.5 s over the 3 s run")
        let counted = try XCTUnwrap(connections(last, pid: pid).first?["connects"] as? Int)
            - XCTUnwrap(connections(first, pid: pid).first?["connects"] as? Int)
        let clientRate = Double(client["attempts"]!) / (Double(try XCTUnwrap(client["elapsed_us"])) / 1e6)
        let netwatchRate = Double(counted) / seconds
        XCTAssertEqual(netwatchRate / clientRate, 1, accuracy: 0.05,
                       "netwatch \(netwatchRate)/s (\(counted) connects in \(seconds) s) against the client's \(clientRate)/s")
    }

    /// The server lowers its limit below the descriptors it holds, then waits for a file of
    /// ours before calling accept(). On a kernel that refuses fexit, netwatch watches accept()
    /// results only near an fd limit: the accept side is estimated before, and the server at its
    /// limit turns the watching on; the file is made only once a snapshot shows it on.
    func testServerUnderAnFdLimitCountsEqualItsOwnEMFILE() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("connfd")
        defer { ns.delete() }
        let go = NSTemporaryDirectory() + "\(ns.name)-go"
        try? FileManager.default.removeItem(atPath: go)
        defer { try? FileManager.default.removeItem(atPath: go) }
        let (recorder, path) = try startRecording(in: ns)
        let first = try XCTUnwrap(recorded(path).last?["connectors"] as? [String: Any])
        let estimatedAtFirst = first["accepts_estimated_reason"] as? String
        let (server, limited) = try ns.start([FixturePaths.binary("netwatch-load"), "--accept-limited", "127.0.0.1:7600",
                                              "--attempts", "100", "--fd-limit", "64", "--hold", "0", "--accept-after", go],
                                             readyPrefix: "LIMITED")
        let pid = try XCTUnwrap(report(limited, prefix: "LIMITED")["pid"])
        if let estimatedAtFirst {
            // sys_exit here: no listener's owner was near its limit when recording began.
            XCTAssertEqual(estimatedAtFirst, "accept() results are watched only while a process with a listener is near its fd limit")
        }
        _ = try waitForSnapshot(path) { json in
            let connectors = json["connectors"] as? [String: Any]
            return connectors?["source"] as? String == "ebpf" && connectors?["accepts_estimated_reason"] is NSNull
        }
        XCTAssertTrue(FileManager.default.createFile(atPath: go, contents: nil))
        let counted = try report(ns.line(startingWith: "ACCEPT", from: server), prefix: "ACCEPT")
        XCTAssertEqual(counted["pid"], pid)
        XCTAssertGreaterThan(counted["emfile"] ?? 0, 0, "the limit was reached")
        let json = try waitForSnapshot(path) { (self.accepts($0, pid: pid)?["failures"] as? [String: Int])?["emfile"] == counted["emfile"] }
        try ns.terminate(recorder)
        let row = try XCTUnwrap(accepts(json, pid: pid))
        XCTAssertEqual(row["accepts"] as? Int, counted["accepted"])
        XCTAssertEqual(row["failures"] as? [String: Int], ["emfile": counted["emfile"]!, "enfile": 0, "other": counted["other"]!])
        XCTAssertEqual(connections(json, pid: pid).first?["connects"] as? Int, 100)
    }

    func testNoBPFEstimateNamesTheListenersOwnerForServerSideTimeWait() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("connest")
        defer { ns.delete() }
        // A server that closes first: its side of each connection goes to TIME_WAIT.
        let script = """
            import socket
            s = socket.socket(); s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind(("127.0.0.1", 7700)); s.listen(128)
            for _ in range(40):
                c = socket.create_connection(("127.0.0.1", 7700)); a, _ = s.accept(); a.close(); c.recv(1); c.close()
            print("READY", flush=True)
            import time; time.sleep(120)
            """
        let (server, _) = try ns.start(["python3", "-c", script], readyPrefix: "READY")
        let result = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--no-bpf", "--sample", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let validation = try SchemaValidator.validate(result.stdout)
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
        let timeWait = try ns.ss().rows.filter { $0.state == .timeWait && $0.localPort == 7700 }.count
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let connectors = try XCTUnwrap(json["connectors"] as? [String: Any])
        XCTAssertEqual(connectors["source"] as? String, "sockets")
        XCTAssertEqual(connectors["note"] as? String, "estimated from live sockets (eBPF unavailable: --no-bpf)")
        XCTAssertEqual((json["collector"] as? [String: Any])?["warnings"] as? [String],
                       ["eBPF unavailable: --no-bpf; connectors estimated from live sockets"])
        let row = try XCTUnwrap(accepts(json, pid: Int(server.processIdentifier)))
        XCTAssertEqual(row["command"] as? String, "python3")
        XCTAssertEqual(row["listener_port"] as? Int, 7700)
        XCTAssertEqual(timeWait, 40)
        XCTAssertEqual(row["time_wait"] as? Int, timeWait)
        XCTAssertTrue(row["accepts"] is NSNull, "accepts are unknown in an estimate, not 0")
    }
}

/// No recorded snapshot showed what a test waited for.
struct RecordingTimeout: Error, CustomStringConvertible {
    let path: String
    var description: String { "no snapshot in \(path) matched within 20 s" }
}

/// Without the privilege to load BPF the snapshot still succeeds and says why (root, capsh).
final class ConnectorPrivilegeTests: XCTestCase {
    func testWithoutCapBPFTheSnapshotSaysSoAndEstimates() throws {
        try NetworkNamespace.skipUnlessRoot()
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("capsh")),
                                           "capsh is missing: run scripts/setup")
        let command = "\(TmuxSession.shellQuote(FixturePaths.binary("netwatch"))) snapshot --sample 0.2"
        let result = try ProcessRunner.run(["capsh", "--drop=cap_bpf,cap_perfmon,cap_sys_admin", "--", "-c", command])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((json["collector"] as? [String: Any])?["warnings"] as? [String], [
            "eBPF unavailable: no CAP_BPF: run as root, or grant CAP_BPF and CAP_PERFMON; connectors estimated from live sockets",
        ])
        let connectors = try XCTUnwrap(json["connectors"] as? [String: Any])
        XCTAssertEqual(connectors["source"] as? String, "sockets")
        XCTAssertEqual(connectors["note"] as? String,
                       "estimated from live sockets (eBPF unavailable: no CAP_BPF: run as root, or grant CAP_BPF and CAP_PERFMON)")
    }
}
