/// A TCP connection's state as conntrack tracks it: the kernel's `enum tcp_conntrack`
/// (include/uapi/linux/netfilter/nf_conntrack_tcp.h), carried in `CTA_PROTOINFO_TCP_STATE`.
/// Names are the ones `conntrack -L` prints. These are conntrack's view of the packets, not the
/// sockets': a flow closed by both ends stays `TIME_WAIT` here for
/// `nf_conntrack_tcp_timeout_time_wait` seconds (120 by default).
public enum ConntrackTCPState: UInt8, CaseIterable, Sendable {
    case none = 0
    case synSent = 1
    case synRecv = 2
    case established = 3
    case finWait = 4
    case closeWait = 5
    case lastAck = 6
    case timeWait = 7
    case close = 8
    case synSent2 = 9

    /// `ESTABLISHED`, `TIME_WAIT`, … as `conntrack -L` prints them; the JSON keys of `by_state`.
    public var name: String {
        switch self {
        case .none: "NONE"
        case .synSent: "SYN_SENT"
        case .synRecv: "SYN_RECV"
        case .established: "ESTABLISHED"
        case .finWait: "FIN_WAIT"
        case .closeWait: "CLOSE_WAIT"
        case .lastAck: "LAST_ACK"
        case .timeWait: "TIME_WAIT"
        case .close: "CLOSE"
        case .synSent2: "SYN_SENT2"
        }
    }

    public init?(name: String) {
        guard let state = ConntrackTCPState.allCases.first(where: { $0.name == name }) else { return nil }
        self = state
    }
}
