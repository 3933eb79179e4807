import Foundation
import Glibc
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// Reading a recording file as `netwatch replay` does: followed as it grows, lines read back by
/// offset, and noticing when `record --max-size` rotates it away.
final class RecordingReaderTests: XCTestCase {
    func inScratch(_ body: (String) throws -> Void) throws { try ScratchDirectory.with("netwatch-reader", body) }

    func line(_ character: Character, _ length: Int) -> [UInt8] { Array((String(repeating: character, count: length - 1) + "\n").utf8) }

    func testAFileIsFollowedAndItsLinesReadBackByOffset() throws {
        try inScratch { dir in
            let path = dir + "/r.ndjson"
            let file = try NDJSONFile(path: path)
            try file.append(line("a", 10))
            let reader = try RecordingReader(path: path)
            XCTAssertFalse(reader.isStream)
            XCTAssertEqual(try reader.readAvailable(limit: 1 << 16), line("a", 10))
            XCTAssertEqual(try reader.readAvailable(limit: 1 << 16), [])
            try file.append(line("b", 6))
            XCTAssertEqual(try reader.readAvailable(limit: 1 << 16), line("b", 6))
            XCTAssertEqual(reader.bytes(of: NDJSONLineSplitter.Line(offset: 10, length: 6)), line("b", 6))
            XCTAssertNil(reader.change, "growing is no change")
        }
    }

    /// The recorder's own rotation: FILE → FILE.1 and a new FILE. The lines already read stay
    /// readable, one written just before the rename is still there to read, and the reader says
    /// its path now names another file.
    func testARotationByTheRecorderIsNoticedAndTheOldLinesStay() throws {
        try inScratch { dir in
            let path = dir + "/r.ndjson"
            let file = try NDJSONFile(path: path, rotation: RotationPlan(path: path, maxSize: 25, keep: 2))
            try file.append(line("a", 10))
            let reader = try RecordingReader(path: path)
            XCTAssertEqual(try reader.readAvailable(limit: 1 << 16), line("a", 10))
            try file.append(line("b", 10))
            try file.append(line("c", 10))   // rotates: a, b → r.ndjson.1; c → the new r.ndjson
            XCTAssertEqual(reader.change, .replaced)
            XCTAssertEqual(try reader.readAvailable(limit: 1 << 16), line("b", 10), "the old file's last line")
            XCTAssertEqual(try reader.readAvailable(limit: 1 << 16), [])
            XCTAssertEqual(reader.bytes(of: NDJSONLineSplitter.Line(offset: 0, length: 10)), line("a", 10))
        }
    }

    func testADeletedFileCountsAsReplaced() throws {
        try inScratch { dir in
            let path = dir + "/r.ndjson"
            try Data(line("a", 10)).write(to: URL(fileURLWithPath: path))
            let reader = try RecordingReader(path: path)
            XCTAssertNil(reader.change)
            XCTAssertEqual(unlink(path), 0)
            XCTAssertEqual(reader.change, .replaced)
            XCTAssertEqual(try reader.readAvailable(limit: 1 << 16), line("a", 10))
        }
    }

    /// `record -o FILE` again empties the same file and writes another recording into it.
    func testAFileWrittenAnewIsNoticedShorterOrLonger() throws {
        try inScratch { dir in
            let path = dir + "/r.ndjson"
            try Data(line("a", 10) + line("b", 10)).write(to: URL(fileURLWithPath: path))
            let reader = try RecordingReader(path: path)
            XCTAssertEqual(try reader.readAvailable(limit: 1 << 16).count, 20)
            let again = try NDJSONFile(path: path)   // truncates the same inode
            try again.append(line("c", 10))
            XCTAssertEqual(reader.change, .rewritten, "shorter than what was read")
            try again.append(line("d", 30))
            XCTAssertEqual(reader.change, .rewritten, "longer, with other first bytes")
        }
    }

    func testMissingFileAndDirectoryAreClearErrors() throws {
        try inScratch { dir in
            XCTAssertThrowsError(try RecordingReader(path: dir + "/none.ndjson")) { error in
                XCTAssertEqual("\(error)", "cannot open \(dir)/none.ndjson: No such file or directory")
            }
            XCTAssertThrowsError(try RecordingReader(path: dir)) { error in
                XCTAssertEqual("\(error)", "cannot replay \(dir): it is a directory; give a file written by netwatch record or an export")
            }
        }
    }
}
