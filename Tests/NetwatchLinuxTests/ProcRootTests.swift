import Foundation
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
        XCTAssertEqual(try ProcRoot(path: "/").read(String(path.dropFirst())).get(), text)
    }

    func testReadErrorsNameTheFile() {
        let root = ProcRoot(path: "/proc")
        guard case let .failure(error) = root.read("net/does-not-exist") else { return XCTFail("read succeeded") }
        XCTAssertTrue(error.isMissing)
        XCTAssertEqual(error.description, "/proc/net/does-not-exist is missing")
    }
}
