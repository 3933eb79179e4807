import Foundation
import TestSupport
import XCTest
@testable import NetwatchCore

/// The streaming parse of /proc/net/tcp{,6}: whatever the chunks, the same sockets and counts as
/// the whole-file parse, in a buffer that never holds more than one line.
final class ProcNetTCPStreamTests: XCTestCase {
    static let header = "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n"
    static let listener = "   0: 0100007F:1B58 00000000:0000 0A 00000000:00000005 00:00000000 00000000     0        0 12345 1 0000000000000000 100 0 0 10 0"
    static let timeWait = "   7: 0200007F:9C41 0100007F:1B59 06 00000000:00000000 03:00001594 00000000     0        0 0 3 0000000000000000"

    struct Result: Equatable {
        var records: [SocketRecord]
        var outcome: ProcNetTCPParser.Outcome
        /// The most bytes the stream held between chunks.
        var mostBuffered = 0
    }

    func whole(_ text: String, _ family: AddressFamily = .ipv4) -> Result {
        var records = [SocketRecord]()
        let outcome = ProcNetTCPParser.parse(text, family: family) { records.append($0) }
        return Result(records: records, outcome: outcome)
    }

    /// Feeds `bytes` cut at `cuts` (ascending offsets).
    func streamed(_ bytes: [UInt8], cuts: [Int], _ family: AddressFamily = .ipv4, lineLimit: Int = ProcNetTCPStream.lineLimit) -> Result {
        var stream = ProcNetTCPStream(family: family, lineLimit: lineLimit)
        var records = [SocketRecord]()
        var mostBuffered = 0
        bytes.withUnsafeBufferPointer { all in
            for (start, end) in zip([0] + cuts, cuts + [all.count]) {
                stream.feed(UnsafeBufferPointer(rebasing: all[start..<end])) { records.append($0) }
                mostBuffered = max(mostBuffered, stream.bufferedBytes)
            }
        }
        let outcome = stream.finish { records.append($0) }
        return Result(records: records, outcome: outcome, mostBuffered: mostBuffered)
    }

    func chunked(_ bytes: [UInt8], size: Int) -> [Int] { Array(stride(from: size, to: bytes.count, by: size)) }

    func testALineSplitAtEveryOffsetParsesAsWhole() {
        let text = Self.header + Self.listener + "\n" + Self.timeWait + "\n"
        let bytes = Array(text.utf8)
        let expected = whole(text)
        XCTAssertEqual(expected.outcome.parsed, 2)
        for cut in 0...bytes.count {
            let result = streamed(bytes, cuts: [cut])
            XCTAssertEqual(result.records, expected.records, "cut at \(cut)")
            XCTAssertEqual(result.outcome, expected.outcome, "cut at \(cut)")
        }
    }

    func testEveryChunkSizeOfASmallBufferParsesAsWhole() {
        let text = Self.header + Self.listener + "\n" + "   1: garbage\n" + Self.timeWait + "\n"
        let bytes = Array(text.utf8)
        let expected = whole(text)
        XCTAssertEqual(expected.outcome.parsed, 2)
        XCTAssertEqual(expected.outcome.skipped, 1)
        for size in 1...200 {
            let result = streamed(bytes, cuts: chunked(bytes, size: size))
            XCTAssertEqual(result.records, expected.records, "chunks of \(size)")
            XCTAssertEqual(result.outcome, expected.outcome, "chunks of \(size)")
            XCTAssertLessThanOrEqual(result.mostBuffered, ProcNetTCPStream.lineLimit)
        }
    }

    func testAFinalLineWithoutNewlineIsParsed() {
        let text = Self.header + Self.listener + "\n" + Self.timeWait
        let bytes = Array(text.utf8)
        for size in [1, 7, 64, bytes.count] {
            let result = streamed(bytes, cuts: chunked(bytes, size: size))
            XCTAssertEqual(result.records.map(\.state), [.listen, .timeWait], "chunks of \(size)")
            XCTAssertEqual(result.outcome.parsed, 2)
            XCTAssertEqual(result.outcome.skipped, 0)
        }
    }

