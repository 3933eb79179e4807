import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchExporter

/// Connection health as metric families, and promtool's lint on them.
final class HealthMetricsTests: XCTestCase {
    static func snapshot() -> Snapshot {
        var snapshot = SnapshotFixtures.storm()
        snapshot.health = ConnectionHealth(
            destinations: [.init(address: IPAddress("10.0.0.9")!, port: 5432,
                                 figures: HealthFigures(established: 790, keepAlive: 0, idleOver1m: 700, idleOver10m: 640, idleOver1h: 12,
                                                        synSent: 2, synSentOver3s: 1, synSentOldestSeconds: 4.5,
                                                        rttMedianMicroseconds: 400, rttP99Microseconds: 38_000, retransmits: 3,
                                                        segmentsOut: 9_000, unacked: 1))],
            destinationCount: 1,
            processes: [.init(process: ProcessIdentity(pid: 812, command: "api"),
                              figures: HealthFigures(established: 790, idleOver1m: 700, idleOver10m: 640, idleOver1h: 12))],
            tcpInfo: true)
        return snapshot
    }

    func testHealthFamilies() {
        let text = ExpositionEncoder.encode(SnapshotMetrics.health(HealthMetricsTests.snapshot(), top: 10), format: .prometheusText)
        for line in [
            #"netwatch_health_established_connections{destination="10.0.0.9:5432"} 790"#,
            #"netwatch_health_idle_connections{destination="10.0.0.9:5432",over="10m"} 640"#,
            #"netwatch_health_keepalive_connections{destination="10.0.0.9:5432"} 0"#,
            #"netwatch_health_syn_sent_stuck_connections{destination="10.0.0.9:5432"} 1"#,
            #"netwatch_health_syn_sent_oldest_seconds{destination="10.0.0.9:5432"} 4.5"#,
            #"netwatch_health_rtt_median_seconds{destination="10.0.0.9:5432"} 0.0004"#,
            #"netwatch_health_rtt_p99_seconds{destination="10.0.0.9:5432"} 0.038"#,
            #"netwatch_health_retransmitted_segments{destination="10.0.0.9:5432"} 3"#,
            #"netwatch_health_process_idle_connections{pid="812",command="api",over="1h"} 12"#,
            #"netwatch_health_process_keepalive_connections{pid="812",command="api"} 0"#,
        ] {
            XCTAssertTrue(text.contains(line + "\n"), "missing \(line) in\n\(text)")
        }
        var procfs = HealthMetricsTests.snapshot()
        procfs.health?.destinations[0].figures = HealthFigures(established: 3, keepAlive: 1)
        let withoutInfo = ExpositionEncoder.encode(SnapshotMetrics.health(procfs, top: 10), format: .prometheusText)
        XCTAssertFalse(withoutInfo.contains("netwatch_health_rtt_p99_seconds{"), "no tcp_info: no RTT sample, not 0")
        XCTAssertFalse(withoutInfo.contains("netwatch_health_idle_connections{destination"))
        var none = HealthMetricsTests.snapshot()
        none.health = nil
        XCTAssertEqual(SnapshotMetrics.health(none, top: 10), [])
    }

    func testPromtoolChecksTheHealthFamilies() throws {
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("promtool")),
                                           "needs promtool (Debian's prometheus package): run scripts/setup")
        let text = ExpositionEncoder.encode(SnapshotMetrics.families(HealthMetricsTests.snapshot(), top: 50), format: .prometheusText)
        let result = try ProcessRunner.run(["promtool", "check", "metrics"], stdin: text)
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout + result.stderr, "")
    }
}
