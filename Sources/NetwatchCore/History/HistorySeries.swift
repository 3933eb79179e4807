/// What a history series measures, and how each is read from a ``Snapshot``.
public enum HistorySeries: String, CaseIterable, Sendable, Hashable {
    /// Time-wait entries from sockstat `tw` (IPv4 and IPv6; cheap, so every tick).
    case timeWait = "time_wait"
    /// New connections per second: `ActiveOpens` (connects) + `PassiveOpens` (accepts).
    case opensPerSecond = "opens_per_s"
    /// Resets per second: `EstabResets` (established or close-wait connections torn down by a
    /// reset, either side) + `OutRsts` (reset segments sent, e.g. refusing a closed port). A reset we
    /// send on an established connection counts in both, so read it as reset pressure, not as a
    /// count of connections.
    case resetsPerSecond = "resets_per_s"
    /// Time-wait entries destroyed at once because `tcp_max_tw_buckets` was reached, per second
    /// (`TcpExt: TCPTimeWaitOverflow`).
    case timeWaitOverflowPerSecond = "time_wait_overflow_per_s"

    /// This series' value in `snapshot`; `nil` when any input is unknown.
    public func value(in snapshot: Snapshot) -> Double? {
        switch self {
        case .timeWait: snapshot.sockstat?.tw.map(Double.init)
        case .opensPerSecond: HistorySeries.sum(snapshot, .activeOpens, .passiveOpens)
        case .resetsPerSecond: HistorySeries.sum(snapshot, .estabResets, .outRsts)
        case .timeWaitOverflowPerSecond: HistorySeries.sum(snapshot, .timeWaitOverflow)
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
