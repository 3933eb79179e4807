import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// `netwatch snapshot` in a private namespace holding a known population from netwatch-load,
/// compared with `ss` run in the same namespace at the same moment. Root only.
final class SnapshotNamespaceTests: XCTestCase {
    nonisolated(unsafe) static var namespace: NetworkNamespace?
    nonisolated(unsafe) static var loadPID: Int32 = 0

    override class func setUp() {
        super.setUp()
        guard geteuid() == 0 else { return }
        do {
            let ns = try NetworkNamespace("snap")
            // A narrow range so destinations show a real ratio: 1000 ports.
            try ns.sysctl("net.ipv4.ip_local_port_range", "40000 40999")
            let (_, ready) = try ns.start([FixturePaths.binary("netwatch-load"), "--time-wait", "900", "--established", "10",
                                           "--close-wait", "5", "--backlog", "4", "--overflow", "2", "--hold", "300"],
                                          readyPrefix: "READY")
            let json = try JSONSerialization.jsonObject(with: Data(ready.dropFirst(6).utf8)) as? [String: Any]
            loadPID = Int32((json?["pid"] as? Int) ?? 0)
            namespace = ns
        } catch {
            print("SnapshotNamespaceTests: setting up the namespace failed: \(error)")
        }
    }

    override class func tearDown() {
        namespace?.delete()
        namespace = nil
        super.tearDown()
    }

    func ns() throws -> NetworkNamespace {
        try NetworkNamespace.skipUnlessRoot()
        return try XCTUnwrap(Self.namespace, "namespace setup failed (see the log above)")
    }

    /// Runs `netwatch snapshot` in the namespace and `ss` right after.
    func snapshotAndSS(_ extra: [String], ssFilter: [String] = []) throws -> ([String: Any], SSOracle, String) {
        let ns = try ns()
        let result = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--sample", "0"] + extra)
        XCTAssertEqual(result.status, 0, result.stderr)
        let ss = try ns.run(["ss", "-tanH"] + ssFilter)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        return (json, SSOracle(ss.stdout), result.stdout)
    }

    func stateCounts(_ object: Any?) -> StateCounts {
        var counts = StateCounts()
        for (name, value) in (object as? [String: Any]) ?? [:] {
            if let state = TCPState(name: name), let n = value as? Int { counts[state] = n }
        }
        return counts
    }

    func listenerLines(_ json: [String: Any]) -> [String] {
        ((json["listeners"] as? [[String: Any]]) ?? []).map {
            "\($0["address"]!):\($0["port"]!) \($0["accept_queue"]!) \(($0["backlog"] as? Int).map(String.init) ?? "?")"
        }.sorted()
    }

    func destinations(_ json: [String: Any]) -> [String: Int] {
        let list = ((json["ports"] as? [String: Any])?["destinations"] as? [[String: Any]]) ?? []
        return Dictionary(uniqueKeysWithValues: list.map {
            ("\($0["local_address"]!) \($0["remote_address"]!):\($0["remote_port"]!)", $0["used"] as! Int)
        })
    }

    func testNetlinkCountsEqualSS() throws {
        let (json, ss, _) = try snapshotAndSS([])
        XCTAssertEqual((json["collector"] as? [String: Any])?["source"] as? String, "netlink")
        let states = json["states"] as? [String: Any]
        XCTAssertEqual(stateCounts(states?["by_state"]), ss.byState)
        XCTAssertEqual(stateCounts(states?["ipv6"]), ss.byState(ipv6: true))
        XCTAssertEqual(states?["total"] as? Int, ss.rows.count)
        XCTAssertEqual(ss.byState[.timeWait], 900, "the population is what the generator promised")
        XCTAssertEqual(destinations(json), ss.destinations(range: 40000...40999))
        XCTAssertEqual(listenerLines(json), ss.listeners, "accept queue and backlog from netlink")
        let worst = (json["ports"] as? [String: Any])?["worst"] as? [String: Any]
        XCTAssertEqual(worst?["usable"] as? Int, 1000 - listenerPortsInRange(ss))
        XCTAssertEqual(worst?["used"] as? Int, ss.destinations(range: 40000...40999).values.max())
    }

    /// Every local port with its per-state counts (`--top` large enough to list them all).
    func testLocalPortsEqualSS() throws {
        let (json, ss, _) = try snapshotAndSS(["--top", "5000"])
        var fromSS = [Int: StateCounts]()
        for row in ss.rows { fromSS[row.localPort, default: StateCounts()][row.state] += 1 }
        let listed = (json["local_ports"] as? [[String: Any]]) ?? []
        var fromNetwatch = [Int: StateCounts]()
        for entry in listed {
            let port = try XCTUnwrap(entry["port"] as? Int)
            fromNetwatch[port] = stateCounts(entry["by_state"])
            XCTAssertEqual(entry["total"] as? Int, fromNetwatch[port]?.total, "port \(port)")
        }
        XCTAssertGreaterThan(fromSS.count, 300, "900 time-wait entries toward three destinations: a local port serves each")
        XCTAssertEqual(fromNetwatch, fromSS)
        let totals = listed.compactMap { $0["total"] as? Int }
        XCTAssertEqual(totals, totals.sorted(by: >), "busiest first")
    }

