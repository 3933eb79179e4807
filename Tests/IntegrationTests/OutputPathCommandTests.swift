import Foundation
import Glibc
import TestSupport
import XCTest

/// What `snapshot -o` and `record -o` do with what is already at the path, and with write errors
/// (issue 11, points 1, 2 and 8): nothing is replaced but a regular file, nothing is widened,
/// a failed write is one line and exit 1. The root-only cases make device nodes and other users'
/// files in a scratch directory, never touching the system's.
final class OutputPathCommandTests: XCTestCase {
    let netwatch = FixturePaths.binary("netwatch")
    let procRoot = FixturePaths.fixture("proc-storm")
    private var scratch: ScratchDirectory?
    var dir: String { scratch?.path ?? "" }

    override func setUpWithError() throws {
        scratch = try ScratchDirectory("netwatch-outpath")
    }

    override func tearDownWithError() throws {
        scratch?.remove()
    }

    func snapshot(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run([netwatch, "snapshot", "--sample", "0", "--proc-root", procRoot] + arguments)
    }

    func record(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run([netwatch, "record", "--interval", "0.1", "--proc-root", procRoot] + arguments)
    }

    /// `snapshot` with its standard output redirected by the shell as `redirection` says.
    func snapshotInShell(_ redirection: String) throws -> ProcessResult {
        try ProcessRunner.run(["/bin/sh", "-c", "\"$0\" snapshot --sample 0 --proc-root \"$1\" \(redirection)", netwatch, procRoot])
    }

    func status(_ path: String) -> stat {
        var info = stat()
        lstat(path, &info)
        return info
    }

    func testSnapshotIntoACharacterDeviceWritesThroughItAndKeepsTheNode() throws {
        try NetworkNamespace.skipUnlessRoot()
        XCTAssertEqual(mknod(dir + "/null", S_IFCHR | 0o666, dev_t(1 << 8 | 3)), 0)
        let result = try snapshot(["-o", dir + "/null"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertEqual(status(dir + "/null").st_mode & S_IFMT, S_IFCHR)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["null"])
    }

    func testSnapshotThroughALinkToStandardOutputPrintsAndKeepsTheLink() throws {
        XCTAssertEqual(symlink("/proc/self/fd/1", dir + "/link"), 0)
        let result = try snapshot(["-o", dir + "/link"])
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.hasPrefix("{\"schema\":\"netwatch.snapshot/1\""), String(result.stdout.prefix(80)))
        XCTAssertEqual(status(dir + "/link").st_mode & S_IFMT, S_IFLNK)
        // /dev/fd/1, not /dev/stdout: were this to regress to renaming over the path, the
        // system's /dev/stdout would be replaced (OutputFileTests checks /dev/stdout's name).
        let descriptor = try snapshot(["-o", "/dev/fd/1"])
        XCTAssertTrue(descriptor.stdout.hasPrefix("{\"schema\":\"netwatch.snapshot/1\""), descriptor.stderr)
    }

    func testSnapshotOverAnotherUsersFileKeepsItsOwnerAndMode() throws {
        try NetworkNamespace.skipUnlessRoot()
        try "theirs\n".write(toFile: dir + "/theirs.json", atomically: false, encoding: .utf8)
        XCTAssertEqual(chown(dir + "/theirs.json", 65534, 65534), 0)
        XCTAssertEqual(chmod(dir + "/theirs.json", 0o600), 0)
        let result = try snapshot(["-o", dir + "/theirs.json"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let info = status(dir + "/theirs.json")
        XCTAssertEqual(info.st_mode, S_IFREG | 0o600)
        XCTAssertEqual(info.st_uid, 65534)
        XCTAssertEqual(info.st_gid, 65534)
        XCTAssertTrue(try String(contentsOfFile: dir + "/theirs.json", encoding: .utf8).hasPrefix("{\"schema\""))
    }

    func testSnapshotAndRecordThroughALinkToAnotherUsersFileAreRefused() throws {
        try NetworkNamespace.skipUnlessRoot()
        try "precious\n".write(toFile: dir + "/precious.txt", atomically: false, encoding: .utf8)
        XCTAssertEqual(chown(dir + "/precious.txt", 65534, 65534), 0)
        XCTAssertEqual(symlink("precious.txt", dir + "/l.ndjson"), 0)
        for result in [try snapshot(["-o", dir + "/l.ndjson"]), try record(["--count", "1", "-o", dir + "/l.ndjson"])] {
            XCTAssertEqual(result.status, 1)
            XCTAssertEqual(result.stderr, "netwatch: cannot write '\(dir)/l.ndjson': it is a symbolic link to a file owned by uid 65534; "
                           + "netwatch writes through a symlink only into your own files\n")
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/precious.txt", encoding: .utf8), "precious\n")
        XCTAssertEqual(status(dir + "/l.ndjson").st_mode & S_IFMT, S_IFLNK)
    }

    func testRecordRotationNeverRenamesADirectoryNamedLikeARotatedFile() throws {
        XCTAssertEqual(mkdir(dir + "/r.ndjson.3", 0o755), 0)
        let result = try record(["--count", "3", "--max-size", "30k", "-o", dir + "/r.ndjson"])
        XCTAssertEqual(result.status, 1)
        XCTAssertEqual(result.stderr, "netwatch: cannot write '\(dir)/r.ndjson': cannot rotate: '\(dir)/r.ndjson.3' is a directory; "
                       + "--max-size renames only regular files (move it away)\n")
        XCTAssertEqual(status(dir + "/r.ndjson.3").st_mode & S_IFMT, S_IFDIR)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir), ["r.ndjson.3"], "refused before sampling")
    }

    func testWriteErrorsOnStandardOutputExitOneWithOneLine() throws {
        let full = try snapshotInShell("> /dev/full")
        XCTAssertEqual(full.status, 1)
        XCTAssertEqual(full.stderr, "netwatch: cannot write to standard output: writing: No space left on device\n")
        let closed = try snapshotInShell(">&-")
        XCTAssertEqual(closed.status, 1)
        XCTAssertEqual(closed.stderr, "netwatch: cannot write to standard output: writing: Bad file descriptor\n")
    }

    func testAFullStandardErrorDoesNotTurnAnErrorIntoACrash() throws {
        XCTAssertEqual(try snapshotInShell("> /dev/full 2> /dev/full").status, 1)
        XCTAssertEqual(try ProcessRunner.run(["/bin/sh", "-c", "\"$0\" snapshot --bogus 2> /dev/full", netwatch]).status, 2)
    }

    func testAnEmptyOutputPathIsABadArgument() throws {
        let snapshotResult = try snapshot(["-o", ""])
        XCTAssertEqual(snapshotResult.status, 2)
        XCTAssertEqual(snapshotResult.stderr, "netwatch: -o: expected a file path, not an empty string\n")
        let recordResult = try record(["-o", ""])
        XCTAssertEqual(recordResult.status, 2)
        XCTAssertEqual(recordResult.stderr, "netwatch: -o: expected a file path or '-', not an empty string\n")
    }
}
