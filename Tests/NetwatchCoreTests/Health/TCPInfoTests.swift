import XCTest
@testable import NetwatchCore

/// `tcp_info` read from however many bytes the kernel sent: a field the attribute does not cover
/// is unknown (`nil`), never 0.
final class TCPInfoTests: XCTestCase {
    /// A full struct (232 bytes, as Linux 6.18 sends) with distinct values in the fields read.
    static func bytes() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 232)
        bytes.withUnsafeMutableBytes { raw in
            raw[2] = 3
            raw.storeBytes(of: UInt32(7), toByteOffset: 24, as: UInt32.self)
            raw.storeBytes(of: UInt32(61_000), toByteOffset: 44, as: UInt32.self)
            raw.storeBytes(of: UInt32(700_000), toByteOffset: 52, as: UInt32.self)
            raw.storeBytes(of: UInt32(412), toByteOffset: 68, as: UInt32.self)
            raw.storeBytes(of: UInt32(9), toByteOffset: 100, as: UInt32.self)
            raw.storeBytes(of: UInt32(1000), toByteOffset: 136, as: UInt32.self)
        }
        return bytes
    }

    private func info(_ length: Int) -> TCPInfo {
        Array(TCPInfoTests.bytes().prefix(length)).withUnsafeBytes { TCPInfo($0) }
    }

    func testAFullStructGivesEveryField() {
        let info = info(232)
        XCTAssertEqual(info.retransmits, 3)
        XCTAssertEqual(info.unacked, 7)
        XCTAssertEqual(info.lastDataSentMs, 61_000)
        XCTAssertEqual(info.lastDataReceivedMs, 700_000)
        XCTAssertEqual(info.idleMs, 61_000)
        XCTAssertEqual(info.rttMicroseconds, 412)
        XCTAssertEqual(info.totalRetransmits, 9)
        XCTAssertEqual(info.segmentsOut, 1000)
    }

    func testTheOriginal104ByteStructHasNoSegmentCount() {
        let info = info(104)
        XCTAssertEqual(info.totalRetransmits, 9)
        XCTAssertNil(info.segmentsOut)
    }

    func testAStructCutInsideAFieldLeavesThatFieldAndTheRestUnknown() {
        let cut = info(70)
        XCTAssertEqual(cut.idleMs, 61_000)
        XCTAssertNil(cut.rttMicroseconds, "rtt at 68..<72 is cut")
        XCTAssertNil(cut.totalRetransmits)
        let shorter = info(50)
        XCTAssertEqual(shorter.lastDataSentMs, 61_000)
        XCTAssertNil(shorter.lastDataReceivedMs)
        XCTAssertNil(shorter.idleMs, "idle needs both times")
        XCTAssertEqual(shorter.unacked, 7)
    }

    func testAnEmptyOrTinyAttributeGivesNothing() {
        let empty = info(0)
        XCTAssertEqual(empty.length, 0)
        XCTAssertNil(empty.retransmits)
        XCTAssertNil(empty.unacked)
        XCTAssertNil(empty.idleMs)
        XCTAssertEqual(info(3).retransmits, 3)
        XCTAssertNil(info(3).unacked)
    }
}