    func testALineLongerThanTheBufferIsSkippedAndCounted() {
        let long = "   3: " + String(repeating: "0", count: 300)
        let text = Self.header + Self.listener + "\n" + long + "\n" + Self.timeWait + "\n"
        let bytes = Array(text.utf8)
        for size in [1, 5, 33, 64, 1000] {
            let result = streamed(bytes, cuts: chunked(bytes, size: size), lineLimit: 160)
            XCTAssertEqual(result.records.map(\.state), [.listen, .timeWait], "chunks of \(size)")
            XCTAssertEqual(result.outcome.parsed, 2)
            XCTAssertEqual(result.outcome.skipped, 1)
            XCTAssertEqual(result.outcome.firstSkipped, String(long.prefix(QuotedInput.limit)))
            XCTAssertLessThanOrEqual(result.mostBuffered, 160, "chunks of \(size)")
        }
    }

    func testAValidLineLongerThanTheBufferIsMalformed() {
        let text = Self.header + Self.listener + "\n"
        let bytes = Array(text.utf8)
        for size in [16, bytes.count] {
            let result = streamed(bytes, cuts: chunked(bytes, size: size), lineLimit: 100)
            XCTAssertEqual(result.records, [], "chunks of \(size)")
            XCTAssertEqual(result.outcome.skipped, 1, "the 150-byte line does not fit a 100-byte buffer")
            XCTAssertEqual(result.outcome.firstSkipped, String(Self.listener.prefix(100)))
        }
    }

    func testAnOverlongHeaderOrBlankLineIsNotCounted() {
        let text = String(repeating: " ", count: 10) + "sl" + String(repeating: " local_address", count: 20) + "\n"
            + String(repeating: " ", count: 400) + "\n" + Self.timeWait
        let bytes = Array(text.utf8)
        XCTAssertEqual(whole(text).outcome.skipped, 0)
        let result = streamed(bytes, cuts: chunked(bytes, size: 50), lineLimit: 120)
        XCTAssertEqual(result.outcome.parsed, 1)
        XCTAssertEqual(result.outcome.skipped, 0)
    }

    func testAFileEndingInsideAnOverlongLineCountsIt() {
        let text = Self.header + Self.timeWait + "\n" + String(repeating: "x", count: 500)
        let bytes = Array(text.utf8)
        let result = streamed(bytes, cuts: chunked(bytes, size: 64), lineLimit: 200)
        XCTAssertEqual(result.outcome.parsed, 1)
        XCTAssertEqual(result.outcome.skipped, 1)
        XCTAssertEqual(result.outcome.firstSkipped, String(repeating: "x", count: QuotedInput.limit))
    }

    func testFixturesParseAsWholeInSmallChunks() throws {
        for (file, family) in [("proc-storm/net/tcp", AddressFamily.ipv4), ("proc-storm/net/tcp6", .ipv6),
                               ("proc-no-ipv6/net/tcp", .ipv4)] {
            let text = try String(contentsOfFile: FixturePaths.fixture(file), encoding: .utf8)
            let bytes = Array(text.utf8)
            let expected = whole(text, family)
            XCTAssertGreaterThan(expected.outcome.parsed, 0, file)
            for size in [1, 149, 4096, 65_536] {
                let result = streamed(bytes, cuts: chunked(bytes, size: size), family)
                XCTAssertEqual(result.records, expected.records, "\(file) in chunks of \(size)")
                XCTAssertEqual(result.outcome, expected.outcome, "\(file) in chunks of \(size)")
            }
        }
    }

    func testTheBufferNeverHoldsMoreThanOneLine() {
        // A thousand lines fed in chunks that cut every line: at most one partial line is held.
        let text = Self.header + String(repeating: Self.timeWait + "\n", count: 1000)
        let bytes = Array(text.utf8)
        for size in [3, 97, 1000, 4099] {
            let result = streamed(bytes, cuts: chunked(bytes, size: size))
            XCTAssertEqual(result.outcome.parsed, 1000)
            XCTAssertLessThanOrEqual(result.mostBuffered, Self.timeWait.utf8.count, "chunks of \(size)")
        }
        XCTAssertEqual(ProcNetTCPStream.lineLimit, 1024)
    }
}
