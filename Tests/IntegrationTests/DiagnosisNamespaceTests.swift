import Foundation
@testable import NetwatchCore
import TestSupport
import XCTest

/// The diagnoses of issue 12 on situations made for real in a private namespace: loopback churn
/// counted once, tcp_tw_reuse without timestamps, who closes first, a listener inside the proposed
/// port range, SYN_SENT into an overflowing local listener. `ss` in the same namespace is the
/// oracle where it can be. Root only.
final class DiagnosisNamespaceTests: XCTestCase {
    /// Runs `netwatch snapshot` in `ns`, checks it against the schema and returns the document.
    private func snapshot(in ns: NetworkNamespace, sample: String = "0") throws -> [String: Any] {
        let result = try ns.run([FixturePaths.binary("netwatch"), "snapshot", "--sample", sample])
        XCTAssertEqual(result.status, 0, result.stderr)
        let validation = try SchemaValidator.validate(result.stdout)
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
    }

    private func findings(_ document: [String: Any], _ id: String) -> [[String: Any]] {
        ((document["advice"] as? [[String: Any]]) ?? []).filter { $0["id"] as? String == id }
    }

    /// The `pid` of netwatch-load's `READY {json}` line.
    private func pid(_ ready: String) throws -> Int {
        let json = try JSONSerialization.jsonObject(with: Data(ready.drop { $0 != "{" }.utf8)) as? [String: Any]
        return try XCTUnwrap(json?["pid"] as? Int)
    }

    /// `ss -tanH state time-wait` local ports in the namespace.
    private func timeWaitLocalPorts(_ ns: NetworkNamespace) throws -> [Int] {
        try ns.run(["ss", "-tanH", "state", "time-wait"]).stdout.split(separator: "\n").compactMap { line in
            let columns = line.split(separator: " ", omittingEmptySubsequences: true)
            return columns.count >= 4 ? Int(columns[2].split(separator: ":").last ?? "") : nil
        }
    }

