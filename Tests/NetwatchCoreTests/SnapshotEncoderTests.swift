import Foundation
import XCTest
@testable import NetwatchCore

final class SnapshotEncoderTests: XCTestCase {
    func minimalSnapshot() -> Snapshot {
        var s = RawSample(takenAt: Date(timeIntervalSince1970: 1_795_000_000.25), monotonicSeconds: 1, source: .procfs)
        s.hostName = "web-1"
        s.kernel = "6.18.0"
        var table = SocketTable()
        table.ipv4.add(.timeWait)
        s.table = table
        s.ipv6Missing = true
        s.warnings = ["/proc/net/tcp6 is missing; IPv6 sockets unknown"]
        return SnapshotBuilder.build(s, previous: nil, options: .init(top: 10, filter: try? PortSet.parse("80,443")))
    }

    func testTopLevelKeysInDocumentedOrderWithNullsKept() {
        let json = SnapshotEncoder.encode(minimalSnapshot())
        guard case let .object(members) = json else { return XCTFail("not an object") }
        XCTAssertEqual(members.map(\.0), ["schema", "taken_at", "host", "interval_s", "filter", "drill", "collector", "sysctl",
                                          "sockstat", "states", "rates", "counters", "ports", "fds", "peers", "listeners",
                                          "local_ports", "close_wait_owners", "connectors", "syn_sent", "conntrack", "health", "sockets", "sockets_matched",
                                          "sockets_matched_by_state", "sockets_matched_by_peer", "sockets_matched_by_port",
                                          "advice"])
        XCTAssertEqual(json["schema"], .string("netwatch.snapshot/1"))
        XCTAssertEqual(json["taken_at"], .string("2026-11-18T11:06:40.250Z"))
        XCTAssertEqual(json["interval_s"], .null)
        XCTAssertEqual(json["filter"], .object([("ports", .array([.int(80), .int(443)]))]))
        XCTAssertEqual(json["sysctl"]?["tcp_tw_reuse"], .null)
        XCTAssertEqual(json["sockstat"]?["tw"], .null)
        XCTAssertEqual(json["states"]?["ipv6"], .null)
        XCTAssertEqual(json["states"]?["total"], .int(1))
        XCTAssertEqual(json["rates"]?["active_opens"], .null)
        XCTAssertEqual(json["ports"]?["usable"], .null)
        XCTAssertEqual(json["collector"]?["source"], .string("procfs"))
        XCTAssertEqual(json["collector"]?["warnings"], .array([.string("/proc/net/tcp6 is missing; IPv6 sockets unknown")]))
    }

    func testEveryStateObjectHasAllElevenNamesIncludingZeros() {
        let json = SnapshotEncoder.encode(minimalSnapshot())
        guard case let .object(byState)? = json["states"]?["by_state"] else { return XCTFail("no by_state") }
        XCTAssertEqual(byState.map(\.0), ["ESTABLISHED", "SYN_SENT", "SYN_RECV", "FIN_WAIT1", "FIN_WAIT2", "TIME_WAIT", "CLOSE",
                                          "CLOSE_WAIT", "LAST_ACK", "LISTEN", "CLOSING"])
        XCTAssertEqual(byState.first(where: { $0.0 == "TIME_WAIT" })?.1, .int(1))
        XCTAssertEqual(byState.first(where: { $0.0 == "LISTEN" })?.1, .int(0))
    }

    func testSerialisationEscapesAndFormatsNumbers() {
        let value = JSONValue.object([("s", .string("a\"b\\c\n\u{01}é")), ("d", .double(0.1234567)), ("i", .double(3)),
                                      ("n", .double(.nan)), ("a", .array([])), ("o", .object([]))])
        XCTAssertEqual(value.serialized(), #"{"s":"a\"b\\c\n\u0001é","d":0.123457,"i":3,"n":null,"a":[],"o":{}}"#)
        XCTAssertEqual(JSONValue.object([("k", .array([.int(1)]))]).serialized(pretty: true), "{\n  \"k\": [\n    1\n  ]\n}")
    }

    func testOutputParsesAsJSON() throws {
        let text = SnapshotEncoder.encode(minimalSnapshot()).serialized(pretty: true)
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any]
        XCTAssertEqual(object?["schema"] as? String, "netwatch.snapshot/1")
    }

    func testRFC3339MatchesTheSystemFormatterAcrossEras() {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        for seconds in [0, 951_782_400.5, 1_795_000_000.25, 4_107_542_399.999, -86_400.75, 1_709_164_800.001] {
            let date = Date(timeIntervalSince1970: seconds)
            XCTAssertEqual(SnapshotEncoder.rfc3339(date), formatter.string(from: date), "\(seconds)")
        }
    }
}
