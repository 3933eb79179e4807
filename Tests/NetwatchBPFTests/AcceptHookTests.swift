import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchBPF

/// What the tracer says about the accept hook it attached, and the `sys_exit` hook attached only
/// while asked (the tracepoint slows every system call of the host).
final class AcceptHookTests: XCTestCase {
    func testTheSystemCallFallbackIsSaidWithTheKernelsReason() {
        XCTAssertNil(ConnectionTracer.AcceptHook.trampoline.notice)
        XCTAssertEqual(ConnectionTracer.AcceptHook.systemCallExit(reason: "Operation not permitted").notice,
                       "eBPF: accept() results watched only near an fd limit (the kernel refused fexit: Operation not permitted; "
                       + "sys_exit would slow every system call)")
    }

    /// A server in a namespace of ours accepts 5 connections while the hook is off, on, and off
    /// again: only the middle run is counted (with fexit, all three are). Root only.
    func testAcceptResultsAreCountedOnlyWhileWatched() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("accepthook")
        defer { ns.delete() }
        let tracer = try ConnectionTracer.start()
        defer { tracer.close() }
        func serve(_ port: Int) throws -> (pid: Int32, accepted: Int64) {
            let result = try ns.run([FixturePaths.binary("netwatch-load"), "--accept-limited", "127.0.0.1:\(port)", "--attempts", "5",
                                     "--fd-limit", "1024", "--hold", "0"])
            XCTAssertEqual(result.status, 0, result.stderr)
            let line = try XCTUnwrap(result.stdout.split(separator: "\n").first { $0.hasPrefix("ACCEPT ") })
            let report = try XCTUnwrap(JSONSerialization.jsonObject(with: Data(line.dropFirst("ACCEPT ".count).utf8)) as? [String: Int])
            return (Int32(try XCTUnwrap(report["pid"])), Int64(try XCTUnwrap(report["accepted"])))
        }
        func counted(_ pid: Int32) -> Int64? {
            tracer.read().acceptors.first { $0.key.pid == pid }?.value.accepts
        }
        let always = tracer.watchesAcceptsAlways
        XCTAssertEqual(tracer.acceptResultsWatched, always)
        let before = try serve(7610)
        XCTAssertEqual(before.accepted, 5)
        XCTAssertEqual(counted(before.pid), always ? 5 : nil)
        tracer.watchAcceptResults(true)
        XCTAssertTrue(tracer.acceptResultsWatched)
        let during = try serve(7611)
        XCTAssertEqual(counted(during.pid), 5)
        tracer.watchAcceptResults(false)
        XCTAssertEqual(tracer.acceptResultsWatched, always)
        let after = try serve(7612)
        XCTAssertEqual(counted(after.pid), always ? 5 : nil)
    }
}
