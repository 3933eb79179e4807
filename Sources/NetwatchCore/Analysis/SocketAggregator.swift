/// Folds sockets into a ``SocketTable`` as a source streams them, so no array of every socket
/// is ever built.
public struct SocketAggregator: Sendable {
    /// TIME_WAIT lasts `TCP_TIMEWAIT_LEN`, 60 s, fixed at compile time (docs/KERNEL.md §4).
    public static let timeWaitLengthMs: UInt32 = 60_000
    /// How many CLOSE_WAIT (and, apart, SYN_SENT) sockets are kept (inode and port) for the owner
    /// lookup that names the processes leaking or connecting; enough to name a process, small
    /// enough to stay cheap.
    public static let closeWaitInodeLimit = 4096
    /// How many client sockets are kept (inode and destination) for the connectors estimate.
    public static let clientSocketLimit = 4096
    /// How many remote addresses are counted one by one (about 10 MB of table): a front end with a
    /// million clients would otherwise hold a million entries. An address first seen after that
    /// is counted in ``SocketTable/unlistedPeerSockets``; one seen before keeps exact counts, and a
    /// busy peer is almost surely among the first seen.
    public static let peerLimit = 65_536
    /// How many client sockets are kept one by one for the per-process connection health.
    public static let healthSocketLimit = 16_384

    public private(set) var table = SocketTable()
    /// Client sockets kept for naming SYN_SENT owners, and for the connectors estimate.
    private var synSentKept = 0
    private var connectorsKept = 0
    private let ephemeralRange: ClosedRange<UInt16>?
    /// A time-wait entry whose remaining time is at or below this is older than the reuse delay.
    private let reusableBelowMs: UInt32
    private let keepSockets: Int
    private let keepOnly: DrillTarget?
    private let keepInodes: Set<UInt32>?
    /// The SYN_SENT first-seen times of the walk before, and this walk's monotonic seconds;
    /// `nil`: no connection health.
    private let health: (previous: SynSentAge, now: Double)?

    /// - Parameters:
    ///   - ephemeralRange: `ip_local_port_range`; without it no destination usage is computed.
    ///   - reuseDelayMs: `tcp_tw_reuse_delay` (default 1000 ms).
    ///   - keepSockets: how many individual sockets to keep (0 for none).
    ///   - keepOnly: keep only the sockets of this drill target (all counted sockets otherwise).
    ///   - keepInodes: keep only the sockets with these inodes (a process's), before `keepOnly`.
    ///   - health: tally connection health (``SocketTable/health``), with the SYN_SENT first-seen
    ///     times of the walk before and this walk's monotonic seconds.
    public init(ephemeralRange: ClosedRange<UInt16>?, reuseDelayMs: Int = 1000, keepSockets: Int = 0,
                keepOnly: DrillTarget? = nil, keepInodes: Set<UInt32>? = nil,
                health: (previous: SynSentAge, now: Double)? = nil) {
        self.health = health
        self.keepOnly = keepOnly
        self.keepInodes = keepInodes
        self.ephemeralRange = ephemeralRange
        let delay = UInt32(clamping: max(0, reuseDelayMs))
        self.reusableBelowMs = delay >= SocketAggregator.timeWaitLengthMs ? 0 : SocketAggregator.timeWaitLengthMs - delay
        self.keepSockets = keepSockets
    }

    /// Counts one socket into every aggregate it belongs to.
    public mutating func add(_ socket: SocketRecord) {
        let state = socket.state
        if socket.family == .ipv4 { table.ipv4.add(state) } else { table.ipv6.add(state) }
        table.localPorts.add(state, port: socket.localPort)
        if keepSockets > 0, keepInodes.map({ $0.contains(socket.inode) }) ?? keepOnly?.includes(socket) ?? true {
            table.socketsSeen += 1
            table.socketsSeenByState.add(state)
            if state != .listen { table.socketsSeenByPeer[socket.remoteAddress, default: StateCounts()].add(state) }
            let servicePort = ephemeralRange?.contains(socket.localPort) == true ? socket.remotePort : socket.localPort
            table.socketsSeenByServicePort[servicePort, default: StateCounts()].add(state)
            if table.sockets.count < keepSockets { table.sockets.append(socket) }
        }
        guard state != .listen else { return }
        if socket.inode == 0 {
            if state == .finWait2 { table.orphanedFinWait2 += 1 }
        } else if state == .closeWait, table.closeWaitSockets.count < SocketAggregator.closeWaitInodeLimit {
            table.closeWaitSockets[socket.inode] = socket.localPort
        }
        let ephemeral = ephemeralRange?.contains(socket.localPort) == true
        if let health, state == .synSent || (state == .established && ephemeral) {
            addHealth(socket, previous: health.previous, now: health.now)
        }
        if state == .synSent {
            table.synSent[RemoteEndpoint(address: socket.remoteAddress, port: socket.remotePort), default: 0] += 1
        }
        if table.peers.count < SocketAggregator.peerLimit {
            table.peers[socket.remoteAddress, default: StateCounts()].add(state)
        } else if let known = table.peers.index(forKey: socket.remoteAddress) {
            table.peers.values[known].add(state)
        } else {
            table.unlistedPeerSockets.add(state)
        }
        if socket.inode != 0, state == .synSent || state == .established {
            let named = state == .synSent && synSentKept < SocketAggregator.closeWaitInodeLimit
            let connector = ephemeral && connectorsKept < SocketAggregator.clientSocketLimit
            if named || connector {
                table.clientSockets[socket.inode] = ClientSocket(remoteAddress: socket.remoteAddress, remotePort: socket.remotePort,
                                                                 state: state, connector: connector)
                if named { synSentKept += 1 }
                if connector { connectorsKept += 1 }
            }
        }
        if ephemeral {
            let key = DestinationKey(localAddress: socket.localAddress, remoteAddress: socket.remoteAddress,
                                     remotePort: socket.remotePort)
            table.destinations[key, default: DestinationUsage()].record(socket, reusableBelowMs: reusableBelowMs)
        }
    }
}

extension SocketAggregator {
    private mutating func addHealth(_ socket: SocketRecord, previous: SynSentAge, now: Double) {
        let age = socket.state == .synSent ? previous.age(of: socket, now: now, next: &table.synSentAge) : nil
        let figures = SocketHealth(socket, synSentAgeSeconds: age)
        if socket.info != nil { table.tcpInfoRead = true }
        table.health[figures.destination, default: HealthTally()].add(figures)
        if socket.inode != 0, table.healthSockets.count < SocketAggregator.healthSocketLimit {
            table.healthSockets[socket.inode] = figures
        }
    }
}

extension DestinationUsage {
    @inlinable
    mutating func record(_ socket: SocketRecord, reusableBelowMs: UInt32) {
        used += 1
        if socket.state == .timeWait {
            timeWait += 1
            if socket.expiresMs <= reusableBelowMs { reusableTimeWait += 1 }
        }
    }
}
