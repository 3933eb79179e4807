import Foundation
import TestSupport
import XCTest

/// `netwatch serve` and `snapshot --format prometheus` as a user runs them.
final class ServeCommandTests: XCTestCase {
    let netwatch = FixturePaths.binary("netwatch")

    /// Starts `netwatch serve` on a kernel-chosen loopback port and returns it once it says where.
    func startServe(_ extra: [String] = []) throws -> (Process, Int, Pipe) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: netwatch)
        process.arguments = ["serve", "--listen", "127.0.0.1:0", "--proc-root", FixturePaths.fixture("proc-storm")] + extra
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        var line = [UInt8]()
        while let byte = try output.fileHandleForReading.read(upToCount: 1)?.first, byte != UInt8(ascii: "\n") {
            line.append(byte)
        }
        let text = String(decoding: line, as: UTF8.self)
        let port = try XCTUnwrap(text.split(separator: ":").last.flatMap { Int($0.prefix { $0.isNumber }) }, text)
        XCTAssertEqual(text, "netwatch serve: listening on http://127.0.0.1:\(port)/metrics")
        return (process, port, output)
    }

    /// `/metrics` through curl (scripts/setup installs it).
    func scrape(_ port: Int) throws -> String {
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("curl")),
                                           "needs curl: run scripts/setup")
        return try ProcessRunner.run(["curl", "-sS", "http://127.0.0.1:\(port)/metrics"]).stdout
    }

    func testSigtermShutsDownCleanly() throws {
        let (process, port, _) = try startServe()
        defer { if process.isRunning { process.terminate(); process.waitUntilExit() } }
        let metrics = try scrape(port)
        XCTAssertTrue(metrics.contains("netwatch_tcp_sockets{state=\"time_wait\"}"), metrics)
        process.terminate()
        process.waitUntilExit()
        XCTAssertEqual(process.terminationReason, .exit)
        XCTAssertEqual(process.terminationStatus, 0)
    }

    func testAPortInUseFailsWithOneLineNamingTheAddress() throws {
        let (process, port, _) = try startServe()
        defer { process.terminate(); process.waitUntilExit() }
        let second = try ProcessRunner.run([netwatch, "serve", "--listen", "127.0.0.1:\(port)"])
        XCTAssertEqual(second.status, 1)
        XCTAssertEqual(second.stderr, "netwatch: cannot listen on 127.0.0.1:\(port): address already in use\n")
    }

    func testBadArgumentsExitTwoNamingTheArgument() throws {
        let cases: [([String], String)] = [
            (["serve", "--listen", "localhost"], "netwatch: --listen localhost: expected ADDR:PORT, e.g. 127.0.0.1:10179 or [::1]:10179\n"),
            (["serve", "--listen", "127.0.0.1:70000"], "netwatch: --listen 127.0.0.1:70000: expected ADDR:PORT, e.g. 127.0.0.1:10179 or [::1]:10179\n"),
            (["serve", "--top", "0"], "netwatch: --top 0: expected a number from 1 to 1000\n"),
            (["serve", "--min-interval=-1"], "netwatch: --min-interval -1.0: expected seconds from 0 to 3600\n"),
            (["snapshot", "--format", "xml"], "netwatch: The value 'xml' is invalid for '--format <FORMAT>'. Please provide one of 'json' and 'prometheus'.\n"),
        ]
        for (arguments, message) in cases {
            let result = try ProcessRunner.run([netwatch] + arguments)
            XCTAssertEqual(result.status, 2, arguments.joined(separator: " "))
            XCTAssertEqual(result.stderr, message, arguments.joined(separator: " "))
        }
    }

    /// For node_exporter's textfile collector: written whole through `-o` (a temporary file
    /// renamed into place) and equal to what the exporter serves for the same tree.
    func testSnapshotFormatPrometheusWritesTheExporterTextAtomically() throws {
        try ScratchDirectory.with("netwatch-prom") { dir in
            let result = try ProcessRunner.run([netwatch, "snapshot", "--format", "prometheus", "--sample", "0",
                                                "--proc-root", FixturePaths.fixture("proc-storm"), "-o", dir + "/netwatch.prom"])
            XCTAssertEqual(result.status, 0, result.stderr)
            XCTAssertEqual(result.stdout, "")
            XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["netwatch.prom"])
            let text = try String(contentsOfFile: dir + "/netwatch.prom", encoding: .utf8)
            XCTAssertTrue(text.hasPrefix("# HELP netwatch_tcp_sockets TCP sockets (IPv4 and IPv6) in each state.\n"), text)
            XCTAssertTrue(text.contains("\nnetwatch_tcp_sockets{state=\"time_wait\"} "), text)

            let (process, port, _) = try startServe()
            defer { process.terminate(); process.waitUntilExit() }
            let served = try scrape(port)
            func withoutTiming(_ s: String) -> [Substring] {
                s.split(separator: "\n").filter { !$0.hasPrefix("netwatch_collector_duration_seconds ") }
            }
            XCTAssertEqual(withoutTiming(served), withoutTiming(text))
        }
    }
}
