import Foundation
import Glibc
import TestSupport
import XCTest
@testable import NetwatchLinux

final class OutputFileTests: XCTestCase {
    private var scratch: ScratchDirectory?
    var dir: String { scratch?.path ?? "" }

    override func setUpWithError() throws {
        scratch = try ScratchDirectory("netwatch-atomic")
    }

    override func tearDownWithError() throws {
        try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
        scratch?.remove()
    }

    func entries() throws -> [String] { try FileManager.default.contentsOfDirectory(atPath: dir).sorted() }

    func testCommitReplacesWholeFileAndLeavesNoTemporary() throws {
        try "old".write(toFile: dir + "/out.json", atomically: false, encoding: .utf8)
        let file = try OutputFile(path: dir + "/out.json")
        XCTAssertEqual(try String(contentsOfFile: dir + "/out.json", encoding: .utf8), "old", "untouched until commit")
        try file.commit(Array("{}\n".utf8))
        XCTAssertEqual(try String(contentsOfFile: dir + "/out.json", encoding: .utf8), "{}\n")
        XCTAssertEqual(try entries(), ["out.json"])
    }

    func testAbandonLeavesNothing() throws {
        let file = try OutputFile(path: dir + "/x.json")
        file.abandon()
        XCTAssertEqual(try entries(), [])
    }

