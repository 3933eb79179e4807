import Foundation
import XCTest
@testable import NetwatchLinux

/// Kernel files kept open and read again from offset 0 (the live /proc).
final class OpenKernelFilesTests: XCTestCase {
    func testAKeptFileIsGeneratedAnewOnEachReadThroughOneDescriptor() throws {
        let files = OpenKernelFiles(root: ProcRoot())
        let before = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        // Each read of this sysctl makes a new UUID.
        let reads = try (0..<3).map { _ in try files.read("sys/kernel/random/uuid").get() }
        let after = try FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count
        XCTAssertEqual(Set(reads).count, 3)
        XCTAssertEqual(reads.map(\.utf8.count), [37, 37, 37])
        XCTAssertEqual(after - before, 1, "one descriptor kept for the file")
    }

    func testAFileLongerThanTheBufferIsReadWholeAndTheLimitHolds() throws {
        let files = OpenKernelFiles(root: ProcRoot(), bufferSize: 4)
        let release = try ProcRoot().read("sys/kernel/osrelease").get()
        XCTAssertEqual(try files.read("sys/kernel/osrelease").get(), release)
        let limited = OpenKernelFiles(root: ProcRoot(), bufferSize: 4)
        XCTAssertThrowsError(try limited.read("sys/kernel/osrelease", limit: 5).get()) {
            XCTAssertEqual("\($0)", "/proc/sys/kernel/osrelease is larger than 5 bytes; not read")
        }
    }

    func testAMissingFileIsTheSameErrorAsAnOpenedRead() {
        let files = OpenKernelFiles(root: ProcRoot())
        XCTAssertThrowsError(try files.read("sys/net/ipv4/no_such_sysctl").get()) {
            XCTAssertEqual("\($0)", "/proc/sys/net/ipv4/no_such_sysctl is missing")
        }
    }
}
