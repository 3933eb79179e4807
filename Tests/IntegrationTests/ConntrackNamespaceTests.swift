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