    func testListenerOwnersAreTheGeneratorProcess() throws {
        let (json, _, _) = try snapshotAndSS([])
        let listeners = (json["listeners"] as? [[String: Any]]) ?? []
        // The generator's six: three destinations, the held service, the leaky one and the slow acceptor.
        XCTAssertEqual(listeners.map { "\($0["address"] ?? "?") \($0["port"] ?? "?")" }.sorted(),
                       ["127.0.0.1 7001", "127.0.0.1 7100", "127.0.0.1 7200", "127.0.0.1 7300", "127.0.0.2 7002", "::1 7003"])
        for listener in listeners {
            XCTAssertEqual(listener["pid"] as? Int, Int(Self.loadPID), "\(listener)")
            XCTAssertEqual(listener["command"] as? String, "netwatch-load")
        }
        let processes = ((json["fds"] as? [String: Any])?["processes"] as? [[String: Any]]) ?? []
        let generator = processes.first { $0["pid"] as? Int == Int(Self.loadPID) }
        let fdCount = try FileManager.default.contentsOfDirectory(atPath: "/proc/\(Self.loadPID)/fd").count
        XCTAssertEqual(generator?["open"] as? Int, fdCount)
    }

    func testProcfsSourceCountsEqualSS() throws {
        let (json, ss, _) = try snapshotAndSS(["--proc-root", "/proc"])
        XCTAssertEqual((json["collector"] as? [String: Any])?["source"] as? String, "procfs")
        let states = json["states"] as? [String: Any]
        XCTAssertEqual(stateCounts(states?["by_state"]), ss.byState)
        XCTAssertEqual(stateCounts(states?["ipv4"]), ss.byState(ipv6: false))
        XCTAssertEqual(destinations(json), ss.destinations(range: 40000...40999))
        let procListeners = ss.rows.filter { $0.state == .listen }.map { "\($0.localAddress):\($0.localPort) \($0.recvQ) ?" }.sorted()
        XCTAssertEqual(listenerLines(json), procListeners, "/proc gives the queue; the backlog is null")
    }

    func testPortFilterEqualsSSWithTheSameFilter() throws {
        for (port, source) in [("7001", []), ("7001", ["--proc-root", "/proc"]), ("7300", [])] {
            let (json, ss, _) = try snapshotAndSS(["--port", port, "--top", "5000"] + source,
                                                  ssFilter: ["( sport = :\(port) or dport = :\(port) )"])
            let states = json["states"] as? [String: Any]
            XCTAssertEqual(stateCounts(states?["by_state"]), ss.byState, "port \(port) \(source)")
            XCTAssertEqual((json["filter"] as? [String: Any])?["ports"] as? [Int], [Int(port)!])
            let sockets = (json["sockets"] as? [[String: Any]]) ?? []
            XCTAssertEqual(sockets.count, ss.rows.count)
            XCTAssertEqual(sockets.filter { $0["state"] as? String == "TIME_WAIT" }.allSatisfy { $0["kernel_held"] as? Bool == true }, true)
        }
    }

    func testOutputValidatesAgainstTheSchema() throws {
        let (_, _, netlink) = try snapshotAndSS(["--port", "7100,7200"])
        let (_, _, procfs) = try snapshotAndSS(["--proc-root", "/proc"])
        for text in [netlink, procfs] {
            let result = try SchemaValidator.validate(text)
            XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        }
    }

    func testSampleGivesRatesOverTheInterval() throws {
        let ns = try ns()
        let result = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--sample", "0.5"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        // The two collections are 0.5 s of sleep apart at least; how much more depends on the
        // machine's load (SnapshotSamplerTests checks the interval exactly on a fake clock).
        let interval = try XCTUnwrap(json["interval_s"] as? Double)
        XCTAssertGreaterThanOrEqual(interval, 0.5)
        let rates = try XCTUnwrap(json["rates"] as? [String: Any])
        XCTAssertEqual(rates["active_opens"] as? Double, 0, "nothing connects during the sample")
    }

    func listenerPortsInRange(_ ss: SSOracle) -> Int {
        Set(ss.rows.filter { $0.state == .listen && (40000...40999).contains($0.localPort) }.map(\.localPort)).count
    }
}
