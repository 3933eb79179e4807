import Foundation
import Glibc
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// The files `record --max-size` rotates into, replayed as one stream in time order.
final class RecordingSetTests: XCTestCase {
    func inScratch(_ body: (String) throws -> Void) throws { try ScratchDirectory.with("netwatch-set", body) }

    func snapshotLine(_ time: String, _ n: Int) -> String { "{\"schema\":\"netwatch.snapshot/1\",\"taken_at\":\"\(time)\",\"n\":\(n)}\n" }

    /// Reads the whole joined stream and cuts it into lines, as the replay does.
    func lines(_ set: RecordingSet) throws -> [String] {
        var splitter = NDJSONLineSplitter()
        var found = [NDJSONLineSplitter.Line]()
        while true {
            let bytes = try set.readAvailable(limit: 7)   // small reads: lines cross read boundaries
            if bytes.isEmpty { break }
            found += splitter.feed(bytes)
        }
        return found.map { String(decoding: set.bytes(of: $0), as: UTF8.self) }
    }

    func testRotatedFilesGivenNewestFirstAreReadOldestFirst() throws {
        try inScratch { dir in
            let lines6 = (0..<6).map { snapshotLine("2026-11-26T10:00:0\($0).000Z", $0) }
            // As record --max-size leaves them: the oldest two in r.ndjson.2, the newest in r.ndjson.
            try (lines6[0] + lines6[1]).write(toFile: dir + "/r.ndjson.2", atomically: false, encoding: .utf8)
            try (lines6[2] + lines6[3]).write(toFile: dir + "/r.ndjson.1", atomically: false, encoding: .utf8)
            try (lines6[4] + lines6[5]).write(toFile: dir + "/r.ndjson", atomically: false, encoding: .utf8)
            let set = try RecordingSet(paths: ["r.ndjson", "r.ndjson.1", "r.ndjson.2"].map { dir + "/" + $0 })
            XCTAssertEqual(set.names, ["r.ndjson.2", "r.ndjson.1", "r.ndjson"].map { dir + "/" + $0 })
            XCTAssertEqual(set.name, dir + "/r.ndjson", "the newest is followed")
            XCTAssertEqual(try lines(set), lines6.map { String($0.dropLast()) })
        }
    }

    func testATornLastLineOfAnOlderFileStaysItsOwnLine() throws {
        try inScratch { dir in
            try (snapshotLine("2026-11-26T10:00:00.000Z", 1) + "{\"schema\":\"netw").write(toFile: dir + "/a", atomically: false, encoding: .utf8)
            try snapshotLine("2026-11-26T10:00:09.000Z", 2).write(toFile: dir + "/b", atomically: false, encoding: .utf8)
            let set = try RecordingSet(paths: [dir + "/b", dir + "/a"])
            XCTAssertEqual(try lines(set), [snapshotLine("2026-11-26T10:00:00.000Z", 1).dropLast().description, "{\"schema\":\"netw",
                                            snapshotLine("2026-11-26T10:00:09.000Z", 2).dropLast().description])
        }
    }

    func testFilesWithoutASnapshotFirstKeepTheirOrderAheadOfTheOthers() throws {
        try inScratch { dir in
            try "not a recording\n".write(toFile: dir + "/x", atomically: false, encoding: .utf8)
            try snapshotLine("2026-11-26T10:00:00.000Z", 1).write(toFile: dir + "/a", atomically: false, encoding: .utf8)
            try "".write(toFile: dir + "/empty", atomically: false, encoding: .utf8)
            let set = try RecordingSet(paths: [dir + "/a", dir + "/x", dir + "/empty"])
            XCTAssertEqual(set.names, [dir + "/x", dir + "/empty", dir + "/a"])
            XCTAssertEqual(try lines(set), ["not a recording", snapshotLine("2026-11-26T10:00:00.000Z", 1).dropLast().description])
        }
    }

    func testStandardInputOnlyAloneAndEveryFileMustOpen() throws {
        try inScratch { dir in
            XCTAssertThrowsError(try RecordingSet(paths: ["-", dir + "/a"])) { error in
                XCTAssertEqual("\(error)", "replay: '-' (standard input) cannot be combined with files")
            }
            try "".write(toFile: dir + "/a", atomically: false, encoding: .utf8)
            XCTAssertThrowsError(try RecordingSet(paths: [dir + "/a", dir + "/gone"])) { error in
                XCTAssertEqual("\(error)", "cannot open \(dir)/gone: No such file or directory")
            }
        }
    }

    func testAByteOrderMarkAtTheStartOfAFileIsNotPartOfItsFirstLine() throws {
        try inScratch { dir in
            let first = snapshotLine("2026-11-26T10:00:00.000Z", 1), second = snapshotLine("2026-11-26T10:00:09.000Z", 2)
            try Data([0xEF, 0xBB, 0xBF] + Array(first.utf8)).write(to: URL(fileURLWithPath: dir + "/a"))
            try Data([0xEF, 0xBB, 0xBF] + Array(second.utf8)).write(to: URL(fileURLWithPath: dir + "/b"))
            let set = try RecordingSet(paths: [dir + "/b", dir + "/a"])
            XCTAssertEqual(try lines(set), [String(first.dropLast()), String(second.dropLast())])
        }
    }

    func testLinesAreTracedToTheirFile() throws {
        try inScratch { dir in
            try (snapshotLine("2026-11-26T10:00:00.000Z", 1) + snapshotLine("2026-11-26T10:00:01.000Z", 2)).write(toFile: dir + "/a", atomically: false, encoding: .utf8)
            try snapshotLine("2026-11-26T10:00:09.000Z", 3).write(toFile: dir + "/b", atomically: false, encoding: .utf8)
            let set = try RecordingSet(paths: [dir + "/b", dir + "/a"])
            var splitter = NDJSONLineSplitter()
            var found = [NDJSONLineSplitter.Line]()
            while case let bytes = try set.readAvailable(limit: 1 << 16), !bytes.isEmpty { found += splitter.feed(bytes) }
            XCTAssertEqual(found.map { set.names[set.file(of: $0.offset)] }, [dir + "/a", dir + "/a", dir + "/b"])
        }
    }

    func testTheSameFileTwiceIsRefusedWhateverItsSpelling() throws {
        try inScratch { dir in
            try snapshotLine("2026-11-26T10:00:00.000Z", 1).write(toFile: dir + "/a", atomically: false, encoding: .utf8)
            XCTAssertEqual(symlink("a", dir + "/link"), 0)
            XCTAssertThrowsError(try RecordingSet.check(paths: [dir + "/a", dir + "/./a"])) { error in
                XCTAssertEqual("\(error)", "replay: '\(dir)/./a' is the same file as '\(dir)/a'; give each file once")
            }
            XCTAssertThrowsError(try RecordingSet.check(paths: [dir + "/link", dir + "/a"])) { error in
                XCTAssertEqual("\(error)", "replay: '\(dir)/a' is the same file as '\(dir)/link'; give each file once")
            }
        }
    }
}
