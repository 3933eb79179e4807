import Foundation
import XCTest
@testable import NetwatchCore
import TestSupport

/// Values a recording or a crafted /proc tree can hold, at the edges of their types (issue 11,
/// points 3, 4 and 11): each once trapped or blew up; now it is rejected with a reason, or
/// carried through saturated.
final class ExtremeValueTests: XCTestCase {
    // MARK: the shared helper

    func testSaturatingArithmeticStopsAtTheBounds() {
        XCTAssertEqual(Int64.max.saturatingMultiplied(by: 2), .max)
        XCTAssertEqual(Int64.min.saturatingMultiplied(by: 2), .min)
        XCTAssertEqual(Int64.min.saturatingMultiplied(by: -1), .max)
        XCTAssertEqual(Int64(21).saturatingMultiplied(by: 2), 42)
        XCTAssertEqual(Int64.max.saturatingSubtracting(-1), .max)
        XCTAssertEqual(Int64.min.saturatingSubtracting(1), .min)
        XCTAssertEqual(Int.min.saturatingMagnitude, .max)
        XCTAssertEqual((-5).saturatingMagnitude, 5)
        XCTAssertEqual(Int(saturating: .nan), 0)
        XCTAssertEqual(Int(saturating: 1e300), .max)
        XCTAssertEqual(Int(saturating: -.infinity), .min)
        XCTAssertEqual(Int(saturating: 9.223372036854775807e18), .max, "Int64.max as a Double rounds up past Int.max")
        XCTAssertEqual(Int(saturating: -2.9), -2)
    }

    // MARK: advice over the extremes (the x*2 and Int(Double) traps)

    func testAdviceTextIsTotal() {
        XCTAssertEqual(AdviceText.percent(1e306), "9223372036854775807%")
        XCTAssertEqual(AdviceText.percent(.nan), "0%")
        XCTAssertEqual(AdviceText.number(1e300), "9223372036854775807")
        XCTAssertEqual(AdviceText.duration(1e300), "~9223372036854775807 min")
    }

    func testDoubledLimitsSaturateInTheSuggestedCommands() throws {
        var snapshot = AdviceTesting.quiet()
        snapshot.fds.systemAllocated = .max
        snapshot.fds.systemMax = .max
        snapshot.sysctl.tcpMaxTwBuckets = .max
        snapshot.sockstat?.tw = .max
        let tw = try XCTUnwrap(AdviceTesting.finding("time_wait_buckets", in: snapshot))
        XCTAssertTrue(tw.suggestion[1].hasSuffix("sysctl -w net.ipv4.tcp_max_tw_buckets=9223372036854775807"), tw.suggestion[1])
        let system = try XCTUnwrap(AdviceTesting.finding("system_fds", in: snapshot))
        XCTAssertEqual(system.suggestion[1], "Raise the ceiling: sysctl -w fs.file-max=9223372036854775807")

        snapshot.fds.processes = [ProcessFDUsage(process: ProcessIdentity(pid: 7, command: "w"), open: .max,
                                                 limit: OpenFileLimit(soft: .max, hard: .max))]
        snapshot.fds.nrOpen = nil
        let process = try XCTUnwrap(AdviceTesting.finding("process_fds", in: snapshot))
        XCTAssertTrue(process.suggestion[1].contains("LimitNOFILE=9223372036854775807"), process.suggestion[1])
    }

    func testListenQueueAdviceSurvivesExtremeSysctls() throws {
        var snapshot = AdviceTesting.quiet()
        snapshot.listeners = [Snapshot.Listener(
            record: ListenerRecord(address: IPAddress("0.0.0.0")!, port: 8080, acceptQueue: .max, backlog: .max, inode: 9),
            owner: nil)]
        snapshot.sysctl.somaxconn = .max
        snapshot.sysctl.tcpMaxSynBacklog = .min
        let finding = try XCTUnwrap(AdviceTesting.finding("listen_overflow", in: snapshot))
        XCTAssertTrue(finding.suggestion[1].contains("sysctl -w net.core.somaxconn=9223372036854775807"), finding.suggestion[1])
        XCTAssertTrue(finding.suggestion[2].hasSuffix("sysctl -w net.ipv4.tcp_max_syn_backlog=-9223372036854775808"),
                      finding.suggestion[2])
    }

