import Foundation
import TestSupport
import XCTest
@testable import NetwatchLinux

final class ProcRootTests: XCTestCase {
    func testResolveOrderOptionThenEnvironmentThenProc() throws {
        XCTAssertEqual(try ProcRoot.resolve(option: "/tmp/", environment: ["NETWATCH_PROC_ROOT": "/"]).path, "/tmp")
        XCTAssertEqual(try ProcRoot.resolve(option: nil, environment: ["NETWATCH_PROC_ROOT": "/tmp"]).path, "/tmp")
        XCTAssertEqual(try ProcRoot.resolve(option: nil, environment: ["NETWATCH_PROC_ROOT": ""]).path, "/proc")
        XCTAssertTrue(try ProcRoot.resolve(option: nil, environment: [:]).isProcfs)
        XCTAssertFalse(ProcRoot(path: "/tmp").isProcfs)
    }

    func testResolveRejectsMissingAndNonDirectories() {
        XCTAssertThrowsError(try ProcRoot.resolve(option: "/nonexistent-root", environment: [:])) {
            XCTAssertEqual("\($0)", "--proc-root '/nonexistent-root': No such file or directory")
        }
        XCTAssertThrowsError(try ProcRoot.resolve(option: "/etc/hostname", environment: [:])) {
            XCTAssertEqual("\($0)", "--proc-root '/etc/hostname': not a directory")
        }
    }

    func testWholeFileReadsBeyondOnePage() throws {
        let path = NSTemporaryDirectory() + "netwatch-big-\(getpid())"
        let text = String(repeating: "0123456789abcdef\n", count: 100_000)
        try text.write(toFile: path, atomically: false, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        XCTAssertEqual(try ProcRoot(path: "/").read(String(path.dropFirst()), limit: ProcRoot.socketTableLimit).get(), text)
    }

    func testReadErrorsNameTheFile() {
        let root = ProcRoot(path: "/proc")
        guard case let .failure(error) = root.read("net/does-not-exist") else { return XCTFail("read succeeded") }
        XCTAssertTrue(error.isMissing)
        XCTAssertEqual(error.description, "/proc/net/does-not-exist is missing")
    }

    // MARK: files a kernel would not have

    func testAFIFOIsRefusedWithoutBlocking() throws {
        try ScratchDirectory.with("nw-fifo") { dir in
            XCTAssertEqual(mkfifo(dir + "/tcp", 0o600), 0)
            guard case let .failure(error) = ProcRoot(path: dir).readBytes("tcp") else { return XCTFail("a FIFO was read") }
            XCTAssertEqual(error.description, "\(dir)/tcp is a FIFO, not a regular file; not read")
            XCTAssertFalse(error.isMissing)
        }
    }

    func testDevicesAndDirectoriesAreRefused() throws {
        try ScratchDirectory.with("nw-device") { dir in
            XCTAssertEqual(symlink("/dev/zero", dir + "/file-nr"), 0)
            XCTAssertEqual(mkdir(dir + "/snmp", 0o700), 0)
            let root = ProcRoot(path: dir)
            XCTAssertEqual(root.read("file-nr").failureDescription, "\(dir)/file-nr is a character device, not a regular file; not read")
            XCTAssertEqual(root.read("snmp").failureDescription, "\(dir)/snmp is a directory, not a regular file; not read")
        }
    }

    func testReadsStopAtTheirBound() throws {
        try ScratchDirectory.with("nw-bound") { dir in
            try String(repeating: "x", count: 4096).write(toFile: dir + "/exact", atomically: false, encoding: .utf8)
            try String(repeating: "x", count: 4097).write(toFile: dir + "/over", atomically: false, encoding: .utf8)
            let root = ProcRoot(path: dir)
            XCTAssertEqual(try root.readBytes("exact", limit: 4096).get().count, 4096)
            XCTAssertEqual(root.read("over", limit: 4096).failureDescription, "\(dir)/over is larger than 4096 bytes; not read")
            XCTAssertEqual(ProcRoot.kernelFileLimit, 1 << 20)
            XCTAssertEqual(ProcRoot.socketTableLimit, 256 << 20)
        }
    }

    func testProcfsFilesReportingSizeZeroAreReadWhole() throws {
        let text = try ProcRoot(path: "/proc").read("self/status").get()
        XCTAssertTrue(text.hasPrefix("Name:"), text)
        XCTAssertTrue(text.contains("\nSigBlk:"), text)
    }
}

extension Result where Failure == ProcReadError {
    /// The failure's message, or nil when the read succeeded.
    var failureDescription: String? {
        if case let .failure(error) = self { return error.description }
        return nil
    }
}
