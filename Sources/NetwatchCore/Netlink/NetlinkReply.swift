/// The netlink message framing shared by the dump parsers (sock_diag's ``SocketRecord``s,
/// ctnetlink's ``ConntrackEntry``s): walks the messages of one receive buffer in place, ends the
/// dump at `NLMSG_DONE` or `NLMSG_ERROR`, notes `NLM_F_DUMP_INTR`, and hands every other message
/// to the protocol's parser. Pure: no I/O, so recorded reply bytes replay in tests.
public enum NetlinkReply {
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
        /// Records (sockets, conntrack entries) handed to the caller.
        public var records = 0
        /// The kernel set `NLM_F_DUMP_INTR`: the table changed during the dump.
        public var interrupted = false

        public init(step: Step, records: Int = 0, interrupted: Bool = false) {
            self.step = step
            self.records = records
            self.interrupted = interrupted
        }
    }

    /// What a protocol's parser made of one message.
    public enum Message {
        /// A record went to the caller.
        case record
        /// A message of another type, or a record netwatch does not know; nothing to count.
        case skipped
        /// The message is broken; the dump stops with this reason.
        case malformed(String)
    }

    /// The uapi constants of linux/netlink.h this framing reads; NetwatchLinux's tests check them
    /// against the C headers.
    public enum ABI {
        /// `sizeof(struct nlmsghdr)`.
        public static let headerLength = 16
        public static let done: UInt16 = 3
        public static let error: UInt16 = 2
        public static let dumpInterrupted: UInt16 = 0x10
        /// `EPROTO`, for an error message too short to carry its errno.
        public static let protocolError: Int32 = 71
        /// `sizeof(struct nlattr)`.
        public static let attributeHeaderLength = 4
        /// `NLA_TYPE_MASK`: an attribute's type without `NLA_F_NESTED` / `NLA_F_NET_BYTEORDER`.
        public static let attributeTypeMask: UInt16 = 0x3FFF
    }

    /// The attributes (`struct nlattr`: length, type, value, padded to 4 bytes) of one message's
    /// payload or of a nested attribute, in order. The walk ends at the first attribute whose
    /// length overruns its container, and ``overrun`` says which.
    public struct Attributes {
        private let buffer: UnsafeRawBufferPointer
        private var offset = 0
        /// Why the walk ended early; `nil` while every attribute fitted.
        public private(set) var overrun: String?

        public init(_ buffer: UnsafeRawBufferPointer) {
            self.buffer = buffer
        }

        /// The next attribute's type (masked with ``ABI/attributeTypeMask``) and value.
        @inline(__always)
        public mutating func next() -> (type: UInt16, value: UnsafeRawBufferPointer)? {
            guard overrun == nil, offset + ABI.attributeHeaderLength <= buffer.count else { return nil }
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset, as: UInt16.self))
            let type = buffer.loadUnaligned(fromByteOffset: offset + 2, as: UInt16.self) & ABI.attributeTypeMask
            guard length >= ABI.attributeHeaderLength, offset + length <= buffer.count else {
                overrun = "attribute of \(length) bytes at offset \(offset) overruns its \(buffer.count)-byte container"
                return nil
            }
            let value = UnsafeRawBufferPointer(rebasing: buffer[(offset + ABI.attributeHeaderLength)..<(offset + length)])
            offset += (length + 3) & ~3
            return (type, value)
        }
    }

    /// Walks the messages of `buffer`.
    /// - Parameter message: the protocol's parser, given each message's type, its payload (after
    ///   the nlmsghdr) and its offset in the buffer.
    @inline(__always)
    public static func walk(_ buffer: UnsafeRawBufferPointer,
                            _ message: (_ type: UInt16, _ payload: UnsafeRawBufferPointer, _ offset: Int) -> Message) -> Outcome {
        var outcome = Outcome(step: .more)
        var offset = 0
        while offset + ABI.headerLength <= buffer.count {
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset, as: UInt32.self))
            let type = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt16.self)
            let flags = buffer.loadUnaligned(fromByteOffset: offset + 6, as: UInt16.self)
            guard length >= ABI.headerLength, offset + length <= buffer.count else {
                outcome.step = .malformed("message of \(length) bytes at offset \(offset) overruns a \(buffer.count)-byte reply")
                return outcome
            }
            if flags & ABI.dumpInterrupted != 0 { outcome.interrupted = true }
            switch type {
            case ABI.done:
                outcome.step = .done
                return outcome
            case ABI.error:
                let code = length >= ABI.headerLength + 4
                    ? buffer.loadUnaligned(fromByteOffset: offset + ABI.headerLength, as: Int32.self) : -ABI.protocolError
                outcome.step = .failed(errno: -code)
                return outcome
            default:
                switch message(type, UnsafeRawBufferPointer(rebasing: buffer[(offset + ABI.headerLength)..<(offset + length)]), offset) {
                case .record: outcome.records += 1
                case .skipped: break
                case let .malformed(why):
                    outcome.step = .malformed(why)
                    return outcome
                }
            }
            offset += (length + 3) & ~3
        }
        return outcome
    }
}