    func testLoopbackChurnIsCountedOnceAsConnectsAndAccepts() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("diag-churn")
        defer { ns.delete() }
        _ = try ns.start([FixturePaths.binary("netwatch-load"), "--destinations", "127.0.0.1:7001", "--rate", "400",
                          "--duration", "6", "--hold", "30"], readyPrefix: "READY")
        let document = try snapshot(in: ns, sample: "2")
        let finding = try XCTUnwrap(findings(document, "connection_churn").first, "\(document["advice"] ?? "")")
        let evidence = try XCTUnwrap(finding["evidence"] as? [String: Any])
        let connects = try XCTUnwrap(evidence["connects_per_s"] as? Double)
        let accepts = try XCTUnwrap(evidence["accepts_per_s"] as? Double)
        // Each loopback connection is one connect and one accept: 400/s of each, not 800/s of "connections".
        XCTAssertEqual(connects, 400, accuracy: 40)
        XCTAssertEqual(accepts, connects, accuracy: 2)
        let title = try XCTUnwrap(finding["title"] as? String)
        XCTAssertTrue(title.hasPrefix("connection churn: \(AdviceText.perSecond(connects)) connects and "
            + "\(AdviceText.perSecond(accepts)) accepts"), title)
        XCTAssertNil(evidence["opens_per_s"])
        // The storm's clients close first: every TIME_WAIT entry is on an ephemeral port.
        let states = try XCTUnwrap(document["states"] as? [String: Any])
        let clients = try XCTUnwrap(states["time_wait_clients_closed"] as? Int)
        XCTAssertGreaterThan(clients, 0)
        XCTAssertEqual(states["time_wait_servers_closed"] as? Int, 0)
        let suggestion = try XCTUnwrap(finding["suggestion"] as? [String])
        XCTAssertTrue(suggestion.last?.hasPrefix("This host's clients close first: \(clients) of this host's TIME_WAIT") == true,
                      suggestion.joined(separator: "\n"))
    }

    func testReuseWithoutTimestampsCountsNoEntryAsReusable() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("diag-ts")
        defer { ns.delete() }
        try ns.sysctl("net.ipv4.ip_local_port_range", "40000 40049")
        try ns.sysctl("net.ipv4.tcp_tw_reuse", "1")
        try ns.sysctl("net.ipv4.tcp_timestamps", "0")
        _ = try ns.start([FixturePaths.binary("netwatch-load"), "--destinations", "127.0.0.1:7001", "--rate", "46",
                          "--duration", "1", "--hold", "120"], readyPrefix: "STORM")
        let document = try snapshot(in: ns)
        XCTAssertEqual((document["sysctl"] as? [String: Any])?["tcp_timestamps"] as? Int, 0)
        let worst = try XCTUnwrap((document["ports"] as? [String: Any])?["worst"] as? [String: Any])
        XCTAssertTrue(worst["ratio_with_reuse"] is NSNull, "\(worst)")
        let finding = try XCTUnwrap(findings(document, "ephemeral_exhaustion").first)
        let evidence = try XCTUnwrap(finding["evidence"] as? [String: Any])
        XCTAssertEqual(evidence["tcp_timestamps"] as? Int, 0)
        XCTAssertEqual(evidence["tcp_tw_reuse"] as? Int, 1)
        XCTAssertEqual(evidence["time_wait"] as? Int, 46)
        XCTAssertNil(evidence["ratio_with_reuse"])
        let suggestion = try XCTUnwrap(finding["suggestion"] as? [String])
        XCTAssertTrue(suggestion[1].hasPrefix("tcp_tw_reuse is 1 but net.ipv4.tcp_timestamps is 0: reuse needs TCP timestamps, "
            + "so no TIME_WAIT entry is reused"), suggestion[1])
        XCTAssertFalse(suggestion.joined().contains("for this client"))
    }

    func testTheClosingSideIsReadFromWhereTimeWaitSits() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("diag-closer")
        defer { ns.delete() }
        // 12 connections closed by the clients (netwatch-load, toward :7001) and 15 closed by a server on :7400.
        _ = try ns.start([FixturePaths.binary("netwatch-load"), "--time-wait", "12", "--destinations", "127.0.0.1:7001",
                          "--hold", "120"], readyPrefix: "READY")
        let script = """
            import os, socket, time
            server = socket.socket()
            server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            server.bind(('127.0.0.1', 7400))
            server.listen(64)
            for _ in range(15):
                client = socket.create_connection(('127.0.0.1', 7400))
                accepted, _ = server.accept()
                accepted.close()
                client.recv(1)
                client.close()
            print('READY', os.getpid(), flush=True)
            time.sleep(120)
            """
        _ = try ns.start(["python3", "-c", script], readyPrefix: "READY")
        let ports = try timeWaitLocalPorts(ns)
        XCTAssertEqual(ports.filter { $0 == 7400 }.count, 15, "ss: the server's entries")
        XCTAssertEqual(ports.filter { (32_768...60_999).contains($0) }.count, 12, "ss: the clients' entries")
        let states = try XCTUnwrap(snapshot(in: ns)["states"] as? [String: Any])
        XCTAssertEqual(states["time_wait_clients_closed"] as? Int, 12)
        XCTAssertEqual(states["time_wait_servers_closed"] as? Int, 15)
    }

    func testWideningTheRangeReservesTheListenerInsideIt() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("diag-range")
        defer { ns.delete() }
        try ns.sysctl("net.ipv4.ip_local_port_range", "40000 40049")
        try ns.sysctl("net.ipv4.tcp_tw_reuse", "0")
        // A service listening on 50000: outside the current range, inside the proposed 10000–65535.
        _ = try ns.start([FixturePaths.binary("netwatch-load"), "--established", "1", "--service", "127.0.0.1:50000",
                          "--destinations", "127.0.0.2:7009",
                          "--hold", "120"], readyPrefix: "READY")
        _ = try ns.start([FixturePaths.binary("netwatch-load"), "--destinations", "127.0.0.1:7001", "--rate", "46",
                          "--duration", "1", "--hold", "120"], readyPrefix: "STORM")
        let finding = try XCTUnwrap(findings(try snapshot(in: ns), "ephemeral_exhaustion").first)
        let suggestion = try XCTUnwrap(finding["suggestion"] as? [String])
        XCTAssertEqual(suggestion[2], "Widen the port range from 40000 40049 (50 ports) to 10000 65535 (55536 ports), first "
            + "reserving the ports services listen on inside it (50000) so connect() does not take them: "
            + "sysctl -w net.ipv4.ip_local_reserved_ports=50000, then sysctl -w net.ipv4.ip_local_port_range=\"10000 65535\"")
    }

    func testSynSentIntoAnOverflowingLocalListenerIsOneHeadline() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("diag-synsent")
        defer { ns.delete() }
        // A listener with backlog 4 that never accepts: 5 queued, 30 more connects left in SYN_SENT.
        let (_, ready) = try ns.start([FixturePaths.binary("netwatch-load"), "--backlog", "4", "--overflow", "30",
                                       "--hold", "120"], readyPrefix: "READY")
        let load = try pid(ready)
        let synSent = try ns.run(["ss", "-tanH", "state", "syn-sent", "dst", "127.0.0.1:7300"]).stdout
            .split(separator: "\n").count
        XCTAssertEqual(synSent, 30, "ss")
        let document = try snapshot(in: ns)
        XCTAssertEqual(findings(document, "syn_sent").count, 0, "\(document["advice"] ?? "")")
        XCTAssertEqual(findings(document, "retransmit_spike").count, 0)
        let overflow = findings(document, "listen_overflow")
        XCTAssertEqual(overflow.count, 1)
        let finding = try XCTUnwrap(overflow.first)
        XCTAssertEqual(finding["title"] as? String, "accept queue of netwatch-load (pid \(load)) on 127.0.0.1:7300 at 5 of 4; "
            + "30 connects from netwatch-load (pid \(load)) wait in SYN_SENT on port 7300")
        let evidence = try XCTUnwrap(finding["evidence"] as? [String: Any])
        XCTAssertEqual(evidence["listener"] as? String, "127.0.0.1:7300")
        XCTAssertEqual(evidence["syn_sent_from_here"] as? Int, 30)
        XCTAssertEqual(evidence["connecting_pid"] as? Int, load)
        XCTAssertEqual(evidence["connecting_command"] as? String, "netwatch-load")
        let targets = try XCTUnwrap(document["syn_sent"] as? [[String: Any]])
        XCTAssertEqual(targets.first?["port"] as? Int, 7300)
        XCTAssertEqual(targets.first?["count"] as? Int, 30)
    }
}