    // MARK: the live path

    func testACounterChangePast64BitsHasNoRate() {
        func sample(at seconds: Double, _ opens: Int64) -> RawSample {
            var s = RawSample(takenAt: Date(timeIntervalSince1970: 1_800_000_000 + seconds), monotonicSeconds: seconds, source: .netlink)
            s.tcp = ["ActiveOpens": opens]
            return s
        }
        let jump = SnapshotBuilder.build(sample(at: 2, .max), previous: sample(at: 1, -9_000_000_000_000_000_000), options: .init())
        XCTAssertEqual(jump.rates[.activeOpens], .some(nil))
        let big = SnapshotBuilder.build(sample(at: 2, 9_000_000_000_000_000_000), previous: sample(at: 1, 0), options: .init())
        XCTAssertEqual(big.rates[.activeOpens], 9e18)
    }

    func testSockstatCountOutsideAnIntIsMalformed() {
        let text = "TCP: inuse 5 orphan 0 tw 9223372036854775807 alloc 7 mem 1\n"
        XCTAssertThrowsError(try Sockstat.parse(text)) { error in
            XCTAssertEqual("\(error)", "'tw' 9223372036854775807 is outside 0…2147483647: 'TCP: inuse 5 orphan 0 tw 9223372036854775807 alloc 7 mem 1'")
        }
        XCTAssertThrowsError(try Sockstat.parse("TCP: inuse -1 orphan 0 tw 0 alloc 0 mem 0\n"))
    }

    // MARK: bounded quotes (point 11)

    func testAMalformedLineIsQuotedAsABoundedPrefix() {
        let line = String(repeating: "y", count: 1 << 20)
        let outcome = ProcNetTCPParser.parse("  sl  local_address rem_address\n" + line + "\n", family: .ipv4) { _ in }
        XCTAssertEqual(outcome.skipped, 1)
        XCTAssertEqual(outcome.firstSkipped, String(repeating: "y", count: QuotedInput.limit))
        XCTAssertEqual(ParseError("bad", input: line).input.count, 120)
    }

    func testACommandNameLongerThanTheKernelWritesIsMalformed() throws {
        XCTAssertEqual(try ProcessComm.parse("nginx\n"), "nginx")
        XCTAssertEqual(try ProcessComm.parse("kworker/u8:0-ext4-rsv-conversion\n"), "kworker/u8:0-ext4-rsv-conversion")
        XCTAssertEqual(try ProcessComm.parse(String(repeating: "c", count: 63)), String(repeating: "c", count: 63))
        XCTAssertThrowsError(try ProcessComm.parse(String(repeating: "c", count: 10 << 20) + "\n")) { error in
            XCTAssertEqual((error as? ParseError)?.what, "a command name longer than 63 bytes")
            XCTAssertEqual((error as? ParseError)?.input.count, 120)
        }
    }

    // MARK: the decoder rejects what netwatch cannot have written (point 3)

    private func decodeError(_ change: (inout String) -> Void) -> String? {
        var text = SnapshotEncoder.encode(SnapshotFixtures.storm()).serialized()
        change(&text)
        do {
            let document = try SnapshotDecoder.parse(text)
            _ = try SnapshotDecoder.decode(document)
            _ = try SnapshotDecoder.history(in: document)
            return nil
        } catch {
            return error.description
        }
    }

    private func replacing(_ pattern: String, with new: String) -> (inout String) -> Void {
        { text in
            let range = text.range(of: pattern, options: .regularExpression)
            XCTAssertNotNil(range, pattern)
            if let range { text.replaceSubrange(range, with: new) }
        }
    }

