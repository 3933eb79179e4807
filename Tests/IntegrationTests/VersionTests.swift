import Foundation
import TestSupport
import XCTest

/// `netwatch --version` and the script behind it (Plugins/GitRevision/git-revision.sh, run by
/// the build): the release number and the git revision the binary was built from.
final class VersionTests: XCTestCase {
    let script = FixturePaths.packageRoot + "/Plugins/GitRevision/git-revision.sh"

    /// The binary under test was built from this checkout, so it names its HEAD (and +dirty when
    /// tracked files differ from it).
    func testVersionNamesTheReleaseAndTheRevisionOfTheCheckout() throws {
        let result = try ProcessRunner.run([FixturePaths.binary("netwatch"), "--version"])
        XCTAssertEqual(result.status, 0)
        XCTAssertEqual(result.stderr, "")
        let head = try git(["-C", FixturePaths.packageRoot, "rev-parse", "--short=7", "HEAD"])
        guard head.status == 0 else {
            XCTAssertEqual(result.stdout, "netwatch 0.5.0 (git unknown)\n", "built outside a git checkout")
            return
        }
        let changes = try git(["-C", FixturePaths.packageRoot, "status", "--porcelain", "--untracked-files=no"]).stdout
        let revision = head.stdout.trimmingCharacters(in: .whitespacesAndNewlines) + (changes.isEmpty ? "" : "+dirty")
        XCTAssertEqual(result.stdout, "netwatch 0.5.0 (git \(revision))\n")
    }

    func testOutsideGitTheRevisionIsUnknown() throws {
        let directory = try ScratchDirectory("nwver")
        defer { directory.remove() }
        XCTAssertEqual(try revision(of: directory.path, output: directory.path + "/out/GitRevision.swift"), "unknown")
    }

    func testCommitThenTrackedEditThenRevertAndUntrackedFile() throws {
        try EnvironmentRequirement.require(FileManager.default.isExecutableFile(atPath: ProcessRunner.resolve("git")), "needs git")
        let directory = try ScratchDirectory("nwver")
        defer { directory.remove() }
        let repo = directory.path + "/repo", output = directory.path + "/GitRevision.swift"
        try FileManager.default.createDirectory(atPath: repo, withIntermediateDirectories: true)
        try "one\n".write(toFile: repo + "/tracked.txt", atomically: true, encoding: .utf8)
        for step in [["init", "-q"], ["add", "tracked.txt"],
                     ["-c", "user.name=test", "-c", "user.email=test@example.invalid", "commit", "-q", "-m", "first"]] {
            XCTAssertEqual(try git(["-C", repo] + step).status, 0, step.joined(separator: " "))
        }
        let commit = try git(["-C", repo, "rev-parse", "--short=7", "HEAD"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        XCTAssertEqual(commit.count, 7)

        XCTAssertEqual(try revision(of: repo, output: output), commit)
        let written = try inode(output)
        XCTAssertEqual(try revision(of: repo, output: output), commit)
        XCTAssertEqual(try inode(output), written, "an unchanged revision leaves the file alone (nothing recompiles)")

        try "untracked\n".write(toFile: repo + "/new.txt", atomically: true, encoding: .utf8)
        XCTAssertEqual(try revision(of: repo, output: output), commit, "untracked files do not make the tree dirty")
        try "two\n".write(toFile: repo + "/tracked.txt", atomically: true, encoding: .utf8)
        XCTAssertEqual(try revision(of: repo, output: output), commit + "+dirty")
        try "one\n".write(toFile: repo + "/tracked.txt", atomically: true, encoding: .utf8)
        XCTAssertEqual(try revision(of: repo, output: output), commit)
    }

    /// Runs the script on `source` and returns the revision it wrote, checking the file's form.
    private func revision(of source: String, output: String) throws -> String {
        let result = try ProcessRunner.run(["/bin/sh", script, source, output])
        XCTAssertEqual(result.status, 0, result.stderr)
        let text = try String(contentsOfFile: output, encoding: .utf8)
        let prefix = "/// The git revision this binary was built from (written by Plugins/GitRevision).\nlet gitRevision = \""
        XCTAssertTrue(text.hasPrefix(prefix) && text.hasSuffix("\"\n"), text)
        return String(text.dropFirst(prefix.count).dropLast(2))
    }

    private func inode(_ path: String) throws -> UInt64 {
        try XCTUnwrap(FileManager.default.attributesOfItem(atPath: path)[.systemFileNumber] as? UInt64)
    }

    private func git(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run(["git"] + arguments)
    }
}
