import Foundation
import TestSupport
import XCTest

/// `netwatch record` as a user runs it, on the fixture tree: lines, rotation, signals, pipes, errors.
final class RecordCommandTests: XCTestCase {
    let netwatch = FixturePaths.binary("netwatch")
    let procRoot = FixturePaths.fixture("proc-storm")
    private var scratch: ScratchDirectory?
    var dir: String { scratch?.path ?? "" }

    override func setUpWithError() throws {
        scratch = try ScratchDirectory("netwatch-record")
    }

    override func tearDownWithError() throws {
        scratch?.remove()
    }

    func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run([netwatch, "record"] + arguments)
    }

    /// The file's lines, failing if it does not end in a newline (a torn last line).
    func lines(_ path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"), "\(path) ends in a torn line")
        return text.split(separator: "\n").map(String.init)
    }

    func object(_ line: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }

    func testCountWritesThatManyValidLinesInTimeOrder() throws {
        let path = dir + "/r.ndjson"
        let result = try run(["-o", path, "--count", "3", "--interval", "0.2", "--proc-root", procRoot])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(result.stdout + result.stderr, "")
        let lines = try lines(path)
        XCTAssertEqual(lines.count, 3)
        for line in lines {
            let validation = try SchemaValidator.validate(line)
            XCTAssertEqual(validation.status, 0, validation.stdout + validation.stderr)
        }
        let objects = try lines.map(object)
        let takenAt = objects.compactMap { $0["taken_at"] as? String }
        XCTAssertEqual(takenAt.count, 3)
        XCTAssertEqual(takenAt, takenAt.sorted())
        XCTAssertEqual(Set(takenAt).count, 3, "taken_at increases")
        XCTAssertTrue(objects[0]["interval_s"] is NSNull, "the first line has no interval and null rates")
        XCTAssertTrue((objects[0]["rates"] as? [String: Any])?.values.allSatisfy { $0 is NSNull } == true)
        // Later lines have an interval (its length depends on the machine's load; RecorderTests checks
        // the grid exactly on a fake clock) and, over a fixture tree whose counters never move, rates of 0.
        for object in objects.dropFirst() {
            XCTAssertGreaterThan(try XCTUnwrap(object["interval_s"] as? Double), 0)
            let rates = try XCTUnwrap(object["rates"] as? [String: Any])
            XCTAssertFalse(rates.isEmpty)
            for (name, rate) in rates { XCTAssertEqual(rate as? Double, 0, name) }
        }
    }

    func testMaxSizeRotatesIntoNumberedFilesOfWholeLines() throws {
        let path = dir + "/r.ndjson"
        // A fixture line is about 23 KB: each file holds one.
        let result = try run(["-o", path, "--count", "3", "--interval", "0.1", "--max-size", "30k", "--proc-root", procRoot])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["r.ndjson", "r.ndjson.1", "r.ndjson.2"])
        var takenAt = [String]()
        for name in ["r.ndjson.2", "r.ndjson.1", "r.ndjson"] {
            let lines = try lines(dir + "/" + name)
            XCTAssertEqual(lines.count, 1, name)
            takenAt += try lines.map { try object($0)["taken_at"] as? String ?? "" }
        }
        XCTAssertEqual(takenAt, takenAt.sorted(), "FILE.2 is the oldest")
    }

    func testInterruptEndsALongIntervalAtOnceWithExitZeroAndWholeLines() throws {
        for (signal, interval) in [(SIGINT, "3600"), (SIGTERM, "0.1")] {
            let path = dir + "/s\(signal).ndjson"
            let process = Process()
            process.executableURL = URL(fileURLWithPath: netwatch)
            process.arguments = ["record", "-o", path, "--interval", interval, "--proc-root", procRoot]
            process.standardError = FileHandle.nullDevice
            try process.run()
            XCTAssertTrue(waitUntil(timeout: 10) { ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").contains("\n") },
                          "no first line")
            kill(process.processIdentifier, signal)
            XCTAssertTrue(waitUntil(timeout: 5) { !process.isRunning }, "still running after signal \(signal)")
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            XCTAssertEqual(process.terminationReason, .exit, "killed by signal \(signal)")
            XCTAssertEqual(process.terminationStatus, 0)
            let lines = try lines(path)
            XCTAssertFalse(lines.isEmpty)
            for line in lines { XCTAssertNoThrow(try object(line)) }
        }
    }

    func testClosedPipeEndsQuietlyWithExitZero() throws {
        let script = "\"$0\" record -o - --interval 0.1 --proc-root \"$1\" | head -n 1; echo \"exit=${PIPESTATUS[0]}\" >&2"
        let result = try ProcessRunner.run(["bash", "-c", script, netwatch, procRoot])
        XCTAssertEqual(result.stderr, "exit=0\n")
        XCTAssertEqual(result.stdout.split(separator: "\n").count, 1)
        XCTAssertNoThrow(try object(result.stdout))
    }

    func testUnwritableOutputFailsBeforeSampling() throws {
        for path in ["/proc/x.ndjson", "/nonexistent-dir/x.ndjson"] {
            let result = try run(["-o", path, "--proc-root", procRoot])
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.stderr, "netwatch: cannot write '\(path)': opening: No such file or directory\n")
            XCTAssertEqual(result.stdout, "")
        }
    }

    func testDiskFullFailsWithOneLine() throws {
        let result = try run(["-o", "/dev/full", "--proc-root", procRoot])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "netwatch: cannot write '/dev/full': writing line 1: No space left on device\n")
    }

    /// `ulimit -f` at one and a half lines stops the second line part-way: the part written is
    /// taken back, the first line stays whole, and the error says so (the process is not killed
    /// by SIGXFSZ).
    func testAFileSizeLimitMidLineLeavesOnlyWholeLines() throws {
        let one = dir + "/one.ndjson"
        XCTAssertEqual(try run(["-o", one, "--count", "1", "--proc-root", procRoot]).status, 0)
        let lineBytes = try XCTUnwrap(FileManager.default.attributesOfItem(atPath: one)[.size] as? Int)
        let path = dir + "/limited.ndjson"
        let command = "ulimit -f \(lineBytes * 3 / 2 / 1024); exec \(TmuxSession.shellQuote(netwatch)) record -o \(TmuxSession.shellQuote(path)) "
            + "--count 5 --interval 0.1 --proc-root \(TmuxSession.shellQuote(procRoot))"
        let result = try ProcessRunner.run(["bash", "-c", command])
        XCTAssertEqual(result.status, 1, result.stderr)
        XCTAssertEqual(result.stderr, "netwatch: cannot write '\(path)': writing line 2 (the line before it is complete): File too large\n")
        let lines = try lines(path)
        XCTAssertEqual(lines.count, 1)
        XCTAssertEqual(try object(lines[0])["schema"] as? String, "netwatch.snapshot/1")
    }

    func testBadArgumentsExitTwoWithOneLineNamingTheOption() throws {
        let cases: [([String], String)] = [
            (["--interval", "0"], "netwatch: --interval 0.0: expected seconds from 0.1 to 3600\n"),
            (["--interval", "3601"], "netwatch: --interval 3601.0: expected seconds from 0.1 to 3600\n"),
            (["--max-size", "10Q"], "netwatch: --max-size: invalid size '10Q' (expected bytes as 500000, 500k, 10M or 1G)\n"),
            (["--duration", "abc"], "netwatch: --duration: invalid duration 'abc' (expected seconds as 90, 30s, 15m or 2h)\n"),
            (["--count", "0"], "netwatch: --count 0: expected at least 1 line\n"),
            (["--count", "2", "--duration", "5"], "netwatch: --count and --duration cannot be used together\n"),
            (["--max-size", "1M", "-o", "-"], "netwatch: --max-size: rotation needs -o FILE, not stdout\n"),
            (["--port", "0"], "netwatch: --port: invalid port list '0': port 0 is outside 1-65535 (expected ports 1-65535 as 80, 80,443 or 8000-8100)\n"),
        ]
        for (arguments, message) in cases {
            let result = try run(["-o", dir + "/x.ndjson"] + arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.stderr, message, arguments.joined(separator: " "))
            XCTAssertEqual(result.stdout, "")
        }
        XCTAssertEqual(try run([]).stderr, "netwatch: Missing expected argument '--output <FILE>'\n")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), [], "no file before arguments are valid")
    }

    /// Polls a real process's effect: there is no clock to inject across a process boundary.
    func waitUntil(timeout: Double, _ condition: () -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if condition() { return true }
            usleep(20_000)
        }
        return condition()
    }
}
