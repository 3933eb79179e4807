import Foundation
import XCTest
@testable import NetwatchCore
import TestSupport

final class SnapshotDecoderTests: XCTestCase {
    // MARK: round trip

    /// encode → serialize → parse → decode → encode → serialize gives the same text.
    func assertRoundTrip(_ snapshot: Snapshot, extra: [(String, JSONValue)] = [], file: StaticString = #filePath,
                         line: UInt = #line) throws {
        let text = SnapshotEncoder.encode(snapshot, extra: extra).serialized()
        let decoded = try SnapshotDecoder.decode(text)
        XCTAssertEqual(SnapshotEncoder.encode(decoded, extra: extra).serialized(), text, file: file, line: line)
    }

    func testFixtureSnapshotsRoundTripToIdenticalText() throws {
        try assertRoundTrip(SnapshotFixtures.storm())
        try assertRoundTrip(SnapshotFixtures.stormPrevious())
        try assertRoundTrip(SnapshotFixtures.idle())
        try assertRoundTrip(SnapshotFixtures.missingData())
    }

    func testDrillSnapshotsWithSocketsRoundTrip() throws {
        let targets: [DrillTarget] = [.serverPort(8080), .localPort(40_001), .destination(address: SnapshotFixtures.database, port: 5432),
                                      .peer(SnapshotFixtures.peerV6), .process(pid: 812)]
        for target in targets {
            let snapshot = SnapshotFixtures.stormDrill(target)
            try assertRoundTrip(snapshot)
            XCTAssertEqual(try SnapshotDecoder.decode(SnapshotEncoder.encode(snapshot)).drill, target)
        }
        // The :8080 server's listener, two accepted connections, two request sockets and one TIME_WAIT.
        let sockets = try XCTUnwrap(try SnapshotDecoder.decode(SnapshotEncoder.encode(SnapshotFixtures.stormDrill(.serverPort(8080)))).sockets)
        XCTAssertEqual(sockets.map(\.record.remotePort).sorted(), [0, 40_999, 41_002, 41_003, 41_010, 52_000])
        XCTAssertEqual(sockets.map(\.record.localPort), Array(repeating: 8080, count: 6))
    }

