import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchExporter

/// Prometheus's own checker on our output and on the shipped alert rules. Needs promtool
/// (Debian's prometheus package, installed by scripts/setup); under CI its absence fails.
final class PromtoolTests: XCTestCase {
    func promtool(_ arguments: [String], stdin: String? = nil) throws -> ProcessResult {
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("promtool")),
                                           "needs promtool (Debian's prometheus package): run scripts/setup")
        return try ProcessRunner.run(["promtool"] + arguments, stdin: stdin)
    }

    /// `check metrics` parses the text and lints it (names, units, `_total`, help); silent when clean.
    func testTheExpositionPassesCheckMetrics() throws {
        for snapshot in [SnapshotFixtures.storm(), SnapshotFixtures.idle(), SnapshotFixtures.missingData()] {
            let text = ExpositionEncoder.encode(SnapshotMetrics.families(snapshot, top: 50), format: .prometheusText)
            let result = try promtool(["check", "metrics"], stdin: text)
            XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
            XCTAssertEqual(result.stdout + result.stderr, "")
        }
    }

    func testTheAlertRulesAreValid() throws {
        let result = try promtool(["check", "rules", FixturePaths.packageRoot + "/contrib/prometheus/alerts.yml"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("SUCCESS: 5 rules found"), result.stdout)
    }

    /// Each rule fires on one series and stays silent on another (contrib/prometheus/tests).
    func testTheAlertRulesPassTheirUnitTests() throws {
        let result = try promtool(["test", "rules", FixturePaths.packageRoot + "/contrib/prometheus/tests/alerts_test.yml"])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertTrue(result.stdout.contains("SUCCESS"), result.stdout)
    }
}
