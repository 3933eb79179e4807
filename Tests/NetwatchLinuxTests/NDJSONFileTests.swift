import Foundation
import TestSupport
import Glibc
import NetwatchCore
import XCTest
@testable import NetwatchLinux

final class NDJSONFileTests: XCTestCase {
    private var scratch: ScratchDirectory?
    var dir: String { scratch?.path ?? "" }

    override func setUpWithError() throws {
        scratch = try ScratchDirectory("netwatch-ndjson")
    }

    override func tearDownWithError() throws {
        scratch?.remove()
    }

    func contents(_ name: String) throws -> String { try String(contentsOfFile: dir + "/" + name, encoding: .utf8) }

    func line(_ character: Character, _ length: Int) -> [UInt8] { Array((String(repeating: character, count: length - 1) + "\n").utf8) }

    func testLinesAppendToAnEmptiedFile() throws {
        try "old\n".write(toFile: dir + "/r.ndjson", atomically: false, encoding: .utf8)
        let file = try NDJSONFile(path: dir + "/r.ndjson")
        try file.append(Array("{\"a\":1}\n".utf8))
        try file.append(Array("{\"a\":2}\n".utf8))
        XCTAssertEqual(try contents("r.ndjson"), "{\"a\":1}\n{\"a\":2}\n")
        XCTAssertEqual(file.lines, 2)
    }

    func testRotationShiftsFilesAndKeepsAtMostKeep() throws {
        let path = dir + "/r.ndjson"
        let file = try NDJSONFile(path: path, rotation: RotationPlan(path: path, maxSize: 25, keep: 2))
        for character in "abcdef" { try file.append(line(character, 10)) }
        // Two 10-byte lines fit in 25 bytes; the third rotates.
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir).sorted(), ["r.ndjson", "r.ndjson.1", "r.ndjson.2"])
        XCTAssertEqual(try contents("r.ndjson"), String(decoding: line("e", 10) + line("f", 10), as: UTF8.self))
        XCTAssertEqual(try contents("r.ndjson.1"), String(decoding: line("c", 10) + line("d", 10), as: UTF8.self))
        XCTAssertEqual(try contents("r.ndjson.2"), String(decoding: line("a", 10) + line("b", 10), as: UTF8.self))
    }

    func testALineLongerThanTheLimitIsWrittenWholeInItsOwnFile() throws {
        let path = dir + "/r.ndjson"
        let file = try NDJSONFile(path: path, rotation: RotationPlan(path: path, maxSize: 25))
        try file.append(line("a", 10))
        try file.append(line("b", 40))
        try file.append(line("c", 10))
        XCTAssertEqual(try contents("r.ndjson.2"), String(decoding: line("a", 10), as: UTF8.self))
        XCTAssertEqual(try contents("r.ndjson.1"), String(decoding: line("b", 40), as: UTF8.self))
        XCTAssertEqual(try contents("r.ndjson"), String(decoding: line("c", 10), as: UTF8.self))
    }

    func testMissingDirectoryFailsOnOpeningNamingThePath() {
        XCTAssertThrowsError(try NDJSONFile(path: dir + "/missing/r.ndjson")) { error in
            XCTAssertEqual("\(error)", "cannot write '\(dir)/missing/r.ndjson': opening: No such file or directory")
        }
    }

    func testDiskFullFailsWithTheLineNumber() throws {
        let file = try NDJSONFile(path: "/dev/full")
        XCTAssertThrowsError(try file.append(line("a", 10))) { error in
            XCTAssertEqual("\(error)", "cannot write '/dev/full': writing line 1: No space left on device")
            XCTAssertEqual((error as? FileWriteError)?.code, ENOSPC)
        }
    }

    func testClosedPipeIsReportedAsEPIPE() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        close(ends[0])
        defer { close(ends[1]) }
        let previous = signal(SIGPIPE, SIG_IGN)
        defer { signal(SIGPIPE, previous) }
        let file = NDJSONFile(descriptor: ends[1])
        XCTAssertThrowsError(try file.append(line("a", 10))) { error in
            XCTAssertEqual((error as? FileWriteError)?.code, EPIPE)
        }
    }
}
