/// What connection health keeps of one client socket (ESTABLISHED on an ephemeral local port, or
/// SYN_SENT): where it connects and the figures read from its timer and `tcp_info`.
public struct SocketHealth: Equatable, Sendable {
    public var destination: RemoteEndpoint
    /// `.established` or `.synSent`.
    public var state: TCPState
    /// Milliseconds since data last went either way (``TCPInfo/idleMs``); `nil` without `tcp_info`.
    public var idleMs: UInt32?
    /// The socket's timer is the keep-alive timer (`idiag_timer` 2).
    public var keepAlive: Bool
    public var rttMicroseconds: UInt32?
    public var totalRetransmits: UInt32?
    public var segmentsOut: UInt32?
    public var unacked: UInt32?
    /// For SYN_SENT: seconds since connect(), as far as netwatch can tell (``SynSentAge``).
    public var synSentAgeSeconds: Double?

    public init(destination: RemoteEndpoint, state: TCPState, idleMs: UInt32? = nil, keepAlive: Bool = false,
                rttMicroseconds: UInt32? = nil, totalRetransmits: UInt32? = nil, segmentsOut: UInt32? = nil,
                unacked: UInt32? = nil, synSentAgeSeconds: Double? = nil) {
        self.destination = destination
        self.state = state
        self.idleMs = idleMs
        self.keepAlive = keepAlive
        self.rttMicroseconds = rttMicroseconds
        self.totalRetransmits = totalRetransmits
        self.segmentsOut = segmentsOut
        self.unacked = unacked
        self.synSentAgeSeconds = synSentAgeSeconds
    }

    /// The kernel's timer kind for keep-alive (`ICSK_TIME_KEEPOPEN` as inet_diag reports it).
    public static let keepAliveTimer: UInt8 = 2

    /// - Parameter synSentAgeSeconds: the SYN_SENT socket's age (``SynSentAge``); ignored otherwise.
    public init(_ socket: SocketRecord, synSentAgeSeconds: Double?) {
        let info = socket.info
        self.init(destination: RemoteEndpoint(address: socket.remoteAddress, port: socket.remotePort),
                  state: socket.state, idleMs: info?.idleMs, keepAlive: socket.timer == SocketHealth.keepAliveTimer,
                  rttMicroseconds: info?.rttMicroseconds, totalRetransmits: info?.totalRetransmits,
                  segmentsOut: info?.segmentsOut, unacked: info?.unacked,
                  synSentAgeSeconds: socket.state == .synSent ? synSentAgeSeconds : nil)
    }
}