    /// A process view's export: `drill` is `{"kind": "process", "pid": 812}`, valid under the schema.
    func testProcessDrillExportIsValid() throws {
        let json = SnapshotEncoder.encode(SnapshotFixtures.stormDrill(.process(pid: 812)))
        XCTAssertTrue(json.serialized().contains(#""drill":{"kind":"process","pid":812}"#))
        let validation = try SchemaValidator.validate(json.serialized())
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
    }

    /// A sample built by hand with what the fixtures lack: IPv6 unknown, text needing escapes,
    /// fractional times and durations, a port filter.
    func testHandBuiltSampleRoundTrips() throws {
        var s = RawSample(takenAt: Date(timeIntervalSince1970: 1_795_000_000.987), monotonicSeconds: 1, source: .procfs)
        s.hostName = "web-\"1\"\\é\u{1}"
        s.kernel = "6.18.0\tlts"
        s.warnings = ["/proc/net/tcp6 is missing; IPv6 sockets unknown", "line 2:\nbad"]
        s.ipv6Missing = true
        s.timings.totalMs = 12.345_678_9
        s.timings.socketsMs = 1e-7
        s.sysctl.ipLocalPortRange = 32_768...60_999
        s.sysctl.ipLocalReservedPorts = [40_000...40_010, 50_000...50_000]
        s.sysctl.tcpTwReuse = 2
        var table = SocketTable()
        table.ipv4.add(.timeWait)
        table.ipv4.add(.established)
        s.table = table
        let snapshot = SnapshotBuilder.build(s, previous: nil, options: .init(top: 10, filter: try PortSet.parse("80,443,8000-8002")))
        try assertRoundTrip(snapshot)
        let decoded = try SnapshotDecoder.decode(SnapshotEncoder.encode(snapshot))
        XCTAssertEqual(decoded.hostName, snapshot.hostName)
        XCTAssertEqual(decoded.takenAt, Date(timeIntervalSince1970: 1_795_000_000.987).flooredToMilliseconds)
        XCTAssertEqual(decoded.filter, snapshot.filter)
        XCTAssertNil(decoded.states?.ipv6)
    }

    func testDecodedFixtureEqualsTheOriginalWhereTheSchemaRecordsEverything() throws {
        let idle = SnapshotFixtures.idle()
        var decoded = try SnapshotDecoder.decode(SnapshotEncoder.encode(idle))
        // Listener inodes are not in the schema; everything else in the idle fixture is.
        decoded.listeners = zip(decoded.listeners, idle.listeners).map { d, o in
            var d = d
            d.record.inode = o.record.inode
            return d
        }
        XCTAssertEqual(decoded.sysctl, idle.sysctl)
        XCTAssertEqual(decoded.states, idle.states)
        XCTAssertEqual(decoded.ports, idle.ports)
        XCTAssertEqual(decoded.fds, idle.fds)
        XCTAssertEqual(decoded.peers, idle.peers)
        XCTAssertEqual(decoded.listeners, idle.listeners)
    }

    func testExportWithHistoryRoundTrips() throws {
        var history = SnapshotFixtures.stormHistory()
        history.append(HistoryPoint(time: SnapshotFixtures.takenAt, value: nil), toScope: "443")
        history.append(HistoryPoint(time: SnapshotFixtures.takenAt, value: 12), toScope: "80,8000-8100")
        let document = try SnapshotDecoder.parse(
            SnapshotEncoder.encode(SnapshotFixtures.storm(), extra: [("history", history.jsonValue)]).serialized())
        let decoded = try XCTUnwrap(try SnapshotDecoder.history(in: document))
        XCTAssertEqual(decoded.jsonValue.serialized(), history.jsonValue.serialized())
        XCTAssertEqual(decoded.scopes, ["443", "80,8000-8100"])
        XCTAssertEqual(decoded.processes, [812])
        XCTAssertEqual(decoded.openFiles(pid: 812)?.latest?.value, 9_730)
        XCTAssertEqual(decoded.peak(.timeWait), 29_400)
        XCTAssertNil(try SnapshotDecoder.history(in: SnapshotEncoder.encode(SnapshotFixtures.storm())))
    }

    // MARK: taken_at

    func testRFC3339IsTheInverseOfTheEncoder() throws {
        XCTAssertEqual(SnapshotDecoder.date(rfc3339: "1970-01-01T00:00:00.000Z"), Date(timeIntervalSince1970: 0))
        XCTAssertEqual(SnapshotDecoder.date(rfc3339: "2026-03-14T09:26:53.000Z"), SnapshotFixtures.takenAt)
        XCTAssertEqual(SnapshotDecoder.date(rfc3339: "2026-03-14T10:26:53+01:00"), SnapshotFixtures.takenAt)
        XCTAssertEqual(SnapshotDecoder.date(rfc3339: "2026-03-14T09:26:53.5Z"), SnapshotFixtures.takenAt.addingTimeInterval(0.5))
        for bad in ["2026-02-29T00:00:00.000Z", "2026-03-14 09:26:53Z", "2026-03-14T09:26:53.000", "2026-13-01T00:00:00Z",
                    "2026-03-14T24:00:00Z", "2026-03-14T09:26:53.Z", "2026-03-14T09:26:53.000Zx"] {
            XCTAssertNil(SnapshotDecoder.date(rfc3339: bad), bad)
        }
        // Every millisecond of a stretch around 2026 and around leap days and the epoch encodes back unchanged.
        let starts: [Int64] = [1_773_480_413_000, 1_709_164_799_000, -1_000, 951_782_399_000]
        for start in starts {
            for ms in start..<start + 3_000 {
                let text = SnapshotEncoder.rfc3339(Date(timeIntervalSince1970: Double(ms) / 1000))
                let date = try XCTUnwrap(SnapshotDecoder.date(rfc3339: text), text)
                XCTAssertEqual(SnapshotEncoder.rfc3339(date), text)
            }
        }
    }

    // MARK: decoder errors

    func document(_ edit: (inout [(String, JSONValue)]) -> Void) -> JSONValue {
        guard case var .object(members) = SnapshotEncoder.encode(SnapshotFixtures.storm()) else { return .null }
        edit(&members)
        return .object(members)
    }

    func decodeError(_ value: JSONValue) -> SnapshotDecodeError? {
        do {
            _ = try SnapshotDecoder.decode(value)
            return nil
        } catch {
            return error
        }
    }

    func testNewerSchemaSaysTheRecordingIsFromANewerNetwatch() {
        let error = decodeError(document { $0[0].1 = .string("netwatch.snapshot/2") })
        XCTAssertEqual(error, .newerSchema(found: "netwatch.snapshot/2", supported: "netwatch.snapshot/1"))
        XCTAssertEqual(error?.description, "the recording comes from a newer netwatch (schema netwatch.snapshot/2); "
                           + "this netwatch reads netwatch.snapshot/1 — replay it with a newer netwatch")
    }

    func testOtherSchemaNamesTheField() {
        XCTAssertEqual(decodeError(document { $0[0].1 = .string("prometheus/1") })?.description,
                       "schema: expected \"netwatch.snapshot/1\", found \"prometheus/1\"")
        XCTAssertEqual(decodeError(document { $0.removeFirst() })?.description, "schema: expected a string")
        XCTAssertEqual(decodeError(.array([]))?.description, "(document): expected an object")
    }

    func testWrongTypeNamesTheJSONPath() {
        let value = document { members in
            let i = members.firstIndex { $0.0 == "ports" }!
            guard case var .object(ports) = members[i].1, case var .array(destinations) = ports[7].1,
                  case var .object(third) = destinations[3] else { return }
            third[3].1 = .string("many")
            destinations[3] = .object(third)
            ports[7].1 = .array(destinations)
            members[i].1 = .object(ports)
        }
        XCTAssertEqual(decodeError(value)?.description, "ports.destinations[3].used: expected an integer")
    }

    func testOutOfRangeAndBadValuesNameTheirPaths() throws {
        let storm = SnapshotEncoder.encode(SnapshotFixtures.storm()).serialized()
        func error(replacing old: String, with new: String) -> String? {
            XCTAssertTrue(storm.contains(old), old)
            do {
                _ = try SnapshotDecoder.decode(storm.replacingOccurrences(of: old, with: new))
                return nil
            } catch {
                return error.description
            }
        }
        XCTAssertEqual(error(replacing: "\"remote_port\":5432", with: "\"remote_port\":70000"),
                       "ports.worst.remote_port: expected an integer in 0…65535")
        XCTAssertEqual(error(replacing: "\"taken_at\":\"2026-03-14T09:26:53.000Z\"", with: "\"taken_at\":\"yesterday\""),
                       "taken_at: expected an RFC 3339 UTC time like 2026-11-26T19:05:16.123Z")
        XCTAssertEqual(error(replacing: "\"source\":\"netlink\"", with: "\"source\":\"carrier pigeon\""),
                       "collector.source: expected \"netlink\" or \"procfs\"")
        XCTAssertEqual(error(replacing: "\"address\":\"10.0.3.17\"", with: "\"address\":\"10.0.3\""),
                       "peers[0].address: expected an IP address")
        XCTAssertEqual(error(replacing: "\"listeners\":[", with: "\"listeners\":{},\"x\":["),
                       "listeners: expected an array")
    }

    func testTornLineIsInvalidJSONAtItsEnd() {
        let line = SnapshotEncoder.encode(SnapshotFixtures.storm()).serialized()
        let torn = String(line.utf8.prefix(line.utf8.count / 2))!
        XCTAssertThrowsError(try SnapshotDecoder.decode(torn)) { error in
            guard case let .invalidJSON(parse) = error as? SnapshotDecodeError else { return XCTFail("\(error)") }
            XCTAssertEqual(parse.offset, torn.utf8.count)
            XCTAssertTrue(parse.reason.hasPrefix("unexpected end of input"), parse.reason)
        }
    }

    func testDerivedFieldsAreRecomputedNotTrusted() throws {
        let storm = SnapshotEncoder.encode(SnapshotFixtures.storm()).serialized()
        let lying = storm.replacingOccurrences(of: "\"states\":{\"total\":31778,", with: "\"states\":{\"total\":1,\"was\":31778,")
        XCTAssertNotEqual(lying, storm, "the recorded total was replaced")
        let decoded = try SnapshotDecoder.decode(lying)
        // 31,542 IPv4 and 236 IPv6 sockets in the storm's table.
        XCTAssertEqual(decoded.states?.total, 31_778)
    }

    func testMissingOptionalSectionsDecodeAsAbsent() throws {
        let minimal = #"{"schema":"netwatch.snapshot/1","taken_at":"2026-03-14T09:26:53.000Z","#
            + #""collector":{"source":"procfs","duration_ms":1,"sockets_ms":0,"processes_ms":0,"skipped_lines":0},"#
            + #""ports":{"destination_count":0},"fds":{"process_count":0,"unreadable_processes":0}}"#
        let snapshot = try SnapshotDecoder.decode(minimal)
        XCTAssertNil(snapshot.hostName)
        XCTAssertNil(snapshot.sockstat)
        XCTAssertNil(snapshot.states)
        XCTAssertNil(snapshot.sockets)
        XCTAssertEqual(snapshot.peers, [])
        XCTAssertEqual(snapshot.sysctl, Sysctls())
        XCTAssertEqual(snapshot.rates[.activeOpens], .some(nil))
    }
}

extension Date {
    var flooredToMilliseconds: Date {
        SnapshotDecoder.date(milliseconds: Int64((timeIntervalSince1970 * 1000).rounded(.down)))
    }
}
