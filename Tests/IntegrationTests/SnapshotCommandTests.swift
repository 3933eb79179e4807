import Foundation
import TestSupport
import XCTest

/// `netwatch snapshot` as a user runs it: bad arguments, files, and the fixture tree.
final class SnapshotCommandTests: XCTestCase {
    let netwatch = FixturePaths.binary("netwatch")

    func run(_ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
        try ProcessRunner.run([netwatch] + arguments, environment: environment)
    }

    func testBadArgumentsExitTwoWithOneLineNamingTheArgument() throws {
        let cases: [([String], String)] = [
            (["snapshot", "--port", "0"], "netwatch: --port: invalid port list '0': port 0 is outside 1-65535 (expected ports 1-65535 as 80, 80,443 or 8000-8100)\n"),
            (["snapshot", "--port", "70000"], "netwatch: --port: invalid port list '70000': port 70000 is outside 1-65535 (expected ports 1-65535 as 80, 80,443 or 8000-8100)\n"),
            (["snapshot", "--port", "abc"], "netwatch: --port: invalid port list 'abc': 'abc' is not a number (expected ports 1-65535 as 80, 80,443 or 8000-8100)\n"),
            (["snapshot", "--top", "0"], "netwatch: --top 0: expected a number from 1 to 1000000\n"),
            (["snapshot", "--sample=-1"], "netwatch: --sample -1.0: expected seconds from 0 to 3600\n"),
            (["snapshot", "--sample"], "netwatch: Missing value for '--sample <SECONDS>'\n"),
            (["snapshot", "--sample", "x"], "netwatch: The value 'x' is invalid for '--sample <SECONDS>': expected a decimal number\n"),
            (["snapshot", "--bogus"], "netwatch: Unknown option '--bogus'\n"),
        ]
        for (arguments, message) in cases {
            let result = try run(arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.stderr, message, arguments.joined(separator: " "))
            XCTAssertEqual(result.stdout, "")
        }
    }

    func testMissingProcRootIsABadArgumentNamingIt() throws {
        let result = try run(["snapshot", "--proc-root", "/nonexistent/proc", "--sample", "0"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "netwatch: --proc-root '/nonexistent/proc': No such file or directory\n")
        let viaEnvironment = try run(["snapshot", "--sample", "0"], environment: ["NETWATCH_PROC_ROOT": "/nonexistent/env"])
        XCTAssertEqual(viaEnvironment.status, 2)
        XCTAssertEqual(viaEnvironment.stderr, "netwatch: --proc-root '/nonexistent/env': No such file or directory\n")
    }

    func testUnwritableOutputFailsBeforeSamplingAndLeavesNoFile() throws {
        let result = try run(["snapshot", "--sample", "0", "-o", "/proc/netwatch.json"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("netwatch: cannot write '/proc/netwatch.json': creating a temporary file in '/proc/': "), result.stderr)
        XCTAssertEqual(result.stderr.split(separator: "\n").count, 1)
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/proc/netwatch.json"))
        let missingDir = try run(["snapshot", "--sample", "0", "-o", "/nonexistent-dir/x.json"])
        XCTAssertEqual(missingDir.stderr, "netwatch: cannot write '/nonexistent-dir/x.json': creating a temporary file in '/nonexistent-dir/': No such file or directory\n")
        XCTAssertFalse(FileManager.default.fileExists(atPath: "/nonexistent-dir"))
        // In a directory netwatch may write to: a parent that is a file, and a target that is a
        // directory. Afterwards the directory holds exactly what it held before.
        try ScratchDirectory.with("netwatch-nofile") { dir in
            try "kept\n".write(toFile: dir + "/file", atomically: false, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: dir + "/out.json", withIntermediateDirectories: false)
            let underFile = try run(["snapshot", "--sample", "0", "-o", dir + "/file/x.json"])
            XCTAssertEqual(underFile.status, 1)
            XCTAssertEqual(underFile.stderr, "netwatch: cannot write '\(dir)/file/x.json': looking at it: Not a directory\n")
            let onDirectory = try run(["snapshot", "--sample", "0", "-o", dir + "/out.json"])
            XCTAssertEqual(onDirectory.status, 1)
            XCTAssertEqual(onDirectory.stderr, "netwatch: cannot write '\(dir)/out.json': it is a directory; netwatch writes only to regular files, character devices and FIFOs\n")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["file", "out.json"])
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir + "/out.json"), [])
            XCTAssertEqual(try String(contentsOfFile: dir + "/file", encoding: .utf8), "kept\n")
        }
    }

    func testOutputFileIsWrittenWholeAndStdoutStaysEmpty() throws {
        let dir = NSTemporaryDirectory() + "netwatch-o-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let result = try run(["snapshot", "--sample", "0", "--pretty", "-o", dir + "/snap.json",
                              "--proc-root", FixturePaths.fixture("proc-storm")])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["snap.json"])
        let text = try String(contentsOfFile: dir + "/snap.json", encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("{\n  \"schema\": \"netwatch.snapshot/1\",\n"))
        XCTAssertEqual(try SchemaValidator.validate(text).status, 0)
    }

    func testFixtureTreeSnapshotUsesProcfsAndValidates() throws {
        let result = try run(["snapshot", "--sample", "0", "--proc-root", FixturePaths.fixture("proc-no-ipv6")])
        XCTAssertEqual(result.status, 0, result.stderr)
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertEqual((json["collector"] as? [String: Any])?["source"] as? String, "procfs")
        XCTAssertTrue((json["states"] as? [String: Any])?["ipv6"] is NSNull)
        XCTAssertEqual((json["host"] as? [String: Any])?["name"] as? String, "storm-host")
        let validation = try SchemaValidator.validate(result.stdout)
        XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
    }

    func testSampleZeroReturnsWithNullRates() throws {
        let result = try run(["snapshot", "--sample", "0", "--proc-root", FixturePaths.fixture("proc-storm")])
        let json = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        XCTAssertTrue(json["interval_s"] is NSNull)
        XCTAssertTrue((json["rates"] as? [String: Any])?.values.allSatisfy { $0 is NSNull } ?? false)
    }
}
