import Foundation
import TestSupport
import XCTest

/// `--config` and the default config file as a user meets them: a bad file stops top, snapshot
/// and record with one line naming the file, line and key (exit 2); a good one changes the advice.
final class ConfigCommandTests: XCTestCase {
    let netwatch = FixturePaths.binary("netwatch")

    func testABadConfigFileStopsEveryCommandWithOneLine() throws {
        let scratch = try ScratchDirectory("netwatch-config")
        defer { scratch.remove() }
        let path = scratch.path + "/config.toml"
        try "# thresholds\n[advice]\nports_warnin = 0.5\n".write(toFile: path, atomically: true, encoding: .utf8)
        let expected = "netwatch: \(path):3: key 'ports_warnin': unknown setting in [advice]; did you mean 'ports_warning'?\n"
        for command in [["snapshot", "--sample", "0"], ["record", "-o", scratch.path + "/out.ndjson", "--count", "1"], ["top"]] {
            let explicit = try ProcessRunner.run([netwatch] + command + ["--config", path])
            XCTAssertEqual(explicit.status, 2, command[0])
            XCTAssertEqual(explicit.stderr, expected, command[0])
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: scratch.path + "/out.ndjson"), "record stops before writing")
        let missing = try ProcessRunner.run([netwatch, "snapshot", "--config", scratch.path + "/none.toml"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertEqual(missing.stderr, "netwatch: \(scratch.path)/none.toml: no such file\n")
    }

    func testTheDefaultFileIsReadFromXDGConfigHome() throws {
        let scratch = try ScratchDirectory("netwatch-config")
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path + "/netwatch", withIntermediateDirectories: true)
        try "[advice]\nsyn_sent_warning = 500\nsyn_sent_critical = 100\n"
            .write(toFile: scratch.path + "/netwatch/config.toml", atomically: true, encoding: .utf8)
        let result = try ProcessRunner.run([netwatch, "snapshot", "--sample", "0"], environment: ["XDG_CONFIG_HOME": scratch.path])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "netwatch: \(scratch.path)/netwatch/config.toml:2: key 'syn_sent_warning': "
            + "syn_sent_warning (500) is above syn_sent_critical (100)\n")
    }
}
