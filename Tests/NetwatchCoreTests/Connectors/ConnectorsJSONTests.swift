import Foundation
import NetwatchCore
import TestSupport
import XCTest

/// `connectors` travels through the JSON and back (replay), nulls staying null.
final class ConnectorsJSONTests: XCTestCase {
    func testCountedAndEstimatedRowsRoundTrip() throws {
        var buckets = [Int64](repeating: 0, count: 32)
        buckets[3] = 7
        var snapshot = SnapshotFixtures.storm()
        snapshot.connectors = Connectors(
            source: .ebpf,
            connections: [
                ConnectorRow(process: ProcessIdentity(pid: 4242, command: "curl"), address: IPAddress("10.0.0.5")!, port: 443,
                             totals: ConnectorTotals(command: "curl", connects: 10, established: 7,
                                                     failures: ConnectFailures(addressNotAvailable: 3),
                                                     lifetimes: LifetimeHistogram(buckets: buckets)),
                             connectsPerSecond: 5, establishedPerSecond: 3.5,
                             failuresPerSecond: ConnectFailureRates(addressNotAvailable: 1.5),
                             recentAddressNotAvailable: RecentCount(seconds: 60.5, count: 3)),
                ConnectorRow(process: ProcessIdentity(pid: 9, command: "x"), address: IPAddress("::1")!, port: 80,
                             connectsPerSecond: nil, live: LiveConnections(synSent: 1, established: 2)),
            ],
            accepts: [AcceptorRow(process: ProcessIdentity(pid: 10, command: "nginx"),
                                  totals: AcceptorTotals(command: "nginx", accepts: 5, failures: AcceptFailures(processLimit: 2)),
                                  acceptsPerSecond: 2.5, processLimitFailuresPerSecond: 1, systemLimitFailuresPerSecond: 0),
                      AcceptorRow(process: ProcessIdentity(pid: 11, command: "srv"), listenerPort: 8080, timeWait: 300)])
        let text = SnapshotEncoder.encode(snapshot).serialized()
        let decoded = try SnapshotDecoder.decode(text)
        XCTAssertEqual(decoded.connectors, snapshot.connectors)
        XCTAssertEqual(SnapshotEncoder.encode(decoded).serialized(), text)
        let json = try JSONValue.parse(text)
        guard case let .array(rows)? = json["connectors"]?["connections"] else { return XCTFail("connectors missing") }
        XCTAssertEqual(rows[1]["failures"], .null)
        XCTAssertEqual(rows[1]["median_lifetime_ms"], .null)
    }

    func testEstimateNoteInTheJSON() throws {
        var snapshot = SnapshotFixtures.storm()
        snapshot.connectors = Connectors(source: .sockets, unavailableReason: "no CAP_BPF: run as root, or grant CAP_BPF and CAP_PERFMON")
        let json = try JSONValue.parse(SnapshotEncoder.encode(snapshot).serialized())
        XCTAssertEqual(json["connectors"]?["note"],
                       .string("estimated from live sockets (eBPF unavailable: no CAP_BPF: run as root, or grant CAP_BPF and CAP_PERFMON)"))
    }

    /// Counted connects with the accept side estimated: the reason and the note in the JSON, read
    /// back by replay; a recording from before the field decodes with none.
    func testAcceptsEstimatedReasonRoundTripsAndIsOptional() throws {
        var snapshot = SnapshotFixtures.storm()
        snapshot.connectors = Connectors(source: .ebpf, accepts: [AcceptorRow(process: ProcessIdentity(pid: 10, command: "nginx"),
                                                                              listenerPort: 8080, timeWait: 42)],
                                         acceptsEstimatedReason: Connectors.acceptsNotWatched)
        let text = SnapshotEncoder.encode(snapshot).serialized()
        let json = try JSONValue.parse(text)
        XCTAssertEqual(json["connectors"]?["accepts_estimated_reason"],
                       .string("accept() results are watched only while a process with a listener is near its fd limit"))
        XCTAssertEqual(json["connectors"]?["note"],
                       .string("accepts estimated from listeners: accept() results are watched only while a process with a listener is near its fd limit"))
        XCTAssertEqual(try SnapshotDecoder.decode(text).connectors, snapshot.connectors)
        let old = text.replacingOccurrences(of: "\"accepts_estimated_reason\":\"accept() results are watched only while a process with a listener is near its fd limit\",", with: "")
        XCTAssertNotEqual(old, text)
        XCTAssertNil(try SnapshotDecoder.decode(old).connectors?.acceptsEstimatedReason)
    }
}
