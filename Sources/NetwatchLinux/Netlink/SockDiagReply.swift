import CNetlink
import Glibc
import NetwatchCore

/// Parses sock_diag reply messages in place from a receive buffer, handing each socket to a
/// closure. Pure: no I/O, so recorded reply bytes can be replayed in tests.
public enum SockDiagReply {
    /// What a buffer said about the dump as a whole.
    public enum Step: Equatable, Sendable {
        /// More messages will follow in the next receive.
        case more
        /// `NLMSG_DONE` was seen.
        case done
        /// `NLMSG_ERROR` with this (positive) errno.
        case failed(errno: Int32)
        /// The buffer does not hold well-formed netlink messages.
        case malformed(String)
    }

    public struct Outcome: Equatable, Sendable {
        public var step: Step
        public var sockets = 0
        /// The kernel set `NLM_F_DUMP_INTR`: the table changed during the dump.
        public var interrupted = false
    }

    static let headerLength = Int(cnl_header_length())
    static let messageLength = MemoryLayout<inet_diag_msg>.size

    public static func parse(_ buffer: UnsafeRawBufferPointer, _ body: (SocketRecord) -> Void) -> Outcome {
        var outcome = Outcome(step: .more)
        var offset = 0
        while offset + headerLength <= buffer.count {
            let header = buffer.loadUnaligned(fromByteOffset: offset, as: nlmsghdr.self)
            let length = Int(header.nlmsg_len)
            guard length >= headerLength, offset + length <= buffer.count else {
                outcome.step = .malformed("message of \(length) bytes at offset \(offset) overruns a \(buffer.count)-byte reply")
                return outcome
            }
            if header.nlmsg_flags & UInt16(NLM_F_DUMP_INTR) != 0 { outcome.interrupted = true }
            switch Int32(header.nlmsg_type) {
            case NLMSG_DONE:
                outcome.step = .done
                return outcome
            case NLMSG_ERROR:
                let code = length >= headerLength + 4
                    ? buffer.loadUnaligned(fromByteOffset: offset + headerLength, as: Int32.self) : -Int32(EPROTO)
                outcome.step = .failed(errno: -code)
                return outcome
            case SOCK_DIAG_BY_FAMILY, TCPDIAG_GETSOCK:   // the reply to each form of request
                guard length >= headerLength + messageLength else {
                    outcome.step = .malformed("sock_diag message of \(length) bytes is shorter than inet_diag_msg")
                    return outcome
                }
                let message = buffer.loadUnaligned(fromByteOffset: offset + headerLength, as: inet_diag_msg.self)
                if let record = record(message) {
                    outcome.sockets += 1
                    body(record)
                }
            default:
                break
            }
            offset += Int(cnl_align(UInt32(length)))
        }
        return outcome
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
