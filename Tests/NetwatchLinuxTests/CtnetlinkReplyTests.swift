import CNetlink
import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// ctnetlink parsing on reply bytes recorded from a real dump (scripts/tools/record-ctnetlink.c) in
/// a namespace with an nftables conntrack rule, loopback flows and an SNAT rule (127.0.0.2:7002
/// translated to 127.0.0.3), compared with `conntrack -L` taken right after (the fixture's oracle).
final class CtnetlinkReplyTests: XCTestCase {
    func frames() throws -> [[UInt8]] { try RecordedFrames.read(fixture: "ctnetlink-snat/dump.frames") }

    func key(_ d: Snapshot.ConntrackDestination) -> String { "\(d.ipProtocol) \(d.address) \(d.port)" }

    func testRecordedDumpEqualsConntrackList() throws {
        var table = ConntrackTable()
        var last = NetlinkReply.Step.more
        for frame in try frames() {
            last = frame.withUnsafeBytes { CtnetlinkReply.parse($0) { table.add($0) } }.step
        }
        XCTAssertEqual(last, .done)
        let oracle = ConntrackOracle(try String(contentsOfFile: FixturePaths.fixture("ctnetlink-snat/conntrack-L.txt"), encoding: .utf8))
        XCTAssertEqual(table.entries, 33)
        XCTAssertEqual(table.entries, oracle.entries)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: table.tcpByState.map { ($0.key.name, $0.value) }), oracle.byState)
        let snapshot = try XCTUnwrap(Snapshot.Conntrack.analyse(ConntrackSample(count: 33).with(table), previous: nil, elapsed: nil, top: 100))
        let destinations = try XCTUnwrap(snapshot.destinations)
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: destinations.map { (key($0), $0.entries) }), oracle.destinations)
        let natted = destinations.filter { !$0.sourceNAT.isEmpty }
        XCTAssertEqual(Dictionary(uniqueKeysWithValues: natted.map { d in
            (key(d), Dictionary(uniqueKeysWithValues: d.sourceNAT.map { ($0.address.description, $0.entries) }))
        }), oracle.sourceNAT)
        XCTAssertEqual(oracle.sourceNAT, ["6 127.0.0.2 7002": ["127.0.0.3": 10]], "the fixture holds the SNAT'd flows")
    }

    func testTruncatedReplyIsMalformedAfterTheCompleteMessages() throws {
        let frame = try XCTUnwrap(try frames().first)
        let first = Int(frame.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        let cut = Array(frame.prefix((first + 3) / 4 * 4 + 20))
        let outcome = cut.withUnsafeBytes { CtnetlinkReply.parse($0) { _ in } }
        XCTAssertEqual(outcome.records, 1)
        XCTAssertEqual(outcome.step, .malformed("message of \(Int(cut[(first + 3) / 4 * 4]) | Int(cut[(first + 3) / 4 * 4 + 1]) << 8) "
            + "bytes at offset \((first + 3) / 4 * 4) overruns a \(cut.count)-byte reply"))
    }

    func testAttributeOverrunningItsMessageIsMalformed() throws {
        var frame = try XCTUnwrap(try frames().first)
        // The first attribute after nlmsghdr (16) and nfgenmsg (4) claims 4000 bytes.
        frame[20] = 0xA0
        frame[21] = 0x0F
        let outcome = frame.withUnsafeBytes { CtnetlinkReply.parse($0) { _ in } }
        let length = Int(frame.withUnsafeBytes { $0.loadUnaligned(as: UInt32.self) })
        XCTAssertEqual(outcome.step, .malformed("ctnetlink message at offset 0: attribute of 4000 bytes at offset 0 overruns its "
            + "\(length - 20)-byte container"))
        XCTAssertEqual(outcome.records, 0)
    }

    func testMessageWithoutReplyTupleIsMalformed() throws {
        var bytes = [UInt8]()
        func append<T>(_ value: T) { withUnsafeBytes(of: value) { bytes += $0 } }
        // nlmsghdr + nfgenmsg + an empty CTA_STATUS-only payload (no tuples).
        append(UInt32(16 + 4 + 8)); append(UInt16(1 << 8)); append(UInt16(0)); append(UInt32(0)); append(UInt32(0))
        bytes += [2, 0, 0, 0]
        append(UInt16(8)); append(UInt16(3)); append(UInt32(0))
        let outcome = bytes.withUnsafeBytes { CtnetlinkReply.parse($0) { _ in } }
        XCTAssertEqual(outcome.step, .malformed("ctnetlink message at offset 0: no CTA_TUPLE_ORIG"))
    }

    func testErrorReplyCarriesTheErrno() {
        var bytes = [UInt8]()
        withUnsafeBytes(of: UInt32(36)) { bytes += $0 }
        withUnsafeBytes(of: UInt16(2)) { bytes += $0 }
        bytes += [UInt8](repeating: 0, count: 10)
        withUnsafeBytes(of: Int32(-EPERM)) { bytes += $0 }
        bytes += [UInt8](repeating: 0, count: 16)
        XCTAssertEqual(bytes.withUnsafeBytes { CtnetlinkReply.parse($0) { _ in } }.step, .failed(errno: EPERM))
    }

    func testConstantsEqualTheKernelHeaders() {
        typealias ABI = CtnetlinkReply.ABI
        XCTAssertEqual(NetlinkReply.ABI.headerLength, Int(cnl_header_length()))
        XCTAssertEqual(ABI.nfgenmsgLength, MemoryLayout<nfgenmsg>.size)
        XCTAssertEqual(Int32(NetlinkReply.ABI.done), NLMSG_DONE)
        XCTAssertEqual(Int32(NetlinkReply.ABI.error), NLMSG_ERROR)
        XCTAssertEqual(Int32(NetlinkReply.ABI.dumpInterrupted), NLM_F_DUMP_INTR)
        XCTAssertEqual(NetlinkReply.ABI.protocolError, EPROTO)
        XCTAssertEqual(Int32(ABI.subsystemConntrack), NFNL_SUBSYS_CTNETLINK)
        XCTAssertEqual(UInt32(ABI.messageNew), IPCTNL_MSG_CT_NEW.rawValue)
        XCTAssertEqual(Int32(NetlinkReply.ABI.attributeTypeMask), 0xFFFF & ~(NLA_F_NESTED | NLA_F_NET_BYTEORDER))
        XCTAssertEqual(NetlinkReply.ABI.attributeHeaderLength, Int(cnl_attribute_header_length()))
        XCTAssertEqual([ABI.tupleOriginal, ABI.tupleReply, ABI.status, ABI.protocolInfo].map(UInt32.init),
                       [CTA_TUPLE_ORIG, CTA_TUPLE_REPLY, CTA_STATUS, CTA_PROTOINFO].map(\.rawValue))
        XCTAssertEqual([ABI.tupleIP, ABI.tupleProtocol].map(UInt32.init), [CTA_TUPLE_IP, CTA_TUPLE_PROTO].map(\.rawValue))
        XCTAssertEqual([ABI.ipv4Source, ABI.ipv4Destination, ABI.ipv6Source, ABI.ipv6Destination].map(UInt32.init),
                       [CTA_IP_V4_SRC, CTA_IP_V4_DST, CTA_IP_V6_SRC, CTA_IP_V6_DST].map(\.rawValue))
        XCTAssertEqual([ABI.protocolNumber, ABI.protocolSourcePort, ABI.protocolDestinationPort].map(UInt32.init),
                       [CTA_PROTO_NUM, CTA_PROTO_SRC_PORT, CTA_PROTO_DST_PORT].map(\.rawValue))
        XCTAssertEqual(UInt32(ABI.protocolInfoTCP), CTA_PROTOINFO_TCP.rawValue)
        XCTAssertEqual(UInt32(ABI.protocolInfoTCPState), CTA_PROTOINFO_TCP_STATE.rawValue)
        XCTAssertEqual(ConntrackEntry.sourceNATBit, UInt32(IPS_SRC_NAT.rawValue))
        XCTAssertEqual(UInt32(ConntrackTCPState.timeWait.rawValue), TCP_CONNTRACK_TIME_WAIT.rawValue)
        XCTAssertEqual(UInt32(ConntrackTCPState.synSent2.rawValue), TCP_CONNTRACK_LISTEN.rawValue, "SYN_SENT2 is the old LISTEN slot")
    }
}

private extension ConntrackSample {
    func with(_ table: ConntrackTable) -> ConntrackSample {
        var copy = self
        copy.table = table
        return copy
    }
}
