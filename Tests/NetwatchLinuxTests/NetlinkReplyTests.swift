import Glibc
import NetwatchCore
@testable import NetwatchLinux
import XCTest

/// The framing and errors both netlink dumps share (``NetlinkReply``, ``NetlinkError``).
final class NetlinkReplyTests: XCTestCase {
    func message(type: UInt16, flags: UInt16 = 0, payload: [UInt8] = []) -> [UInt8] {
        var bytes = [UInt8]()
        withUnsafeBytes(of: UInt32(16 + payload.count)) { bytes += $0 }
        withUnsafeBytes(of: type) { bytes += $0 }
        withUnsafeBytes(of: flags) { bytes += $0 }
        bytes += [UInt8](repeating: 0, count: 8) + payload
        return bytes + [UInt8](repeating: 0, count: (4 - bytes.count % 4) % 4)
    }

    func testMessagesGoToTheParserUntilDoneAndAnInterruptedDumpIsNoted() {
        let bytes = message(type: 20, payload: [1, 2, 3]) + message(type: 21, flags: 0x10) + message(type: 3) + message(type: 20)
        var seen = [(UInt16, Int, Int)]()
        let outcome = bytes.withUnsafeBytes { buffer in
            NetlinkReply.walk(buffer) { type, payload, offset in
                seen.append((type, payload.count, offset))
                return type == 20 ? .record : .skipped
            }
        }
        XCTAssertEqual(outcome, NetlinkReply.Outcome(step: .done, records: 1, interrupted: true))
        XCTAssertEqual(seen.map(\.0), [20, 21])
        XCTAssertEqual(seen.map(\.1), [3, 0])
        XCTAssertEqual(seen.map(\.2), [0, 20])
    }

    func testAParsersComplaintStopsTheDumpAndAShortErrorIsEPROTO() {
        let bytes = message(type: 20) + message(type: 20)
        let outcome = bytes.withUnsafeBytes { NetlinkReply.walk($0) { _, _, offset in .malformed("bad at \(offset)") } }
        XCTAssertEqual(outcome, NetlinkReply.Outcome(step: .malformed("bad at 0")))
        XCTAssertEqual(message(type: 2).withUnsafeBytes { NetlinkReply.walk($0) { _, _, _ in .record } }.step, .failed(errno: EPROTO))
        XCTAssertEqual([UInt8](repeating: 0, count: 15).withUnsafeBytes { NetlinkReply.walk($0) { _, _, _ in .record } },
                       NetlinkReply.Outcome(step: .more), "less than a header: wait for more")
    }

    func testErrorsNameTheProtocolAndOnlyCtnetlinkExplainsEPERM() {
        XCTAssertEqual(NetlinkError(.ctnetlink, "dump", errno: EPERM).description,
                       "netlink ctnetlink dump failed: Operation not permitted (reading the conntrack table needs CAP_NET_ADMIN)")
        XCTAssertEqual(NetlinkError(.sockDiag, "dump", errno: EPERM).description, "netlink sock_diag dump failed: Operation not permitted")
        XCTAssertEqual(NetlinkError(.sockDiag, "receive", errno: EPROTO, detail: "the kernel closed the dump early").description,
                       "netlink sock_diag receive failed: the kernel closed the dump early")
    }
}
