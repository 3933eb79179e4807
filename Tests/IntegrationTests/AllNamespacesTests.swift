import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// `snapshot --all-netns` and `--netns` run from the host's namespace over three namespaces of
/// this test's own, each with its own population (netwatch-load) and its own sysctls, compared
/// with `ss` run inside each. Other suites create namespaces at the same time: rows are looked
/// up by name, never counted. Root only.
final class AllNamespacesTests: XCTestCase {
    /// label, port range, tcp_tw_reuse, somaxconn, netwatch-load arguments
    static let plans: [(label: String, range: String, twReuse: String, somaxconn: String, load: [String])] = [
        ("crowd", "40000 40099", "0", "128", ["--time-wait", "90", "--destinations", "127.0.0.1:7001"]),
        ("leak", "41000 41999", "1", "256", ["--time-wait", "120", "--destinations", "127.0.0.1:7002", "--close-wait", "7", "--established", "4"]),
        ("calm", "42000 43999", "2", "4096", ["--established", "6"]),
    ]
    nonisolated(unsafe) static var namespaces: [NetworkNamespace] = []

    override class func setUp() {
        super.setUp()
        guard geteuid() == 0 else { return }
        do {
            for plan in plans {
                let ns = try NetworkNamespace(plan.label)
                namespaces.append(ns)
                try ns.sysctl("net.ipv4.ip_local_port_range", plan.range)
                try ns.sysctl("net.ipv4.tcp_tw_reuse", plan.twReuse)
                try ns.sysctl("net.core.somaxconn", plan.somaxconn)
                _ = try ns.start([FixturePaths.binary("netwatch-load")] + plan.load + ["--hold", "300"], readyPrefix: "READY")
            }
        } catch {
            print("AllNamespacesTests: setting up the namespaces failed: \(error)")
        }
    }

    override class func tearDown() {
        namespaces.forEach { $0.delete() }
        namespaces = []
        super.tearDown()
    }

    func ready() throws -> [NetworkNamespace] {
        try NetworkNamespace.skipUnlessRoot()
        // As root a failed set-up is a failure, never a skip.
        guard Self.namespaces.count == Self.plans.count else { throw NamespaceError(message: "namespace setup failed (see the log above)") }
        return Self.namespaces
    }

    func netwatch(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run([FixturePaths.binary("netwatch")] + arguments)
    }

    func stateCounts(_ object: Any?) -> StateCounts {
        var counts = StateCounts()
        for (name, value) in (object as? [String: Any]) ?? [:] {
            if let state = TCPState(name: name), let n = value as? Int { counts[state] = n }
        }
        return counts
    }

    func testOverviewListsEachNamespaceWithTheCountsSSSeesInside() throws {
        let namespaces = try ready()
        let result = try netwatch(["snapshot", "--all-netns", "--sample", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let validation = try SchemaValidator.validate(result.stdout, schema: SchemaValidator.namespacesSchemaPath)
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual(json["schema"] as? String, "netwatch.namespaces/1")
        let rows = (json["namespaces"] as? [[String: Any]]) ?? []
        XCTAssertEqual(rows.filter { $0["named_by"] as? String == "host" }.count, 1)
        for (ns, plan) in zip(namespaces, Self.plans) {
            let row = try XCTUnwrap(rows.first { $0["name"] as? String == ns.name }, "\(ns.name) not listed")
            let ss = try ns.ss()
            XCTAssertEqual(row["named_by"] as? String, "ip_netns")
            XCTAssertEqual(row["mount"] as? String, "/run/netns/\(ns.name)")
            XCTAssertEqual(row["processes"] as? Int, 1, "netwatch-load")
            XCTAssertNil(row["unavailable"] as? String)
            XCTAssertEqual(stateCounts((row["states"] as? [String: Any])?["by_state"]), ss.byState, ns.name)
            let bounds = plan.range.split(separator: " ").compactMap { Int($0) }
            let fromSS = ss.destinations(range: bounds[0]...bounds[1])
            let worst = row["worst_destination"] as? [String: Any]
            if let (key, used) = fromSS.max(by: { $0.value < $1.value }) {
                XCTAssertEqual(worst?["used"] as? Int, used, ns.name)
                XCTAssertEqual("\(worst?["local_address"] ?? "") \(worst?["remote_address"] ?? ""):\(worst?["remote_port"] ?? "")", key, ns.name)
            } else {
                XCTAssertNil(worst, ns.name)
            }
            let sysctl = try XCTUnwrap(row["sysctl"] as? [String: Any])
            XCTAssertEqual(sysctl["ip_local_port_range"] as? [Int], bounds, ns.name)
            XCTAssertEqual(sysctl["tcp_tw_reuse"] as? Int, Int(plan.twReuse), ns.name)
            XCTAssertEqual(sysctl["somaxconn"] as? Int, Int(plan.somaxconn), ns.name)
        }
        let crowd = try XCTUnwrap(rows.first { $0["name"] as? String == namespaces[0].name })
        XCTAssertEqual((crowd["top_finding"] as? [String: Any])?["id"] as? String, "ephemeral_exhaustion", "90 of 100 ports used")
    }

    /// The parts of a snapshot that come from the namespace: not the clock, the cost, the
    /// processes, nor sockstat's `alloc` and `mem` (host-wide counters that move with other tests),
    /// nor `ratio_with_reuse`, which counts TIME_WAIT entries by their age (younger than
    /// `tcp_tw_reuse_delay`, 1 s, when the first snapshot is taken, older at the second).
    func network(_ text: String) throws -> [String: NSObject] {
        var json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: NSObject])
        if var sockstat = json["sockstat"] as? [String: NSObject] {
            sockstat["alloc"] = nil
            sockstat["mem"] = nil
            json["sockstat"] = sockstat as NSDictionary
        }
        if var ports = json["ports"] as? [String: NSObject] {
            func withoutReuse(_ destination: NSObject?) -> NSObject? {
                guard var d = destination as? [String: NSObject] else { return destination }
                d["ratio_with_reuse"] = nil
                return d as NSDictionary
            }
            ports["worst"] = withoutReuse(ports["worst"])
            ports["destinations"] = (ports["destinations"] as? [NSObject])?.compactMap(withoutReuse) as NSArray?
            json["ports"] = ports as NSDictionary
        }
        return json.filter { !["taken_at", "collector", "fds", "netns"].contains($0.key) }
    }

