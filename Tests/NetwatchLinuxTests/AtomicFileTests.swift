import Foundation
import TestSupport
import XCTest
@testable import NetwatchLinux

final class AtomicFileTests: XCTestCase {
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
        let file = try AtomicFile(path: dir + "/out.json")
        XCTAssertEqual(try String(contentsOfFile: dir + "/out.json", encoding: .utf8), "old", "untouched until commit")
        try file.commit(Array("{}\n".utf8))
        XCTAssertEqual(try String(contentsOfFile: dir + "/out.json", encoding: .utf8), "{}\n")
        XCTAssertEqual(try entries(), ["out.json"])
    }

    func testAbandonLeavesNothing() throws {
        let file = try AtomicFile(path: dir + "/x.json")
        file.abandon()
        XCTAssertEqual(try entries(), [])
    }

    func testNoOverwriteRefusesAnExistingFileAndKeepsIt() throws {
        try "keep".write(toFile: dir + "/e.json", atomically: false, encoding: .utf8)
        let file = try AtomicFile(path: dir + "/e.json", mode: 0o600, overwrite: false)
        XCTAssertThrowsError(try file.commit(Array("new".utf8))) { error in
            XCTAssertEqual("\(error)", "cannot write '\(self.dir)/e.json': creating: File exists")
        }
        XCTAssertEqual(try String(contentsOfFile: dir + "/e.json", encoding: .utf8), "keep")
        XCTAssertEqual(try entries(), ["e.json"])
    }

    func testNoOverwriteDoesNotFollowASymlink() throws {
        try "target".write(toFile: dir + "/target", atomically: false, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.json", withDestinationPath: dir + "/target")
        let file = try AtomicFile(path: dir + "/link.json", mode: 0o600, overwrite: false)
        XCTAssertThrowsError(try file.commit(Array("x".utf8)))
        XCTAssertEqual(try String(contentsOfFile: dir + "/target", encoding: .utf8), "target")
    }

    func testModeIsApplied() throws {
        let file = try AtomicFile(path: dir + "/secret.json", mode: 0o600, overwrite: false)
        try file.commit(Array("x".utf8))
        let mode = try FileManager.default.attributesOfItem(atPath: dir + "/secret.json")[.posixPermissions] as? Int
        XCTAssertEqual(mode, 0o600)
    }

    func testMissingDirectoryFailsUpFrontNamingThePath() {
        XCTAssertThrowsError(try AtomicFile(path: dir + "/nope/out.json")) { error in
            XCTAssertEqual("\(error)", "cannot write '\(self.dir)/nope/out.json': creating a temporary file in '\(self.dir)/nope/': No such file or directory")
        }
    }
}
