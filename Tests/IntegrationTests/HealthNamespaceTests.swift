import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// Connection health (`health` in the snapshot, and its findings) on connections made for real in
/// a private namespace: a pool of idle connections, some with SO_KEEPALIVE; connects whose SYNs an
/// nftables rule drops; a port losing a tenth of its packets. ss run in the same namespace is the
/// oracle. Root only.
final class HealthNamespaceTests: XCTestCase {
    /// A client in Python (an independent implementation): `pool PORT COUNT KEEPALIVE` holds COUNT
    /// connections to a listener of its own, the first KEEPALIVE with SO_KEEPALIVE; `connect PORT
    /// COUNT` starts COUNT non-blocking connects; `chatter PORT COUNT` keeps COUNT connections
    /// sending small messages to an echoing listener. Each prints READY once set up, then waits.
    static let client = #"""
    import selectors, socket, sys, time
    mode, port, count = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    held = []
    if mode in ("pool", "chatter"):
        server = socket.socket(); server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", port)); server.listen(1024)
        for i in range(count):
            c = socket.socket()
            if mode == "pool" and i < int(sys.argv[4]): c.setsockopt(socket.SOL_SOCKET, socket.SO_KEEPALIVE, 1)
            c.connect(("127.0.0.1", port)); a, _ = server.accept(); held += [c, a]
    else:
        for i in range(count):
            c = socket.socket(); c.setblocking(False)
            try: c.connect(("127.0.0.1", port))
            except BlockingIOError: pass
            held.append(c)
    print("READY", flush=True)
    if mode != "chatter":
        time.sleep(600); sys.exit(0)
    clients, servers = held[0::2], held[1::2]
    for s in servers: s.setblocking(False)
    while True:
        for c in clients: c.send(b"x" * 100)
        time.sleep(0.01)
        for s in servers:
            try: s.recv(65536)
            except BlockingIOError: pass
    """#

    private func snapshot(in ns: NetworkNamespace) throws -> [String: Any] {
        let result = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--sample", "0"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let validation = try SchemaValidator.validate(result.stdout)
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func destination(_ snapshot: [String: Any], port: Int) throws -> [String: Any] {
        let health = try XCTUnwrap(snapshot["health"] as? [String: Any])
        XCTAssertEqual(health["tcp_info"] as? Bool, true)
        let destinations = try XCTUnwrap(health["destinations"] as? [[String: Any]])
        return try XCTUnwrap(destinations.first { $0["address"] as? String == "127.0.0.1" && $0["port"] as? Int == port })
    }

    private func findings(_ snapshot: [String: Any], _ id: String) -> [[String: Any]] {
        (snapshot["advice"] as? [[String: Any]] ?? []).filter { $0["id"] as? String == id }
    }

    private func nft(_ ns: NetworkNamespace, _ rule: String) throws {
        for command in ["add table inet nwtest", "add chain inet nwtest in { type filter hook input priority 0 ; }",
                        "add rule inet nwtest in " + rule] {
            let result = try ns.run(["nft"] + command.split(separator: " ").map(String.init))
            XCTAssertEqual(result.status, 0, "nft \(command): \(result.stderr)")
        }
    }

    /// Polls `condition` on fresh snapshots until it holds; the kernel's own timers (SYN
    /// retransmissions, RTO) must pass, so a generous deadline, no assertion on wall time.
    private func poll(_ ns: NetworkNamespace, seconds: Double = 60,
                      until condition: ([String: Any]) throws -> Bool) throws -> [String: Any] {
        let deadline = Date().addingTimeInterval(seconds)
        var last = try snapshot(in: ns)
        while try !condition(last) && Date() < deadline {
            usleep(500_000)   // the kernel's timers must run: there is no clock to inject
            last = try snapshot(in: ns)
        }
        return last
    }

    func testTwoHundredIdleConnectionsFiftyWithKeepAliveGiveExactlyThoseCountsAndSSsRTT() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("health-pool")
        defer { ns.delete() }
        let (process, _) = try ns.start(["python3", "-c", Self.client, "pool", "5432", "200", "50"], readyPrefix: "READY")
        let document = try snapshot(in: ns)
        let pool = try destination(document, port: 5432)
        XCTAssertEqual(pool["established"] as? Int, 200)
        XCTAssertEqual(pool["keep_alive"] as? Int, 50)
        XCTAssertEqual(pool["idle_over_1m"] as? Int, 0)
        XCTAssertEqual(pool["syn_sent"] as? Int, 0)
        XCTAssertEqual(pool["retransmits"] as? Int, 0)
        XCTAssertEqual(pool["unacked"] as? Int, 0)
        let processes = try XCTUnwrap((document["health"] as? [String: Any])?["processes"] as? [[String: Any]])
        let owner = try XCTUnwrap(processes.first { $0["pid"] as? Int == Int(process.processIdentifier) })
        XCTAssertEqual(owner["established"] as? Int, 200)
        XCTAssertEqual(owner["keep_alive"] as? Int, 50)
        XCTAssertEqual((owner["busiest_destination"] as? [String: Any])?["port"] as? Int, 5432)

        // ss -ti prints the smoothed RTT in ms with 3 decimals: the same µs, as the sockets are idle.
        let ss = try ns.run(["ss", "-tinH", "state", "established", "dst", "127.0.0.1:5432"])
        let rtts = ss.stdout.split(separator: " ").compactMap { field -> Int? in
            guard field.hasPrefix("rtt:"), let ms = Double(field.dropFirst(4).prefix { $0 != "/" }) else { return nil }
            return Int((ms * 1000).rounded())
        }.sorted()
        XCTAssertEqual(rtts.count, 200)
        let median = try XCTUnwrap(pool["rtt_median_us"] as? Int), p99 = try XCTUnwrap(pool["rtt_p99_us"] as? Int)
        XCTAssertEqual(Double(median), Double(rtts[99]), accuracy: 1, "nearest-rank median of ss's \(rtts)")
        XCTAssertEqual(Double(p99), Double(rtts[197]), accuracy: 1, "nearest-rank p99 of ss's \(rtts)")
    }

    func testNetwatchLoadsKeepAliveShareIsCountedExactly() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("health-load")
        defer { ns.delete() }
        let (_, ready) = try ns.start([FixturePaths.binary("netwatch-load"), "--established", "200", "--keep-alive", "50",
                                       "--service", "127.0.0.1:5433", "--hold", "120"], readyPrefix: "READY")
        XCTAssertTrue(ready.contains("\"keep_alive\":50"), ready)
        let pool = try destination(try snapshot(in: ns), port: 5433)
        XCTAssertEqual(pool["established"] as? Int, 200)
        XCTAssertEqual(pool["keep_alive"] as? Int, 50)
        let ss = try ns.run(["ss", "-tanoH", "state", "established", "dst", "127.0.0.1:5433"])
        XCTAssertEqual(ss.stdout.split(separator: "\n").filter { $0.contains("timer:(keepalive") }.count, 50)
    }

    func testConnectsWhoseSYNsAreDroppedAgeAndTheFindingNamesTheProcess() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("health-syn")
        defer { ns.delete() }
        try nft(ns, "tcp dport 7009 tcp flags syn drop")
        let (process, _) = try ns.start(["python3", "-c", Self.client, "connect", "7009", "5"], readyPrefix: "READY")
        var ages = [Double]()
        let stuck = try poll(ns) { document in
            let target = try destination(document, port: 7009)
            ages.append(target["syn_sent_oldest_s"] as? Double ?? -1)
            return !findings(document, "stuck_connect").isEmpty
        }
        XCTAssertEqual(ages, ages.sorted(), "the oldest SYN_SENT only grows: \(ages)")
        let target = try destination(stuck, port: 7009)
        XCTAssertEqual(target["syn_sent"] as? Int, 5)
        XCTAssertEqual(target["syn_sent_over_3s"] as? Int, 5)
        XCTAssertGreaterThan(try XCTUnwrap(target["syn_sent_oldest_s"] as? Double), 3)
        let finding = try XCTUnwrap(findings(stuck, "stuck_connect").first)
        XCTAssertEqual(finding["title"] as? String,
                       "5 connects from python3 (pid \(process.processIdentifier)) to 127.0.0.1:7009 waiting > 3 s in SYN_SENT: "
                           + "the peer drops SYNs or is down, and the client has no connect timeout")
        let evidence = try XCTUnwrap(finding["evidence"] as? [String: Any])
        XCTAssertEqual(evidence["pid"] as? Int, Int(process.processIdentifier))
        XCTAssertEqual(evidence["command"] as? String, "python3")
    }

    func testAPortLosingATenthOfItsPacketsShowsRetransmitsAndTheFinding() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("health-loss")
        defer { ns.delete() }
        try nft(ns, "tcp dport 7010 numgen random mod 10 == 0 drop")
        _ = try ns.start(["python3", "-c", Self.client, "chatter", "7010", "20"], readyPrefix: "READY")
        let lossy = try poll(ns) { !findings($0, "retransmits_destination").isEmpty }
        let target = try destination(lossy, port: 7010)
        XCTAssertGreaterThanOrEqual(try XCTUnwrap(target["retransmits"] as? Int), 20)
        let finding = try XCTUnwrap(findings(lossy, "retransmits_destination").first)
        XCTAssertTrue((finding["title"] as? String ?? "").hasSuffix("toward 127.0.0.1:7010 retransmitted ("
            + "\(target["retransmits"] as? Int ?? 0) of \(target["segments_out"] as? Int ?? 0)): packets toward it are lost"),
            "\(finding["title"] ?? "")")
        let evidence = try XCTUnwrap(finding["evidence"] as? [String: Any])
        XCTAssertEqual(evidence["destination"] as? String, "127.0.0.1:7010")
    }
}
