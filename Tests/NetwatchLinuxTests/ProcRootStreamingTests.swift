import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// `ProcRoot.stream`: a file handed over in chunks no larger than its bound buffer, with the
/// refusals of a whole-file read; and the collector reading /proc/net/tcp through it.
final class ProcRootStreamingTests: XCTestCase {
    func testChunksNeverExceedTheBufferAndJoinToTheFile() throws {
        try ScratchDirectory.with("nw-stream") { dir in
            let bytes = (0..<(3 * ProcRoot.streamChunkSize + 123)).map { UInt8(truncatingIfNeeded: $0 &* 7) }
            try Data(bytes).write(to: URL(fileURLWithPath: dir + "/tcp"))
            var joined = [UInt8](), largest = 0
            let read = ProcRoot(path: dir).stream("tcp", limit: ProcRoot.socketTableLimit) { chunk in
                largest = max(largest, chunk.count)
                joined.append(contentsOf: chunk)
            }
            XCTAssertEqual(try read.get(), bytes.count)
            XCTAssertEqual(joined, bytes)
            XCTAssertEqual(largest, ProcRoot.streamChunkSize)
            XCTAssertEqual(ProcRoot.streamChunkSize, 65_536)
        }
    }

    func testRefusalsAreThoseOfAWholeFileRead() throws {
        try ScratchDirectory.with("nw-stream-refused") { dir in
            XCTAssertEqual(mkfifo(dir + "/fifo", 0o600), 0)
            try String(repeating: "x", count: 4097).write(toFile: dir + "/over", atomically: false, encoding: .utf8)
            let root = ProcRoot(path: dir)
            var chunks = 0
            for (file, message) in [("fifo", "\(dir)/fifo is a FIFO, not a regular file; not read"),
                                    ("over", "\(dir)/over is larger than 4096 bytes; not read"),
                                    ("absent", "\(dir)/absent is missing")] {
                guard case let .failure(error) = root.stream(file, limit: 4096, { _ in chunks += 1 }) else {
                    return XCTFail("\(file) was read")
                }
                XCTAssertEqual(error.description, message)
                XCTAssertEqual(root.readBytes(file, limit: 4096).failureDescription, message)
            }
            XCTAssertEqual(chunks, 0)
        }
    }

    func testAProcfsFileGrowingPastItsBoundIsReadUpToIt() throws {
        // procfs reports size 0, so only reading finds a file over its bound.
        var read = 0
        guard case let .failure(error) = ProcRoot(path: "/proc").stream("self/maps", limit: 100, { read += $0.count }) else {
            return XCTFail("/proc/self/maps fit in 100 bytes")
        }
        XCTAssertEqual(read, 100)
        XCTAssertEqual(error.description, "/proc/self/maps is larger than 100 bytes; read up to that bound")
    }

    func testAFileOfExactlyItsBoundIsReadWhole() throws {
        try ScratchDirectory.with("nw-stream-exact") { dir in
            try String(repeating: "x", count: 4096).write(toFile: dir + "/exact", atomically: false, encoding: .utf8)
            var read = 0
            XCTAssertEqual(try ProcRoot(path: dir).stream("exact", limit: 4096) { read += $0.count }.get(), 4096)
            XCTAssertEqual(read, 4096)
        }
    }

    func testDirectoryEntriesAreHandedOverOneAtATimeUntilTheWalkStops() throws {
        try ScratchDirectory.with("nw-entries") { dir in
            for name in ["3", "4", "5"] { XCTAssertEqual(symlink("socket:[\(name)00]", dir + "/" + name), 0) }
            let root = ProcRoot(path: dir)
            var seen = [String]()
            XCTAssertNil(root.forEachEntry(in: "") { seen.append($0); return true })
            XCTAssertEqual(seen.sorted(), ["3", "4", "5"])
            var calls = 0
            XCTAssertNil(root.forEachEntry(in: "") { _ in calls += 1; return calls < 2 })
            XCTAssertEqual(calls, 2)
            XCTAssertEqual(root.forEachEntry(in: "absent") { _ in true }?.description, "\(dir)/absent is missing")
            XCTAssertEqual(try root.list("").get().sorted(), ["3", "4", "5"])
        }
    }

    func testCollectorCountsALineLongerThanTheStreamBufferAsMalformed() throws {
        try ScratchDirectory.with("nw-stream-tree") { dir in
            let root = dir + "/tree"
            try FileManager.default.copyItem(atPath: FixturePaths.fixture("proc-storm"), toPath: root)
            let tcp = try String(contentsOfFile: root + "/net/tcp", encoding: .utf8)
            var lines = tcp.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let total = lines.count - 2   // header, trailing empty
            lines[3] = lines[3] + String(repeating: " 0", count: ProcNetTCPStream.lineLimit)
            try lines.joined(separator: "\n").write(toFile: root + "/net/tcp", atomically: false, encoding: .utf8)
            let sample = Collector(root: ProcRoot(path: root), useNetlink: false, clock: FakeClock()).collect(CollectRequest())
            XCTAssertEqual(sample.skippedLines, 1)
            XCTAssertEqual(sample.table?.ipv4.total, total - 1)
            XCTAssertTrue(sample.warnings.contains("\(root)/net/tcp: skipped 1 malformed line(s), first: '\(lines[3].prefix(QuotedInput.limit))'"),
                          "\(sample.warnings)")
        }
    }
}
