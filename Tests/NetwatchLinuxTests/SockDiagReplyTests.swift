import CNetlink
import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// sock_diag parsing on reply bytes recorded from a real dump (scripts/tools/record-netlink.c).
final class SockDiagReplyTests: XCTestCase {
    func frames(_ file: String) throws -> [[UInt8]] { try RecordedFrames.read(fixture: "netlink-storm/" + file) }

    func replay(_ file: String) throws -> (StateCounts, [SocketRecord], NetlinkReply.Step) {
        var counts = StateCounts()
        var records = [SocketRecord]()
        var last = NetlinkReply.Step.more
        for frame in try frames(file) {
            let outcome = frame.withUnsafeBytes { SockDiagReply.parse($0) { counts.add($0.state); records.append($0) } }
            last = outcome.step
        }
        return (counts, records, last)
    }

    func testRecordedDumpsEqualSS() throws {
        let (v4, records4, end4) = try replay("inet4.frames")
        let (v6, records6, end6) = try replay("inet6.frames")
        XCTAssertEqual(end4, .done)
        XCTAssertEqual(end6, .done)
        let ss = SSOracle(try String(contentsOfFile: FixturePaths.fixture("netlink-storm/ss-tan.txt"), encoding: .utf8))
        XCTAssertEqual(v4 + v6, ss.byState)
        XCTAssertTrue(records4.allSatisfy { $0.family == .ipv4 })
        XCTAssertTrue(records6.allSatisfy { $0.family == .ipv6 })
        let listeners = (records4 + records6).filter { $0.state == .listen }
            .map { "\($0.localAddress):\($0.localPort) \($0.rxQueue) \($0.txQueue)" }.sorted()
        XCTAssertEqual(listeners, ss.listeners, "netlink gives queue and backlog as ss shows them")
        let timeWait = records4.first { $0.state == .timeWait }
        XCTAssertEqual(timeWait?.timer, 3)
        XCTAssertEqual(timeWait?.inode, 0)
        XCTAssertLessThanOrEqual(timeWait?.expiresMs ?? 0, 60_000)
    }

    func testTruncatedReplyIsMalformedNotACrash() throws {
        let frame = try XCTUnwrap(try frames("inet4.frames").first)
        let first = Int(frame.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        let cut = Array(frame.prefix((first + 3) / 4 * 4 + 20))   // one whole message, then a torn header
        let outcome = cut.withUnsafeBytes { SockDiagReply.parse($0) { _ in } }
        guard case .malformed = outcome.step else { return XCTFail("expected malformed, got \(outcome.step)") }
        XCTAssertEqual(outcome.records, 1, "the first complete message is still read")
    }

    func testErrorMessageCarriesErrno() {
        var bytes = [UInt8](repeating: 0, count: 36)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(36), toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: UInt16(NLMSG_ERROR), toByteOffset: 4, as: UInt16.self)
            raw.storeBytes(of: Int32(-EPERM), toByteOffset: 16, as: Int32.self)
        }
        let outcome = bytes.withUnsafeBytes { SockDiagReply.parse($0) { _ in } }
        XCTAssertEqual(outcome.step, .failed(errno: EPERM))
    }

    func testRequestLayoutWithAndWithoutBytecode() throws {
        let plain = SockDiagClient.request(family: .ipv6, states: SockDiagClient.listenOnly, filter: nil)
        XCTAssertEqual(plain.count, 72)
        XCTAssertEqual(plain[16], 10, "sdiag_family AF_INET6")
        XCTAssertEqual(plain[17], 6, "IPPROTO_TCP")
        XCTAssertEqual(Array(plain[20..<24]), [0, 4, 0, 0], "idiag_states = 1 << LISTEN")
        let filtered = SockDiagClient.request(family: .ipv4, states: SockDiagClient.allStates, filter: try PortSet.parse("80"))
        XCTAssertEqual(filtered.count, 72 + 4 + 36)
        XCTAssertEqual(Array(filtered[0..<4]), [112, 0, 0, 0], "nlmsg_len covers the attribute")
        XCTAssertEqual(Array(filtered[72..<76]), [40, 0, 1, 0], "nla_len 40, INET_DIAG_REQ_BYTECODE")
    }
}
