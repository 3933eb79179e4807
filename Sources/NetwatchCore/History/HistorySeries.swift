/// What a history series measures, and how each is read from a ``Snapshot``.
public enum HistorySeries: String, CaseIterable, Sendable, Hashable {
    /// Time-wait entries from sockstat `tw` (IPv4 and IPv6; cheap, so every tick).
    case timeWait = "time_wait"
    /// Connections this host opened per second (`ActiveOpens`): one per connection, also on loopback.
    case connectsPerSecond = "connects_per_s"
    /// Connections this host accepted per second (`PassiveOpens`); a loopback connection is one
    /// connect and one accept.
    case acceptsPerSecond = "accepts_per_s"
    /// Resets per second: `EstabResets` (established or close-wait connections torn down by a
    /// reset, either side) + `OutRsts` (reset segments sent, e.g. refusing a closed port). A reset we
    /// send on an established connection counts in both, so read it as reset pressure, not as a
    /// count of connections.
    case resetsPerSecond = "resets_per_s"
    /// Time-wait entries destroyed at once because `tcp_max_tw_buckets` was reached, per second
    /// (`TcpExt: TCPTimeWaitOverflow`).
    case timeWaitOverflowPerSecond = "time_wait_overflow_per_s"
    /// SYNs to a listener dropped because its accept queue was full, per second
    /// (`TcpExt: ListenOverflows`).
    case listenOverflowsPerSecond = "listen_overflows_per_s"
    /// Segments retransmitted per second (`Tcp: RetransSegs`).
    case retransmitsPerSecond = "retrans_per_s"
    /// Allocated file handles, system-wide (`file-nr`, first field).
    case systemFileDescriptors = "system_fds"
    /// Connection-tracking entries of the collected namespace (`nf_conntrack_count`, every tick);
    /// `nil` when conntrack is not in use.
    case conntrack = "conntrack"
    /// The worst destination's exhaustion ratio (used / usable, 0…1); `nil` with no destination
    /// or before the first socket walk.
    case worstPortRatio = "worst_port_ratio"
    // Sockets per state from the socket walk (IPv4 + IPv6); LISTEN and CLOSE are not charted.
    case established = "established"
    case synSent = "syn_sent"
    case synRecv = "syn_recv"
    case finWait1 = "fin_wait1"
    case finWait2 = "fin_wait2"
    case stateTimeWait = "state_time_wait"
    case closeWait = "close_wait"
    case lastAck = "last_ack"
    case closing = "closing"

    /// This series' value in `snapshot`; `nil` when any input is unknown.
    public func value(in snapshot: Snapshot) -> Double? {
        switch self {
        case .timeWait: snapshot.sockstat?.tw.map(Double.init)
        case .connectsPerSecond: HistorySeries.sum(snapshot, .activeOpens)
        case .acceptsPerSecond: HistorySeries.sum(snapshot, .passiveOpens)
        case .resetsPerSecond: HistorySeries.sum(snapshot, .estabResets, .outRsts)
        case .timeWaitOverflowPerSecond: HistorySeries.sum(snapshot, .timeWaitOverflow)
        case .listenOverflowsPerSecond: HistorySeries.sum(snapshot, .listenOverflows)
        case .retransmitsPerSecond: HistorySeries.sum(snapshot, .retransSegs)
        case .systemFileDescriptors: snapshot.fds.systemAllocated.map(Double.init)
        case .conntrack: snapshot.conntrack.map { Double($0.count) }
        case .worstPortRatio: snapshot.ports.worst?.ratio
        default: state.flatMap { state in snapshot.states.map { Double($0.byState[state]) } }
        }
    }

    /// The TCP state a per-state series counts; `nil` for the others.
    public var state: TCPState? {
        switch self {
        case .established: .established
        case .synSent: .synSent
        case .synRecv: .synRecv
        case .finWait1: .finWait1
        case .finWait2: .finWait2
        case .stateTimeWait: .timeWait
        case .closeWait: .closeWait
        case .lastAck: .lastAck
        case .closing: .closing
        default: nil
        }
    }

    private static func sum(_ snapshot: Snapshot, _ counters: RateCounter...) -> Double? {
        var total = 0.0
        for counter in counters {
            guard let rate = snapshot.rates[counter] ?? nil else { return nil }
            total += rate
        }
        return total
    }
}
