import CNetlink
import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// `tcp_info` (the `INET_DIAG_INFO` attribute) read from sock_diag replies recorded with
/// `record-netlink 4 FILE info` in a namespace holding six connections to 127.0.0.1:5432 (two
/// with SO_KEEPALIVE, one that exchanged data) and a connect whose SYNs an nftables rule drops;
/// `ss -tanoi` taken right after is the oracle. And crafted short and broken attributes.
final class TCPInfoReplyTests: XCTestCase {
    func records(_ file: String) throws -> [SocketRecord] {
        var records = [SocketRecord]()
        for frame in try RecordedFrames.read(fixture: "netlink-health/" + file) {
            _ = frame.withUnsafeBytes { SockDiagReply.parse($0) { records.append($0) } }
        }
        return records
    }

    /// ss's `rtt:X/Y` (ms) per "local port-remote port", as microseconds.
    func ssRTT() throws -> [String: UInt32] {
        let text = try String(contentsOfFile: FixturePaths.fixture("netlink-health/ss-tnoi.txt"), encoding: .utf8)
        var result = [String: UInt32]()
        var port: String?
        for line in text.split(separator: "\n") {
            if !line.hasPrefix("\t") {
                let ports = line.split(separator: " ").dropFirst(3).prefix(2).compactMap { $0.split(separator: ":").last }
                port = ports.joined(separator: "-")
            } else if let port, let field = line.split(separator: " ").first(where: { $0.hasPrefix("rtt:") }),
                      let ms = Double(field.dropFirst(4).prefix { $0 != "/" }) {
                result[port] = UInt32((ms * 1000).rounded())
            }
        }
        return result
    }

    func testRecordedRepliesCarryTCPInfoMatchingSS() throws {
        let sockets = try records("inet4-info.frames")
        XCTAssertEqual(sockets.count, 14)
        let rtt = try ssRTT()
        let established = sockets.filter { $0.state == .established }
        XCTAssertEqual(established.count, 12)
        for socket in established {
            let info = try XCTUnwrap(socket.info, "\(socket.localPort)")
            XCTAssertEqual(info.length, 280, "Linux 6.18's struct tcp_info")
            XCTAssertEqual(info.rttMicroseconds, rtt["\(socket.localPort)-\(socket.remotePort)"], "\(socket.localPort)-\(socket.remotePort)")
            XCTAssertEqual(info.totalRetransmits, 0)
            XCTAssertEqual(info.unacked, 0)
            let idle = try XCTUnwrap(info.idleMs)
            XCTAssertTrue((2400...2572).contains(idle), "ss said lastsnd:2572 a moment later; got \(idle)")
        }
        let clients = established.filter { $0.remotePort == 5432 }
        XCTAssertEqual(clients.filter { $0.timer == SocketHealth.keepAliveTimer }.count, 2, "ss: two timer:(keepalive,…)")
        let connect = try XCTUnwrap(sockets.first { $0.state == .synSent })
        XCTAssertEqual(connect.remotePort, 9)
        XCTAssertEqual(connect.timer, 1, "the SYN retransmit timer")
        XCTAssertEqual(connect.info?.retransmits, 2, "ss: timer:(on,484ms,2)")
        XCTAssertEqual(connect.info?.unacked, 1, "ss: unacked:1")
    }

    func testADumpWithoutTheExtensionHasNoTCPInfo() throws {
        let sockets = try records("inet4-plain.frames")
        XCTAssertEqual(sockets.count, 14)
        XCTAssertTrue(sockets.allSatisfy { $0.info == nil })
    }

    func testTheRequestAsksForTheInfoExtensionOnlyWhenTold() {
        XCTAssertEqual(SockDiagClient.request(family: .ipv4, states: SockDiagClient.allStates, filter: nil)[18], 0)
        XCTAssertEqual(SockDiagClient.request(family: .ipv4, states: SockDiagClient.allStates, filter: nil, info: true)[18], 2,
                       "idiag_ext bit 1 << (INET_DIAG_INFO − 1)")
    }

    /// One sock_diag message: an `inet_diag_msg` for an ESTABLISHED socket, then `attribute`.
    func message(attribute: [UInt8]) -> [UInt8] {
        let length = 16 + MemoryLayout<inet_diag_msg>.size + attribute.count
        var bytes = [UInt8](repeating: 0, count: 16 + MemoryLayout<inet_diag_msg>.size)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(length), toByteOffset: 0, as: UInt32.self)
            raw.storeBytes(of: UInt16(SOCK_DIAG_BY_FAMILY), toByteOffset: 4, as: UInt16.self)
            raw[16] = UInt8(AF_INET)
            raw[17] = 1
        }
        return bytes + attribute
    }

    /// A 232-byte tcp_info with rtt 412 µs and 61 s since data last went either way.
    func infoBytes() -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: 232)
        bytes.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt32(61_000), toByteOffset: 44, as: UInt32.self)
            raw.storeBytes(of: UInt32(61_000), toByteOffset: 52, as: UInt32.self)
            raw.storeBytes(of: UInt32(412), toByteOffset: 68, as: UInt32.self)
        }
        return bytes
    }

    func attribute(type: UInt16 = UInt16(INET_DIAG_INFO), length: Int, payload: [UInt8]) -> [UInt8] {
        var header = [UInt8](repeating: 0, count: 4)
        header.withUnsafeMutableBytes { raw in
            raw.storeBytes(of: UInt16(length), toByteOffset: 0, as: UInt16.self)
            raw.storeBytes(of: type, toByteOffset: 2, as: UInt16.self)
        }
        return header + payload
    }

    func parse(_ bytes: [UInt8]) -> (NetlinkReply.Outcome, [SocketRecord]) {
        var records = [SocketRecord]()
        let outcome = bytes.withUnsafeBytes { SockDiagReply.parse($0) { records.append($0) } }
        return (outcome, records)
    }

    func testAShortStructFromAnOlderKernelGivesOnlyTheFieldsItCovers() throws {
        let payload = Array(infoBytes().prefix(72))
        let (outcome, records) = parse(message(attribute: attribute(length: 4 + 72, payload: payload)))
        XCTAssertEqual(outcome.records, 1)
        let info = try XCTUnwrap(records.first?.info)
        XCTAssertEqual(info.length, 72)
        XCTAssertEqual(info.rttMicroseconds, 412)
        XCTAssertNil(info.totalRetransmits)
        XCTAssertNil(info.segmentsOut)
    }

    func testAnAttributeOverrunningItsMessageIsIgnoredAndTheSocketStillCounts() {
        let payload = Array(infoBytes().prefix(40))
        let (outcome, records) = parse(message(attribute: attribute(length: 4 + 232, payload: payload)))
        XCTAssertEqual(outcome.records, 1)
        XCTAssertEqual(records.count, 1)
        XCTAssertNil(records.first?.info)
    }

    func testAnAttributeShorterThanItsHeaderEndsTheWalk() {
        let (outcome, records) = parse(message(attribute: attribute(length: 2, payload: [0, 0, 0, 0])))
        XCTAssertEqual(outcome.records, 1)
        XCTAssertNil(records.first?.info)
    }

    func testOtherAttributesBeforeTheInfoAreSkipped() throws {
        let other = attribute(type: UInt16(INET_DIAG_MEMINFO), length: 4 + 16, payload: [UInt8](repeating: 0xFF, count: 16))
        let payload = Array(infoBytes().prefix(56))
        let (_, records) = parse(message(attribute: other + attribute(length: 4 + 56, payload: payload)))
        XCTAssertEqual(records.first?.info?.idleMs, 61_000)
    }
}
