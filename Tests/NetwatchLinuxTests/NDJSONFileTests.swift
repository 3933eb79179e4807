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

    // MARK: What is at the path, and rotation (issue 11, point 2)

    func kind(_ name: String) -> mode_t {
        var info = stat()
        lstat(dir + "/" + name, &info)
        return info.st_mode & S_IFMT
    }

    func testASymlinkToAnotherUsersFileIsRefusedAndNotTruncated() throws {
        try NetworkNamespace.skipUnlessRoot()
        try "precious\n".write(toFile: dir + "/precious.txt", atomically: false, encoding: .utf8)
        XCTAssertEqual(chown(dir + "/precious.txt", 65534, 65534), 0)
        XCTAssertEqual(symlink("precious.txt", dir + "/l.ndjson"), 0)
        XCTAssertThrowsError(try NDJSONFile(path: dir + "/l.ndjson")) { error in
            XCTAssertEqual("\(error)", "cannot write '\(self.dir)/l.ndjson': it is a symbolic link to a file owned by uid 65534; "
                           + "netwatch writes through a symlink only into your own files")
        }
        XCTAssertEqual(try contents("precious.txt"), "precious\n")
    }

    func testAnExistingFileIsEmptiedInPlaceKeepingItsMode() throws {
        try "old\n".write(toFile: dir + "/r.ndjson", atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(dir + "/r.ndjson", 0o600), 0)
        let file = try NDJSONFile(path: dir + "/r.ndjson")
        try file.append(line("a", 4))
        XCTAssertEqual(try contents("r.ndjson"), "aaa\n")
        var info = stat()
        lstat(dir + "/r.ndjson", &info)
        XCTAssertEqual(info.st_mode & 0o777, 0o600)
    }

    func testRotationNeverRenamesADirectoryNamedLikeARotatedFile() throws {
        let path = dir + "/r.ndjson"
        XCTAssertEqual(mkdir(path + ".2", 0o755), 0)
        XCTAssertThrowsError(try NDJSONFile(path: path, rotation: RotationPlan(path: path, maxSize: 25, keep: 2))) { error in
            XCTAssertEqual("\(error)", "cannot write '\(path)': cannot rotate: '\(path).2' is a directory; --max-size renames only regular files (move it away)")
        }
        XCTAssertEqual(kind("r.ndjson.2"), S_IFDIR)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["r.ndjson.2"])
    }

    func testRotationStopsWhenADirectoryAppearsAndKeepsWhatWasWritten() throws {
        let path = dir + "/r.ndjson"
        let file = try NDJSONFile(path: path, rotation: RotationPlan(path: path, maxSize: 25, keep: 2))
        try file.append(line("a", 10))
        XCTAssertEqual(mkdir(path + ".1", 0o755), 0)
        try file.append(line("b", 10))
        XCTAssertThrowsError(try file.append(line("c", 10))) { error in
            XCTAssertEqual("\(error)", "cannot write '\(path)': cannot rotate: '\(path).1' is a directory; --max-size renames only regular files (move it away)")
        }
        XCTAssertEqual(kind("r.ndjson.1"), S_IFDIR)
        XCTAssertEqual(try contents("r.ndjson"), String(decoding: line("a", 10) + line("b", 10), as: UTF8.self))
    }

    func testRotationRefusesASymlinkAsTheFile() throws {
        let path = dir + "/r.ndjson"
        try "mine\n".write(toFile: dir + "/mine", atomically: false, encoding: .utf8)
        XCTAssertEqual(symlink("mine", path), 0)
        XCTAssertThrowsError(try NDJSONFile(path: path, rotation: RotationPlan(path: path, maxSize: 25, keep: 2))) { error in
            XCTAssertEqual("\(error)", "cannot write '\(path)': cannot rotate: '\(path)' is a symbolic link; --max-size renames only regular files (move it away)")
        }
        XCTAssertEqual(try contents("mine"), "mine\n")
    }

    func testRotationRefusesAnotherUsersRotatedFile() throws {
        try NetworkNamespace.skipUnlessRoot()
        let path = dir + "/r.ndjson"
        try "theirs\n".write(toFile: path + ".1", atomically: false, encoding: .utf8)
        XCTAssertEqual(chown(path + ".1", 65534, 65534), 0)
        XCTAssertThrowsError(try NDJSONFile(path: path, rotation: RotationPlan(path: path, maxSize: 25, keep: 2))) { error in
            XCTAssertEqual("\(error)", "cannot write '\(path)': cannot rotate: '\(path).1' belongs to uid 65534, not to this recording (move it away)")
        }
    }

    func testRotationTakesTheNamedFileOfAnotherUserAlong() throws {
        try NetworkNamespace.skipUnlessRoot()
        let path = dir + "/r.ndjson"
        try "theirs\n".write(toFile: path, atomically: false, encoding: .utf8)
        XCTAssertEqual(chown(path, 65534, 65534), 0)
        let file = try NDJSONFile(path: path, rotation: RotationPlan(path: path, maxSize: 25, keep: 2))
        for character in "abc" { try file.append(line(character, 10)) }
        XCTAssertEqual(try contents("r.ndjson.1"), String(decoding: line("a", 10) + line("b", 10), as: UTF8.self))
        var info = stat()
        lstat(path + ".1", &info)
        XCTAssertEqual(info.st_uid, 65534, "emptied in place, so still theirs")
    }

    func testAFIFOIsWrittenAsItIs() throws {
        XCTAssertEqual(mkfifo(dir + "/fifo", 0o600), 0)
        let reader = open(dir + "/fifo", O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        let file = try NDJSONFile(path: dir + "/fifo")
        try file.append(line("a", 4))
        var buffer = [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(read(reader, &buffer, 16), 4)
        XCTAssertEqual(kind("fifo"), S_IFIFO)
    }
}
