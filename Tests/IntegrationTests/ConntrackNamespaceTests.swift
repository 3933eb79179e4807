import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// conntrack in private namespaces (root): one whose nftables rule uses conntrack, so its loopback
/// flows are tracked, with a known population from netwatch-load and an SNAT rule for one
/// destination; one without any rule. netwatch is compared with the namespace's own
/// nf_conntrack_count and with `conntrack -L` run there (the oracle only). Nothing global is
/// changed: rules and flows live in the test namespaces.
final class ConntrackNamespaceTests: XCTestCase {
    nonisolated(unsafe) static var tracked: NetworkNamespace?
    nonisolated(unsafe) static var untracked: NetworkNamespace?

    /// Loopback connections are tracked once a rule in the namespace uses conntrack; flows to
    /// 127.0.0.2:7002 leave with source 127.0.0.3.
    static let rules = """
        table inet nwtest {
          chain out { type filter hook output priority 0; ct state new accept; }
        }
        table ip nwtestnat {
          chain post { type nat hook postrouting priority 100; ip daddr 127.0.0.2 tcp dport 7002 snat to 127.0.0.3; }
        }
        """

    static var toolsPresent: Bool {
        ["conntrack", "nft"].allSatisfy { FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve($0)) }
    }

    override class func setUp() {
        super.setUp()
        guard geteuid() == 0, toolsPresent else { return }
        do {
            let ns = try NetworkNamespace("ct")
            let nft = try ProcessRunner.run(["ip", "netns", "exec", ns.name, "nft", "-f", "-"], stdin: rules)
            guard nft.status == 0 else { throw NSError(domain: "nft", code: Int(nft.status), userInfo: [NSLocalizedDescriptionKey: nft.stderr]) }
            // This namespace's own timeout (the rule loaded the module): the flows outlive the
            // class's tests instead of leaving conntrack after the default 120 s.
            try ns.sysctl("net.netfilter.nf_conntrack_tcp_timeout_time_wait", "600")
            _ = try ns.start([FixturePaths.binary("netwatch-load"), "--time-wait", "300", "--established", "10", "--hold", "300"],
                             readyPrefix: "READY")
            tracked = ns
            untracked = try NetworkNamespace("ctnone")
        } catch {
            print("ConntrackNamespaceTests: setting up the namespaces failed: \(error)")
        }
    }

    override class func tearDown() {
        tracked?.delete()
        untracked?.delete()
        tracked = nil
        untracked = nil
        super.tearDown()
    }

    func namespace(_ ns: NetworkNamespace?) throws -> NetworkNamespace {
        try NetworkNamespace.skipUnlessRoot()
        try EnvironmentRequirement.require(Self.toolsPresent, "needs conntrack and nft (Debian conntrack, nftables): run scripts/setup")
        return try XCTUnwrap(ns, "namespace setup failed (see the log above)")
    }

    func conntrackJSON(in ns: NetworkNamespace) throws -> [String: Any]? {
        let result = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--sample", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let validation = try SchemaValidator.validate(result.stdout)
        XCTAssertEqual(validation.status, 0, "schema: \(validation.stdout)\(validation.stderr)")
        return json["conntrack"] as? [String: Any]
    }

    func testCountStatesAndDestinationsEqualTheNamespacesOwn() throws {
        let ns = try namespace(Self.tracked)
        let conntrack = try XCTUnwrap(try conntrackJSON(in: ns))
        let count = try ns.run(["cat", "/proc/sys/net/netfilter/nf_conntrack_count"])
        let list = try ns.run(["conntrack", "-L"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let oracle = ConntrackOracle(list.stdout)

        XCTAssertEqual(conntrack["count"] as? Int, Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertEqual(conntrack["dumped"] as? Int, oracle.entries)
        XCTAssertEqual(conntrack["by_state"] as? [String: Int], oracle.byState)
        XCTAssertEqual(oracle.byState["TIME_WAIT"], 300, "the population is what the generator made")
        XCTAssertEqual(oracle.byState["ESTABLISHED"], 10)
        let destinations = (conntrack["destinations"] as? [[String: Any]]) ?? []
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: destinations.map { ("\($0["protocol"]!) \($0["address"]!) \($0["port"]!)", $0["entries"] as! Int) }),
                       oracle.destinations)
        let natted = destinations.filter { !((($0["snat"] as? [[String: Any]]) ?? []).isEmpty) }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: natted.map { d in
            ("\(d["protocol"]!) \(d["address"]!) \(d["port"]!)",
             Dictionary(uniqueKeysWithValues: ((d["snat"] as? [[String: Any]]) ?? []).map { ($0["address"] as! String, $0["entries"] as! Int) }))
        }), oracle.sourceNAT)
        XCTAssertEqual(oracle.sourceNAT["6 127.0.0.2 7002"], ["127.0.0.3": 100])
    }

    /// The dashboard run inside the namespace, `c`: the TCP line and every destination row equal
    /// `conntrack -L` there, the SNAT'd destination names its translated source.
    func testConntrackViewShowsTheStatesAndDestinationsOfConntrackList() throws {
        let ns = try namespace(Self.tracked)
        try TmuxSession.skipUnlessAvailable()
        let home = try ScratchDirectory("nwe2e-ctview")
        defer { home.remove() }
        let quote = TmuxSession.shellQuote
        let command = "env HOME=\(quote(home.path)) LANG=C.UTF-8 ip netns exec \(quote(ns.name)) \(quote(FixturePaths.binary("netwatch")));"
            + " echo NETWATCH_EXIT=$?; sleep 120"
        let tmux = try TmuxSession(label: "ctview", width: 120, height: 40, command: command)
        defer { tmux.kill() }
        try tmux.waitForScreen("the first frame") { $0.contains { $0.contains("┌ States") } }
        try tmux.type("c")
        let screen = try tmux.waitForScreen("the conntrack view with the dump") { $0.contains { $0.contains("TIME_WAIT 300") } }
        let list = try ns.run(["conntrack", "-L"])
        XCTAssertEqual(list.status, 0, list.stderr)
        let oracle = ConntrackOracle(list.stdout)
        let text = screen.joined(separator: "\n")
        let states = try XCTUnwrap(screen.first { $0.contains("│TCP  ") }, text)
        XCTAssertEqual(oracle.byState, ["TIME_WAIT": 300, "ESTABLISHED": 10])
        for (name, count) in oracle.byState { XCTAssertTrue(states.contains("  \(name) \(count)"), states) }
        XCTAssertFalse(oracle.destinations.isEmpty)
        for (key, entries) in oracle.destinations {
            let parts = key.split(separator: " ")
            let address = parts[1].contains(":") ? "[\(parts[1])]" : String(parts[1])
            let endpoint = parts[2] == "0" ? String(parts[1]) : "\(address):\(parts[2])"
            let row = try XCTUnwrap(screen.first { $0.split(separator: " ").dropFirst().first.map(String.init) == endpoint },
                                    "\(endpoint) listed: \(text)")
            XCTAssertEqual(row.split(separator: " ").dropFirst(2).first.map(String.init), String(entries), row)
        }
        let natted = try XCTUnwrap(screen.first { $0.contains(" 127.0.0.2:7002 ") }, text)
        XCTAssertTrue(natted.contains(" 127.0.0.3 ×100"), natted)
        try tmux.type("q")
        XCTAssertEqual(try tmux.waitForExitStatus(), 0)
    }

    func testNamespaceWithoutAConntrackRuleCountsZeroNotNull() throws {
        let ns = try namespace(Self.untracked)
        // The module is loaded on this host (the tracked namespace uses it): this namespace tracks
        // nothing, which is 0, not "not in use".
        let conntrack = try XCTUnwrap(try conntrackJSON(in: ns), "module loaded: an object, not null")
        XCTAssertEqual(conntrack["count"] as? Int, 0)
        XCTAssertEqual(conntrack["dumped"] as? Int, 0)
        XCTAssertEqual(conntrack["by_state"] as? [String: Int], [:])
    }

    /// Without CAP_NET_ADMIN (`capsh` drops it from root) the counters stay and the dump's part is
    /// null, with a warning that says why.
    func testWithoutNetAdminTheCountStaysAndTheDumpIsNullWithTheReason() throws {
        let ns = try namespace(Self.tracked)
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("capsh")),
                                           "needs capsh (libcap2-bin) to drop one capability: run scripts/setup")
        let result = try ns.run(["capsh", "--drop=cap_net_admin", "--", "-c",
                                 TmuxSession.shellQuote(FixturePaths.binary("netwatch")) + " snapshot --sample 0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        let conntrack = try XCTUnwrap(json["conntrack"] as? [String: Any])
        let count = try ns.run(["cat", "/proc/sys/net/netfilter/nf_conntrack_count"])
        XCTAssertEqual(conntrack["count"] as? Int, Int(count.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
        XCTAssertTrue(conntrack["by_state"] is NSNull)
        XCTAssertTrue(conntrack["destinations"] is NSNull)
        let warnings = ((json["collector"] as? [String: Any])?["warnings"] as? [String]) ?? []
        XCTAssertEqual(warnings, ["netlink ctnetlink dump failed: Operation not permitted (reading the conntrack table needs "
                                  + "CAP_NET_ADMIN); conntrack states and destinations not shown",
                                  "eBPF unavailable: --sample 0 leaves no interval to count connects in; connectors estimated from live sockets"])
    }
}
