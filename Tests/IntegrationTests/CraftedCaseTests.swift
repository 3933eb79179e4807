import Foundation
import TestSupport
import XCTest

/// The crafted-case suite (issue 11): `scripts/reliability/run-crafted.sh` generates every
/// `crafted-*.py` area's hostile inputs (proc trees, recordings, output paths, standard input,
/// signals) and runs netwatch on each, checking the exit status, the message, the time to react
/// and, for the dashboard, the terminal left behind. Cases that need root to set up are left out
/// by their generator off root, saying so on stderr; dashboard cases are skipped without tmux.
final class CraftedCaseTests: XCTestCase {
    func testEveryCraftedCaseEndsAsItsExpectFileSays() throws {
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("python3")),
                                           "needs python3 to generate the crafted cases: run scripts/setup")
        let scratch = try ScratchDirectory("nw-crafted")
        defer { scratch.remove() }
        var environment = ProcessInfo.processInfo.environment
        environment["NETWATCH"] = FixturePaths.binary("netwatch")
        let result = try ProcessRunner.run([FixturePaths.packageRoot + "/scripts/reliability/run-crafted.sh", scratch.path],
                                           environment: environment)
        if !result.stderr.isEmpty { print(result.stderr) }
        let lines = result.stdout.split(separator: "\n").map(String.init)
        XCTAssertEqual(lines.filter { $0.hasPrefix("FAIL ") }, [])
        XCTAssertEqual(result.status, 0, result.stdout + result.stderr)
        let summary = try XCTUnwrap(lines.last)
        XCTAssertNotNil(summary.range(of: #"^[1-9][0-9]* passed, 0 failed"#, options: .regularExpression), summary)
        XCTAssertEqual(lines.count - 1, lines.filter { $0.hasPrefix("PASS ") || $0.hasPrefix("SKIP ") }.count, result.stdout)
    }
}
