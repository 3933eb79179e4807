/// A TCP state as the kernel numbers it (`include/net/tcp_states.h`), read back through
/// `getsockopt(TCP_INFO)` to confirm that a socket reached the state the plan promised.
enum KernelTCPState: UInt8, Sendable, CustomStringConvertible {
    case established = 1, synSent, synReceived, finWait1, finWait2, timeWait, close, closeWait, lastAck, listen, closing, newSynReceived

    /// The name `ss` prints for the state.
    var description: String {
        switch self {
        case .established: return "ESTAB"
        case .synSent: return "SYN-SENT"
        case .synReceived: return "SYN-RECV"
        case .finWait1: return "FIN-WAIT-1"
        case .finWait2: return "FIN-WAIT-2"
        case .timeWait: return "TIME-WAIT"
        case .close: return "UNCONN"
        case .closeWait: return "CLOSE-WAIT"
        case .lastAck: return "LAST-ACK"
        case .listen: return "LISTEN"
        case .closing: return "CLOSING"
        case .newSynReceived: return "NEW-SYN-RECV"
        }
    }
}