    func testNoOverwriteRefusesAnExistingFileAndKeepsIt() throws {
        try "keep".write(toFile: dir + "/e.json", atomically: false, encoding: .utf8)
        let file = try OutputFile(path: dir + "/e.json", mode: 0o600, overwrite: false)
        XCTAssertThrowsError(try file.commit(Array("new".utf8))) { error in
            XCTAssertEqual("\(error)", "cannot write '\(self.dir)/e.json': creating: File exists")
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/e.json", encoding: .utf8), "keep")
        XCTAssertEqual(try entries(), ["e.json"])
    }

    func testNoOverwriteDoesNotFollowASymlink() throws {
        try "target".write(toFile: dir + "/target", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: dir + "/target")
        let file = try OutputFile(path: dir + "/link.json", mode: 0o600, overwrite: false)
        XCTAssertThrowsError(try file.commit(Array("x".utf8)))
        XCTAssertEqual(try String(contentsOfFile: dir + "/target", encoding: .utf8), "target")
    }

    func testModeIsApplied() throws {
        let file = try OutputFile(path: dir + "/secret.json", mode: 0o600, overwrite: false)
        try file.commit(Array("x".utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/secret.json")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    func testMissingDirectoryFailsUpFrontNamingThePath() {
        XCTAssertThrowsError(try OutputFile(path: dir + "/nope/out.json")) { error in
            XCTAssertEqual("\(error)", "cannot write '\(self.dir)/nope/out.json': creating a temporary file in '\(self.dir)/nope/': No such file or directory")
        }
    }

    // MARK: What is at the path (issue 11, point 1)

    func mode(_ path: String) -> mode_t {
        var info = stat()
        lstat(path, &info)
        return info.st_mode
    }

    func owner(_ path: String) -> (uid_t, gid_t) {
        var info = stat()
        lstat(path, &info)
        return (info.st_uid, info.st_gid)
    }

    func testAReplacedFileKeepsItsModeNeverTheDefault() throws {
        try "old".write(toFile: dir + "/kept.json", atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(dir + "/kept.json", 0o640), 0)
        try OutputFile(path: dir + "/kept.json").commit(Array("new".utf8))
        XCTAssertEqual(try String(contentsOfFile: dir + "/kept.json", encoding: .utf8), "new")
        XCTAssertEqual(mode(dir + "/kept.json"), S_IFREG | 0o640)
        XCTAssertEqual(try entries(), ["kept.json"])
    }

    func testAReplacedFileOfAnotherUserKeepsItsOwnerAndMode() throws {
        try NetworkNamespace.skipUnlessRoot()
        try "theirs".write(toFile: dir + "/theirs.json", atomically: false, encoding: .utf8)
        XCTAssertEqual(chown(dir + "/theirs.json", 65534, 65534), 0)
        XCTAssertEqual(chmod(dir + "/theirs.json", 0o600), 0)
        try OutputFile(path: dir + "/theirs.json").commit(Array("new".utf8))
        XCTAssertEqual(try String(contentsOfFile: dir + "/theirs.json", encoding: .utf8), "new")
        XCTAssertEqual(mode(dir + "/theirs.json"), S_IFREG | 0o600)
        XCTAssertTrue(owner(dir + "/theirs.json") == (65534, 65534))
    }

    func testACharacterDeviceIsWrittenInPlaceNeverReplaced() throws {
        try NetworkNamespace.skipUnlessRoot()
        XCTAssertEqual(mknod(dir + "/null", S_IFCHR | 0o666, dev_t(1 << 8 | 3)), 0)
        try OutputFile(path: dir + "/null").commit(Array("{}\n".utf8))
        XCTAssertEqual(mode(dir + "/null") & S_IFMT, S_IFCHR)
        XCTAssertEqual(try entries(), ["null"])
    }

    func testAFullDeviceFailsWritingAndStaysADevice() throws {
        try NetworkNamespace.skipUnlessRoot()
        XCTAssertEqual(mknod(dir + "/full", S_IFCHR | 0o666, dev_t(1 << 8 | 7)), 0)
        XCTAssertThrowsError(try OutputFile(path: dir + "/full").commit(Array("{}\n".utf8))) { error in
            XCTAssertEqual("\(error)", "cannot write '\(self.dir)/full': writing: No space left on device")
        }
        XCTAssertEqual(mode(dir + "/full") & S_IFMT, S_IFCHR)
    }

    func testAFIFOIsWrittenInPlace() throws {
        XCTAssertEqual(mkfifo(dir + "/fifo", 0o600), 0)
        let reader = open(dir + "/fifo", O_RDONLY | O_NONBLOCK)
        XCTAssertGreaterThanOrEqual(reader, 0)
        defer { close(reader) }
        try OutputFile(path: dir + "/fifo").commit(Array("{}\n".utf8))
        var buffer = [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(read(reader, &buffer, 16), 3)
        XCTAssertEqual(mode(dir + "/fifo") & S_IFMT, S_IFIFO)
    }

    func testASymlinkToYourOwnFileStaysALinkAndTheFileIsReplacedKeepingItsMode() throws {
        try "old".write(toFile: dir + "/target.json", atomically: false, encoding: .utf8)
        XCTAssertEqual(chmod(dir + "/target.json", 0o600), 0)
        XCTAssertEqual(symlink("target.json", dir + "/link.json"), 0)
        try OutputFile(path: dir + "/link.json").commit(Array("new".utf8))
        XCTAssertEqual(mode(dir + "/link.json") & S_IFMT, S_IFLNK)
        XCTAssertEqual(try String(contentsOfFile: dir + "/target.json", encoding: .utf8), "new")
        XCTAssertEqual(mode(dir + "/target.json"), S_IFREG | 0o600)
        XCTAssertEqual(try entries(), ["link.json", "target.json"])
    }

    func testASymlinkToAnotherUsersFileIsRefusedAndTheFileKept() throws {
        try NetworkNamespace.skipUnlessRoot()
        try "precious".write(toFile: dir + "/precious.txt", atomically: false, encoding: .utf8)
        XCTAssertEqual(chown(dir + "/precious.txt", 65534, 65534), 0)
        XCTAssertEqual(symlink("precious.txt", dir + "/link.json"), 0)
        XCTAssertThrowsError(try OutputFile(path: dir + "/link.json")) { error in
            XCTAssertEqual("\(error)", "cannot write '\(self.dir)/link.json': it is a symbolic link to a file owned by uid 65534; "
                           + "netwatch writes through a symlink only into your own files")
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/precious.txt", encoding: .utf8), "precious")
        XCTAssertEqual(mode(dir + "/link.json") & S_IFMT, S_IFLNK)
    }

    func testADanglingSymlinkIsRefused() throws {
        XCTAssertEqual(symlink("absent", dir + "/link.json"), 0)
        XCTAssertThrowsError(try OutputFile(path: dir + "/link.json")) { error in
            XCTAssertEqual("\(error)", "cannot write '\(self.dir)/link.json': it is a symbolic link to a missing file; "
                           + "netwatch does not create files through a symlink")
        }
        XCTAssertEqual(try entries(), ["link.json"])
    }

    func testADirectoryIsRefused() throws {
        XCTAssertEqual(mkdir(dir + "/sub", 0o755), 0)
        XCTAssertThrowsError(try OutputFile(path: dir + "/sub")) { error in
            XCTAssertEqual("\(error)", "cannot write '\(self.dir)/sub': it is a directory; netwatch writes only to regular files, character devices and FIFOs")
        }
    }

    func testAnEmptyPathIsRefused() {
        XCTAssertThrowsError(try OutputFile(path: "")) { error in
            XCTAssertEqual("\(error)", "cannot write '': no file name given")
        }
    }

    func testStandardDescriptorNamesAreTheOpenDescriptors() throws {
        XCTAssertEqual(try OutputTarget.resolve("/dev/stdout"), .descriptor(1))
        XCTAssertEqual(try OutputTarget.resolve("/dev/stderr"), .descriptor(2))
        XCTAssertEqual(try OutputTarget.resolve("/dev/fd/7"), .descriptor(7))
        XCTAssertEqual(try OutputTarget.resolve("/proc/self/fd/9"), .descriptor(9))
        XCTAssertEqual(try OutputTarget.resolve(dir + "/new.json"), .newFile)
    }

    func testADescriptorIsWrittenDirectly() throws {
        var ends: [Int32] = [0, 0]
        XCTAssertEqual(pipe(&ends), 0)
        defer { close(ends[0]); close(ends[1]) }
        try OutputFile(path: "/proc/self/fd/\(ends[1])").commit(Array("{}\n".utf8))
        var buffer = [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(read(ends[0], &buffer, 16), 3)
    }

    func testWritingToAClosedDescriptorFailsWithOneLine() {
        XCTAssertThrowsError(try OutputFile(descriptor: 1_000).commit(Array("{}\n".utf8))) { error in
            XCTAssertEqual("\(error)", "cannot write to standard output: writing: Bad file descriptor")
        }
    }
}
