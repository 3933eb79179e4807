/// A TCP socket state as the kernel numbers it (`include/net/tcp_states.h`).
///
/// Half-open request sockets (`TCP_NEW_SYN_RECV`, 12) are reported as ``synRecv``, the way
/// `/proc/net/tcp` and `ss` show them.
public enum TCPState: UInt8, CaseIterable, Sendable, Comparable {
    case established = 1   // TCP_ESTABLISHED
    case synSent = 2       // TCP_SYN_SENT
    case synRecv = 3       // TCP_SYN_RECV (and TCP_NEW_SYN_RECV)
    case finWait1 = 4      // TCP_FIN_WAIT1
    case finWait2 = 5      // TCP_FIN_WAIT2
    case timeWait = 6      // TCP_TIME_WAIT
    case close = 7         // TCP_CLOSE
    case closeWait = 8     // TCP_CLOSE_WAIT
    case lastAck = 9       // TCP_LAST_ACK
    case listen = 10       // TCP_LISTEN
    case closing = 11      // TCP_CLOSING

    /// The kernel's request-socket state, folded into ``synRecv``.
    public static let kernelNewSynRecv: UInt8 = 12

    /// Maps a kernel state code; `nil` for codes outside the table.
    @inlinable
    public init?(kernelCode code: UInt8) {
        if code == TCPState.kernelNewSynRecv { self = .synRecv; return }
        self.init(rawValue: code)
    }

    /// The name used in JSON and on screen (`TIME_WAIT`).
    public var name: String {
        switch self {
        case .established: "ESTABLISHED"
        case .synSent: "SYN_SENT"
        case .synRecv: "SYN_RECV"
        case .finWait1: "FIN_WAIT1"
        case .finWait2: "FIN_WAIT2"
        case .timeWait: "TIME_WAIT"
        case .close: "CLOSE"
        case .closeWait: "CLOSE_WAIT"
        case .lastAck: "LAST_ACK"
        case .listen: "LISTEN"
        case .closing: "CLOSING"
        }
    }

    /// Parses a name as written in JSON (`TIME_WAIT`).
    public init?(name: String) {
        guard let state = TCPState.allCases.first(where: { $0.name == name }) else { return nil }
        self = state
    }

    /// The bit for this state in an `idiag_states` mask (`1 << state`).
    public var diagMaskBit: UInt32 { 1 << UInt32(rawValue) }

    public static func < (lhs: TCPState, rhs: TCPState) -> Bool { lhs.rawValue < rhs.rawValue }
}
