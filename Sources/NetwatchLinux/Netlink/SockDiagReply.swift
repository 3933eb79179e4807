import CNetlink
import Glibc
import NetwatchCore

/// Parses sock_diag reply messages in place from a receive buffer (framed by ``NetlinkReply``),
/// handing each socket to a closure. Pure: no I/O, so recorded reply bytes can be replayed in tests.
public enum SockDiagReply {
    static let messageLength = MemoryLayout<inet_diag_msg>.size

    /// ``NetlinkReply/Outcome/records`` counts the sockets handed to `body`.
    public static func parse(_ buffer: UnsafeRawBufferPointer, _ body: (SocketRecord) -> Void) -> NetlinkReply.Outcome {
        NetlinkReply.walk(buffer) { type, payload, _ in
            guard Int32(type) == SOCK_DIAG_BY_FAMILY || Int32(type) == TCPDIAG_GETSOCK else { return .skipped }  // the reply to each form of request
            guard payload.count >= messageLength else {
                return .malformed("sock_diag message of \(payload.count + NetlinkReply.ABI.headerLength) bytes is shorter than inet_diag_msg")
            }
            guard var record = record(payload.loadUnaligned(as: inet_diag_msg.self)) else { return .skipped }
            record.info = info(in: UnsafeRawBufferPointer(rebasing: payload[messageLength...]))
            body(record)
            return .record
        }
    }

    /// The `INET_DIAG_INFO` attribute's `tcp_info` among the attributes after an `inet_diag_msg`;
    /// `nil` when there is none. Attributes whose length overruns the message end the walk.
    public static func info(in attributes: UnsafeRawBufferPointer) -> TCPInfo? {
        var walk = NetlinkReply.Attributes(attributes)
        while let (type, value) = walk.next() {
            if type == UInt16(INET_DIAG_INFO) { return TCPInfo(value) }
        }
        return nil
    }

    /// Maps one `inet_diag_msg`; `nil` for a family or state netwatch does not know.
    @inline(__always)
    static func record(_ m: inet_diag_msg) -> SocketRecord? {
        guard let family = AddressFamily(rawValue: m.idiag_family),
              let state = TCPState(kernelCode: m.idiag_state) else { return nil }
        let src = m.id.idiag_src, dst = m.id.idiag_dst
        return SocketRecord(
            family: family, state: state,
            localAddress: IPAddress(family: family, words: src.0, src.1, src.2, src.3),
            localPort: UInt16(bigEndian: m.id.idiag_sport),
            remoteAddress: IPAddress(family: family, words: dst.0, dst.1, dst.2, dst.3),
            remotePort: UInt16(bigEndian: m.id.idiag_dport),
            timer: m.idiag_timer, expiresMs: m.idiag_expires,
            rxQueue: m.idiag_rqueue, txQueue: m.idiag_wqueue, uid: m.idiag_uid, inode: m.idiag_inode)
    }
}
