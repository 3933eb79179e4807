import Foundation
import Glibc
import TestSupport
import XCTest

/// Bad arguments and unusable files named on the command line (issue 11, point 12): each is one
/// line on stderr saying what is wrong with what, exit 2 (a bad argument) or 1 (a failure).
final class ArgumentErrorTests: XCTestCase {
    let netwatch = FixturePaths.binary("netwatch")
    let procRoot = FixturePaths.fixture("proc-storm")
    private var scratch: ScratchDirectory?
    var dir: String { scratch?.path ?? "" }

    override func setUpWithError() throws {
        scratch = try ScratchDirectory("netwatch-args")
    }

    override func tearDownWithError() throws {
        scratch?.remove()
    }

    func run(_ arguments: [String], environment: [String: String]? = nil) throws -> ProcessResult {
        try ProcessRunner.run([netwatch] + arguments, environment: environment)
    }

    func check(_ cases: [([String], String)], status: Int32 = 2, file: StaticString = #filePath, line: UInt = #line) throws {
        for (arguments, message) in cases {
            let result = try run(arguments)
            let name = arguments.joined(separator: " ").prefix(120)
            XCTAssertEqual(result.status, status, String(name), file: file, line: line)
            XCTAssertEqual(result.stderr, message, String(name), file: file, line: line)
            XCTAssertEqual(result.stdout, "", String(name), file: file, line: line)
        }
    }

    func testNumbersSayWhatIsWrongWithThem() throws {
        try check([
            (["top", "--interval", "-1"], "netwatch: --interval -1.0: expected seconds from 0.5 to 60\n"),
            (["top", "-i", "-1"], "netwatch: --interval -1.0: expected seconds from 0.5 to 60\n"),
            (["record", "-o", "-", "--interval", "-1"], "netwatch: --interval -1.0: expected seconds from 0.1 to 3600\n"),
            (["snapshot", "--top", "-1"], "netwatch: --top -1: expected a number from 1 to 1000000\n"),
            (["record", "-o", "-", "--count", "-5"], "netwatch: --count -5: expected at least 1 line\n"),
            (["top", "--interval", "0x10"], "netwatch: The value '0x10' is invalid for '--interval <SECONDS>': expected a decimal number\n"),
            (["snapshot", "--sample", "0x1p3"], "netwatch: The value '0x1p3' is invalid for '--sample <SECONDS>': expected a decimal number\n"),
            (["record", "-o", "-", "--interval", "nan"], "netwatch: The value 'nan' is invalid for '--interval <SECONDS>': expected a decimal number\n"),
            (["snapshot", "--top", "0x10"], "netwatch: The value '0x10' is invalid for '--top <N>'\n"),
            (["snapshot", "--port", "-1"], "netwatch: --port: invalid port list '-1': '-1' is not a port or a range (expected ports 1-65535 as 80, 80,443 or 8000-8100)\n"),
            (["record", "-o", "-", "--duration", "-5"], "netwatch: --duration: invalid duration '-5' (expected seconds as 90, 30s, 15m or 2h)\n"),
            (["record", "-o", "-", "--max-size", "-5"], "netwatch: --max-size: invalid size '-5' (expected bytes as 500000, 500k, 10M or 1G)\n"),
            (["top", "--history", "-5m"], "netwatch: --history: invalid duration '-5m' (expected seconds as 90, 30s, 15m or 2h)\n"),
        ])
    }

    func testHelpForNoCommandIsABadArgument() throws {
        try check([(["help", "nope"], "netwatch: help: no command 'nope' (commands: top, snapshot, record, replay, demo, serve)\n")])
        XCTAssertEqual(try run(["help", "snapshot"]).status, 0)
    }

    func testALongPortListIsQuotedAsABoundedPrefix() throws {
        let ports = String(repeating: "8", count: 100_000)
        let quoted = String(repeating: "8", count: 120)
        try check([(["snapshot", "--port", ports],
                    "netwatch: --port: invalid port list '\(quoted)': '\(quoted)' is not a number (expected ports 1-65535 as 80, 80,443 or 8000-8100)\n")])
    }

    func testSettingsFilesMustBeRegularTextFiles() throws {
        try "\u{FF}".write(toFile: dir + "/latin1.toml", atomically: false, encoding: .isoLatin1)
        try check([
            (["snapshot", "--config", "/dev/null"], "netwatch: /dev/null: cannot read the file: not a regular file (it is a character device)\n"),
            (["snapshot", "--config", dir], "netwatch: \(dir): cannot read the file: not a regular file (it is a directory)\n"),
            (["snapshot", "--config", ""], "netwatch: --config: expected a file path, not an empty string\n"),
            (["snapshot", "--config", dir + "/latin1.toml"], "netwatch: \(dir)/latin1.toml: cannot read the file: not UTF-8 text\n"),
            (["top", "--theme", "/dev/urandom"], "netwatch: /dev/urandom: cannot read the file: not a regular file (it is a character device)\n"),
            (["top", "--theme", dir], "netwatch: \(dir): cannot read the file: not a regular file (it is a directory)\n"),
        ])
    }

    func testEmptyExportDirectoryIsABadArgument() throws {
        try check([(["top", "--export-dir", ""], "netwatch: --export-dir: expected a directory, not an empty string\n")])
    }

    func testAMissingProcRootIsABadArgument() throws {
        try check([
            (["snapshot", "--proc-root", "/nonexistent"], "netwatch: --proc-root '/nonexistent': No such file or directory\n"),
            (["record", "-o", "-", "--proc-root", "/nonexistent"], "netwatch: --proc-root '/nonexistent': No such file or directory\n"),
            (["snapshot", "--proc-root", "/etc/hostname"], "netwatch: --proc-root '/etc/hostname': not a directory\n"),
        ])
    }

    func testAProcRootThatCannotBeReadSaysSoAndExitsOne() throws {
        try NetworkNamespace.skipUnlessRoot()
        let tree = dir + "/proc"
        try FileManager.default.copyItem(atPath: procRoot, toPath: tree)
        XCTAssertEqual(chmod(dir, 0o755), 0)
        XCTAssertEqual(chmod(tree, 0o000), 0)
        // As nobody: root reads a mode-000 directory anyway.
        let result = try ProcessRunner.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups",
                                            netwatch, "snapshot", "--sample", "0", "--proc-root", tree],
                                           environment: ["HOME": "/nonexistent", "PATH": "/usr/bin:/bin"])
        XCTAssertEqual(chmod(tree, 0o755), 0)
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "netwatch: --proc-root '\(tree)': cannot be read (Permission denied), so netwatch would read nothing\n")
        XCTAssertEqual(result.stdout, "")
    }

    /// Under sudo -u, HOME may be a directory the user cannot search: the defaults apply.
    func testADefaultConfigBeyondAnUnsearchableDirectoryCountsAsAbsent() throws {
        try NetworkNamespace.skipUnlessRoot()
        let scratch = try ScratchDirectory("netwatch-config")
        defer { scratch.remove() }
        XCTAssertEqual(chmod(scratch.path, 0o700), 0)
        let result = try ProcessRunner.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", netwatch,
                                            "snapshot", "--sample", "0", "--proc-root", procRoot],
                                           environment: ["XDG_CONFIG_HOME": scratch.path, "PATH": "/usr/bin:/bin"])
        XCTAssertEqual(result.status, 0, result.stderr)
    }
}
