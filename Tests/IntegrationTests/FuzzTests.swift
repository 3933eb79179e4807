import Foundation
import Glibc
import NetwatchFuzz
import TestSupport
import XCTest

/// The libFuzzer harness (`scripts/fuzz/run.sh`): every kept crash input still runs through its
/// target, and in CI (or as root) each target fuzzes briefly under AddressSanitizer.
final class FuzzTests: XCTestCase {
    static let regressions = FixturePaths.packageRoot + "/Tests/Fuzz/regressions"

    /// Inputs that crashed replay once (issue 11, point 3), through the same code libFuzzer runs.
    func testKeptCrashInputsRunThroughTheirTargets() throws {
        let files = FileManager.default
        var ran: [FuzzTarget: Int] = [:]
        for name in try files.contentsOfDirectory(atPath: Self.regressions).sorted() {
            let target = try XCTUnwrap(FuzzTarget(rawValue: name), "Tests/Fuzz/regressions/\(name) names no fuzz target")
            for input in try files.contentsOfDirectory(atPath: Self.regressions + "/" + name).sorted() {
                let data = try Data(contentsOf: URL(fileURLWithPath: "\(Self.regressions)/\(name)/\(input)"))
                data.withUnsafeBytes { target.run($0) }
                ran[target, default: 0] += 1
            }
        }
        XCTAssertEqual(ran, [.chain: 14, .snapshot: 14, .bpfMaps: 1])
    }

    /// `scripts/fuzz/run.sh 3`: the sanitized build, then every target for 3 s; no crash.
    func testSmokeRunOfEveryTargetFindsNoCrash() throws {
        try XCTSkipUnless(ProcessInfo.processInfo.environment["CI"] == "true" || getuid() == 0,
                          "the fuzz smoke run builds a sanitized copy (minutes): CI=true or root only")
        let result = try ProcessRunner.run([FixturePaths.packageRoot + "/scripts/fuzz/run.sh", "3"])
        let last = result.stdout.split(separator: "\n").last.map(String.init) ?? ""
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        XCTAssertNotNil(last.range(of: #"^fuzz: 17 targets, [0-9]+ runs, [0-9]+ s, 0 crashes$"#, options: .regularExpression),
                        result.stdout)
    }
}