    func testNetnsSnapshotEqualsTheOneTakenInside() throws {
        let ns = try ready()[1]
        let outside = try netwatch(["snapshot", "--sample", "0", "--netns", ns.name])
        let inside = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--sample", "0"])
        XCTAssertEqual(outside.status, 0, outside.stderr)
        XCTAssertEqual(inside.status, 0, inside.stderr)
        XCTAssertEqual(try network(outside.stdout), try network(inside.stdout))
        let validation = try SchemaValidator.validate(outside.stdout)
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(outside.stdout.utf8)) as? [String: Any])
        let netns = json["netns"] as? [String: Any]
        XCTAssertEqual(netns?["name"] as? String, ns.name)
        let processes = ((json["fds"] as? [String: Any])?["processes"] as? [[String: Any]]) ?? []
        XCTAssertEqual(processes.map { $0["command"] as? String }, ["netwatch-load"], "only the namespace's processes")
    }

    /// Run inside another namespace (`ip netns exec`), netwatch still names the host's namespace
    /// `host` (pid 1's, or kthreadd's where pid 1's link cannot be read) and its own by its ip
    /// netns name, never calling its own namespace the host.
    func testRunInsideANamespaceTheHostIsStillTheHost() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("inside")
        defer { ns.delete() }
        let result = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--all-netns", "--sample", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = try XCTUnwrap(json["namespaces"] as? [[String: Any]])
        let own = try XCTUnwrap(rows.first { $0["name"] as? String == ns.name }, "\(rows.map { $0["name"] ?? "" })")
        XCTAssertEqual(own["named_by"] as? String, "ip_netns")
        let pid1 = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/1/ns/net")
        let hostLink = try pid1 ?? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/2/ns/net")
        let host = try XCTUnwrap(rows.first { $0["named_by"] as? String == "host" })
        XCTAssertEqual(host["name"] as? String, "host")
        XCTAssertEqual((host["inode"] as? Int).map { "net:[\($0)]" }, hostLink)
    }

    func testRecordWithNetnsWritesThatNamespacesSnapshots() throws {
        let ns = try ready()[0]
        let result = try netwatch(["record", "--netns", ns.name, "--count", "1", "-o", "-"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((json["netns"] as? [String: Any])?["name"] as? String, ns.name)
        XCTAssertEqual((json["sysctl"] as? [String: Any])?["ip_local_port_range"] as? [Int], [40000, 40099])
    }

    func testNetnsByPathAndByPidNameTheSameNamespace() throws {
        let ns = try ready()[2]
        let pid = try XCTUnwrap(Int32(try ns.run(["sh", "-c", "ss -tlpnH | sed -n 's/.*pid=\\([0-9]*\\).*/\\1/p' | head -1"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)))
        for words in ["/run/netns/\(ns.name)", "\(pid)"] {
            let result = try netwatch(["snapshot", "--sample", "0", "--netns", words])
            XCTAssertEqual(result.status, 0, result.stderr)
            let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            XCTAssertEqual((json["netns"] as? [String: Any])?["name"] as? String, ns.name, words)
            XCTAssertEqual(((json["sysctl"] as? [String: Any])?["somaxconn"]) as? Int, 4096, words)
        }
    }

    /// Without CAP_SYS_ADMIN (as `nobody`) a namespace is still listed, with why it cannot be entered.
    func testANamespaceThatCannotBeEnteredIsListedWithTheReason() throws {
        let ns = try ready()[0]
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("setpriv")),
                                           "needs setpriv (util-linux) to run netwatch as nobody")
        let result = try ProcessRunner.run(["setpriv", "--reuid", "65534", "--regid", "65534", "--clear-groups",
                                            FixturePaths.binary("netwatch"), "snapshot", "--all-netns", "--sample", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let rows = (json["namespaces"] as? [[String: Any]]) ?? []
        let row = try XCTUnwrap(rows.first { $0["name"] as? String == ns.name })
        XCTAssertEqual(row["unavailable"] as? String, "cannot enter netns \(ns.name): setns: Operation not permitted")
        XCTAssertTrue(row["states"] is NSNull)
        XCTAssertTrue(row["sysctl"] is NSNull)
        XCTAssertEqual(rows.last?["unavailable"] is String, true, "the ones that cannot be entered come last")
    }

    func testUnknownNetnsSaysSoAndHowToList() throws {
        try NetworkNamespace.skipUnlessRoot()
        let result = try netwatch(["snapshot", "--sample", "0", "--netns", "nwtest-no-such-namespace"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "netwatch: --netns 'nwtest-no-such-namespace': no network namespace has this name; `netwatch snapshot --all-netns` lists them\n")
    }

    func testAllNetnsRefusesANamespaceOrFilter() throws {
        let result = try netwatch(["snapshot", "--all-netns", "--port", "80"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "netwatch: --all-netns cannot be combined with --port\n")
    }
}
