/// The socket table reduced to what netwatch shows, built one socket at a time by
/// ``SocketAggregator``. Its size depends on distinct peers (at most
/// ``SocketAggregator/peerLimit``), destinations and ports, not on the number of sockets.
public struct SocketTable: Sendable, Equatable {
    public var ipv4 = StateCounts()
    public var ipv6 = StateCounts()
    /// Per local port and state.
    public var localPorts = LocalPortCounts()
    /// Per remote address (non-LISTEN sockets), up to ``SocketAggregator/peerLimit`` addresses.
    public var peers: [IPAddress: StateCounts] = [:]
    /// Sockets toward the remote addresses first seen once ``peers`` was full: counted in the
    /// states, not listed.
    public var unlistedPeerSockets = StateCounts()
    /// Per ephemeral destination: non-LISTEN sockets whose local port lies in the ephemeral range.
    public var destinations: [DestinationKey: DestinationUsage] = [:]
    /// FIN_WAIT2 sockets without an owner (inode 0): closed by their application.
    public var orphanedFinWait2 = 0
    /// CLOSE_WAIT sockets, inode → local port, up to ``SocketAggregator/closeWaitInodeLimit``.
    public var closeWaitSockets: [UInt32: UInt16] = [:]
    /// Client sockets, inode → where they connect: every SYN_SENT socket up to
    /// ``SocketAggregator/closeWaitInodeLimit``, for naming the processes that connect, and the
    /// ones the connectors estimate counts (``ClientSocket/connector``), which names their owners
    /// when eBPF counts are not there. One map for both: a SYN_SENT socket is stored once.
    public var clientSockets: [UInt32: ClientSocket] = [:]
    /// SYN_SENT sockets per remote address and port.
    public var synSent: [RemoteEndpoint: Int] = [:]
    /// Individual sockets, kept only when asked (a port filter is active), up to a cap.
    public var sockets: [SocketRecord] = []
    /// How many sockets matched when ``sockets`` was capped.
    public var socketsSeen = 0
    /// The matching sockets per state, all of them (not only those kept).
    public var socketsSeenByState = StateCounts()
    /// The matching non-LISTEN sockets per remote address and state, all of them.
    public var socketsSeenByPeer: [IPAddress: StateCounts] = [:]
    /// The matching sockets per service port (the remote port of a socket on an ephemeral local
    /// port, else the local port) and state, all of them.
    public var socketsSeenByServicePort: [UInt16: StateCounts] = [:]
    /// Connection health per destination: client sockets (SYN_SENT, and ESTABLISHED on an
    /// ephemeral local port) by remote address and port; empty when not asked for.
    public var health: [RemoteEndpoint: HealthTally] = [:]
    /// The same sockets one by one, inode → figures, up to ``SocketAggregator/healthSocketLimit``:
    /// their owners give the per-process figures.
    public var healthSockets: [UInt32: SocketHealth] = [:]
    /// When each SYN_SENT socket of this walk was first seen, for the next walk.
    public var synSentAge = SynSentAge()
    /// Some socket came with its `tcp_info`.
    public var tcpInfoRead = false

    public init() {}

    public var total: StateCounts { ipv4 + ipv6 }

    /// Only what destination growth is measured from: the destinations (the rest dropped, so an
    /// older walk kept as a baseline does not hold a second 4 MiB port table).
    public var destinationsOnly: SocketTable {
        var kept = SocketTable()
        kept.destinations = destinations
        return kept
    }
}

/// Where a client socket connects, and whether it got there yet.
public struct ClientSocket: Equatable, Sendable {
    public var remoteAddress: IPAddress
    public var remotePort: UInt16
    /// `.synSent` or `.established`.
    public var state: TCPState
    /// Counted by the connectors estimate: SYN_SENT or ESTABLISHED on a local port in the
    /// ephemeral range, up to ``SocketAggregator/clientSocketLimit`` (else a SYN_SENT socket kept
    /// only for naming).
    public var connector: Bool

    public init(remoteAddress: IPAddress, remotePort: UInt16, state: TCPState, connector: Bool = true) {
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
        self.state = state
        self.connector = connector
    }
}

/// A remote address and port: where a connect goes.
public struct RemoteEndpoint: Hashable, Sendable {
    public var address: IPAddress
    public var port: UInt16

    public init(address: IPAddress, port: UInt16) {
        self.address = address
        self.port = port
    }
}

/// The 4-tuple part that a `connect()` toward one destination must keep unique:
/// (local IP, remote IP, remote port); the family is part of each address.
public struct DestinationKey: Hashable, Sendable {
    public var localAddress: IPAddress
    public var remoteAddress: IPAddress
    public var remotePort: UInt16

    /// Hashes packed words (fewer `combine` calls than the synthesised field-by-field hash).
    public func hash(into hasher: inout Hasher) {
        localAddress.hash(into: &hasher)
        remoteAddress.hash(into: &hasher)
        hasher.combine(remotePort)
    }

    public init(localAddress: IPAddress, remoteAddress: IPAddress, remotePort: UInt16) {
        self.localAddress = localAddress
        self.remoteAddress = remoteAddress
        self.remotePort = remotePort
    }
}

/// Ephemeral ports in use toward one destination.
public struct DestinationUsage: Equatable, Sendable {
    /// Sockets of any non-LISTEN state holding a port from the range toward this destination.
    public var used = 0
    /// Of those, time-wait entries (they hold the tuple for 60 s).
    public var timeWait = 0
    /// Of the time-wait entries, those older than `tcp_tw_reuse_delay`: reusable where reuse applies.
    public var reusableTimeWait = 0

    public init(used: Int = 0, timeWait: Int = 0, reusableTimeWait: Int = 0) {
        self.used = used
        self.timeWait = timeWait
        self.reusableTimeWait = reusableTimeWait
    }
}
