/// One TCP socket as either source reports it. A value passed through the aggregator one at a
/// time; netwatch never keeps an array of every socket.
public struct SocketRecord: Sendable, Equatable {
    public var family: AddressFamily
    public var state: TCPState
    public var localAddress: IPAddress
    public var localPort: UInt16
    public var remoteAddress: IPAddress
    public var remotePort: UInt16
    /// Kernel timer kind: 0 none, 1 retransmit, 2 keepalive, 3 TIME_WAIT, 4 zero-window probe.
    public var timer: UInt8
    /// Milliseconds until the timer fires (sock_diag `idiag_expires`; /proc gives 1/100 s ticks).
    public var expiresMs: UInt32
    /// Bytes not yet read; for LISTEN the current accept-queue length.
    public var rxQueue: UInt32
    /// Bytes not yet acknowledged; for LISTEN (netlink only) the maximum backlog.
    public var txQueue: UInt32
    public var uid: UInt32
    /// Socket inode; 0 for time-wait and request sockets, which no process owns.
    public var inode: UInt32
    /// The kernel's `tcp_info` (sock_diag `INET_DIAG_INFO`), when it was asked for; `nil` from
    /// /proc and from dumps without it.
    public var info: TCPInfo?

    public init(family: AddressFamily, state: TCPState, localAddress: IPAddress, localPort: UInt16,
                remoteAddress: IPAddress, remotePort: UInt16, timer: UInt8 = 0, expiresMs: UInt32 = 0,
                rxQueue: UInt32 = 0, txQueue: UInt32 = 0, uid: UInt32 = 0, inode: UInt32 = 0, info: TCPInfo? = nil) {
        self.family = family
        self.state = state
        self.localAddress = localAddress
        self.localPort = localPort
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.timer = timer
        self.expiresMs = expiresMs
        self.rxQueue = rxQueue
        self.txQueue = txQueue
        self.uid = uid
        self.inode = inode
        self.info = info
    }
}