    func testOutOfRangeValuesAreRejectedWithTheirPathAndRange() {
        XCTAssertEqual(decodeError(replacing(#""duration_ms":[0-9.]+"#, with: #""duration_ms":null"#)),
                       "collector.duration_ms: expected a number")
        XCTAssertEqual(decodeError(replacing(#""duration_ms":[0-9.]+,"#, with: "")), "collector.duration_ms: expected a number")
        XCTAssertEqual(decodeError(replacing(#""ratio":[0-9.]+"#, with: #""ratio":1e306"#)),
                       "ports.worst.ratio: expected a number in 0.0…65536.0")
        XCTAssertEqual(decodeError(replacing(#""ratio":[0-9.]+"#, with: #""ratio":-0.5"#)),
                       "ports.worst.ratio: expected a number in 0.0…65536.0")
        XCTAssertEqual(decodeError(replacing(#""seconds_to_exhaustion":[0-9.]+"#, with: #""seconds_to_exhaustion":1e300"#)),
                       "ports.worst.seconds_to_exhaustion: expected a number in 0.0…1000000000000.0")
        XCTAssertEqual(decodeError(replacing(#""active_opens":[0-9.]+"#, with: #""active_opens":1e300"#)),
                       "rates.active_opens: expected a number in 0.0…1e+23")
        XCTAssertEqual(decodeError(replacing(#""interval_s":[0-9.]+"#, with: #""interval_s":1e300"#)),
                       "interval_s: expected a number in 0.001…1000000.0")
        XCTAssertEqual(decodeError(replacing(#""tw":[0-9]+"#, with: #""tw":9223372036854775807"#)),
                       "sockstat.tw: expected a count in 0…2147483647")
        XCTAssertEqual(decodeError(replacing(#""ipv4":\{"ESTABLISHED":[0-9]+"#, with: #""ipv4":{"ESTABLISHED":-9223372036854775808"#)),
                       "states.ipv4.ESTABLISHED: expected a count in 0…2147483647")
        XCTAssertEqual(decodeError(replacing(#""by_state":\{"ESTABLISHED":[0-9]+"#, with: #""by_state":{"ESTABLISHED":-1"#)),
                       nil, "states.by_state is recomputed, not read")
        XCTAssertEqual(decodeError(replacing(#""skipped_lines":[0-9]+"#, with: #""skipped_lines":-1"#)),
                       "collector.skipped_lines: expected a count in 0…9223372036854775807")
    }

    func testAnExportHistoryOutsideWhatHistoryIsSizedForIsRejected() {
        func export(_ history: String) -> (inout String) -> Void {
            { text in text = String(text.dropLast()) + #","history":"# + history + "}" }
        }
        XCTAssertEqual(decodeError(export(#"{"window_s":900,"interval_s":1e-9,"series":{}}"#)),
                       "history.interval_s: expected a number in 0.1…3600.0")
        XCTAssertEqual(decodeError(export(#"{"window_s":1e300,"interval_s":1,"series":{}}"#)),
                       "history.window_s: expected a number in 30.0…86400.0")
        XCTAssertEqual(decodeError(export(#"{"window_s":900,"interval_s":1,"series":{"time_wait":[{"t":"2026-03-14T09:26:53.000Z","v":-1}]}}"#)),
                       "history.series.time_wait[0].v: expected a number in 0.0…1e+23")
        XCTAssertNil(decodeError(export(#"{"window_s":900,"interval_s":1,"series":{}}"#)))
    }

    func testASchemaNameIsQuotedAsABoundedPrefix() {
        let long = String(repeating: "s", count: 1000)
        XCTAssertEqual(decodeError(replacing(#""schema":"[^"]+""#, with: "\"schema\":\"\(long)\"")),
                       "schema: expected \"netwatch.snapshot/1\", found \"\(String(repeating: "s", count: 120))\"")
    }
}
