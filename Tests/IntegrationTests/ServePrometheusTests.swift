import Foundation
import TestSupport
import XCTest

/// A real Prometheus server (Debian's package) scraping `netwatch serve`, both inside a private
/// namespace holding a known population from netwatch-load; what Prometheus stored must equal
/// what `ss` and `netwatch snapshot` see there. Root only; needs prometheus (scripts/setup).
final class ServePrometheusTests: XCTestCase {
    /// Asks Prometheus's HTTP API on one connection, closed with a reset (SO_LINGER 0) so the
    /// questions leave no TIME_WAIT entry in the namespace being measured. Prints one JSON
    /// object: the scrapes so far, TIME_WAIT and the worst destination's ratio.
    static let query = #"""
        import json, socket, struct, sys, time, urllib.parse, http.client
        port, needed = int(sys.argv[1]), int(sys.argv[2])
        def ask(conn, q):
            conn.request("GET", "/api/v1/query?" + urllib.parse.urlencode({"query": q}))
            body = json.loads(conn.getresponse().read())
            result = body["data"]["result"]
            return float(result[0]["value"][1]) if result else None
        deadline = time.time() + 60
        while True:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                conn.connect()
                conn.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                scrapes = ask(conn, 'count_over_time(up{job="netwatch"}[10m])') or 0
                if scrapes >= needed and ask(conn, 'up{job="netwatch"}') == 1:
                    out = {"scrapes": scrapes,
                           "time_wait": ask(conn, 'netwatch_tcp_sockets{state="time_wait"}'),
                           "worst_ratio": ask(conn, 'max(netwatch_ephemeral_ports_used_ratio)')}
                    conn.close()
                    print(json.dumps(out))
                    sys.exit(0)
                conn.close()
            except (OSError, http.client.HTTPException, KeyError, ValueError):
                pass
            if time.time() > deadline:
                print("no %d scrapes within 60 s" % needed, file=sys.stderr)
                sys.exit(1)
            time.sleep(0.2)   # waiting on a real Prometheus: there is no clock to inject here
        """#

    func testPrometheusStoresWhatSSAndSnapshotSee() throws {
        try NetworkNamespace.skipUnlessRoot()
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("prometheus")),
                                           "needs prometheus (Debian's package): run scripts/setup")
        let ns = try NetworkNamespace("serve")
        defer { ns.delete() }
        let scratch = try ScratchDirectory("netwatch-prometheus")
        defer { scratch.remove() }
        try ns.sysctl("net.ipv4.ip_local_port_range", "40000 40999")
        _ = try ns.start([FixturePaths.binary("netwatch-load"), "--time-wait", "900", "--established", "10",
                          "--close-wait", "5", "--backlog", "4", "--overflow", "2", "--hold", "300"], readyPrefix: "READY")
        let (_, listening) = try ns.start([FixturePaths.binary("netwatch"), "serve", "--listen", "127.0.0.1:0", "--min-interval", "0"],
                                          readyPrefix: "netwatch serve: listening on")
        let target = try XCTUnwrap(listening.split(separator: "/").dropFirst(1).first, listening)   // 127.0.0.1:PORT
        // Its own loopback: any port is free in a new namespace but the generator's. A scrape
        // timeout long enough for a loaded machine: a timed-out scrape closes its connection and
        // leaves a TIME_WAIT entry in the population being compared.
        let prometheusPort = 19_090
        let config = """
            global:
              scrape_interval: 3s
              scrape_timeout: 3s
            scrape_configs:
              - job_name: netwatch
                static_configs:
                  - targets: ["\(target)"]

            """
        try config.write(toFile: scratch.path + "/prometheus.yml", atomically: true, encoding: .utf8)
        let logPath = scratch.path + "/prometheus.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let prometheus = Process()
        prometheus.executableURL = URL(fileURLWithPath: ProcessRunner.resolve("ip"))
        prometheus.arguments = ["netns", "exec", ns.name, ProcessRunner.resolve("prometheus"),
                                "--config.file=\(scratch.path)/prometheus.yml", "--storage.tsdb.path=\(scratch.path)/data",
                                "--web.listen-address=127.0.0.1:\(prometheusPort)", "--log.level=warn"]
        prometheus.standardOutput = FileHandle.nullDevice
        prometheus.standardError = try FileHandle(forWritingTo: URL(fileURLWithPath: logPath))
        try prometheus.run()
        defer {
            prometheus.terminate()
            prometheus.waitUntilExit()
        }

        let asked = try ns.run(["python3", "-c", Self.query, String(prometheusPort), "2"])
        let log = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        XCTAssertEqual(asked.status, 0, asked.stderr + log)
        let stored = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(asked.stdout.utf8)) as? [String: Any], asked.stdout)
        let ss = try ns.ss()
        let snapshot = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--sample", "0"])
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(snapshot.stdout.utf8)) as? [String: Any])
        let worst = try XCTUnwrap((json["ports"] as? [String: Any])?["worst"] as? [String: Any])
        let used = try XCTUnwrap(worst["used"] as? Int), usable = try XCTUnwrap(worst["usable"] as? Int)

        let timeWaitByRemotePort = Dictionary(grouping: ss.rows.filter { $0.state == .timeWait }, by: { $0.remotePort ?? 0 })
            .mapValues(\.count)
        XCTAssertEqual(ss.byState[.timeWait], 900, "the population is what the generator promised: \(timeWaitByRemotePort)")
        XCTAssertEqual(stored["time_wait"] as? Double, Double(ss.byState[.timeWait]))
        XCTAssertEqual(stored["worst_ratio"] as? Double, Double(used) / Double(usable))
        XCTAssertEqual(try XCTUnwrap(stored["worst_ratio"] as? Double), try XCTUnwrap(worst["ratio"] as? Double), accuracy: 1e-6)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(stored["scrapes"] as? Double), 2)
    }
}
