/// What every advice rule reads: the snapshot, the dashboard's history when there is one
/// (`netwatch snapshot` and `record` have none), and the thresholds in force.
public struct AdviceContext: Sendable {
    public let snapshot: Snapshot
    public let history: History?
    public let thresholds: AdviceThresholds

    /// How many of the newest history points count as "recent" for "still rising" checks.
    static let recentPoints = 10

    public init(snapshot: Snapshot, history: History?, thresholds: AdviceThresholds) {
        self.snapshot = snapshot
        self.history = history
        self.thresholds = thresholds
    }

    /// The sum of counters' per-second rates; `nil` when any is unknown.
    func rate(_ counters: RateCounter...) -> Double? {
        var total = 0.0
        for counter in counters {
            guard let rate = snapshot.rates[counter] ?? nil else { return nil }
            total += rate
        }
        return total
    }

    /// Known values of the newest ``recentPoints`` points of a series, oldest first; empty without history.
    func recent(_ series: HistorySeries) -> [Double] {
        history?[series].points.suffix(AdviceContext.recentPoints).compactMap(\.value) ?? []
    }

    /// A rate is rising when it is above 0 now, or was in the recent history.
    func rising(_ series: HistorySeries) -> Bool {
        (series.value(in: snapshot) ?? 0) > 0 || recent(series).contains { $0 > 0 }
    }

    /// The usual value of a series: the median of the known history points before the newest
    /// (the newest is this snapshot); `nil` with fewer than ``recentPoints`` of them.
    func baseline(_ series: HistorySeries) -> Double? {
        guard let points = history?[series].points.dropLast().compactMap(\.value),
              points.count >= AdviceContext.recentPoints else { return nil }
        let sorted = points.sorted()
        return sorted[sorted.count / 2]
    }

    /// How many CLOSE_WAIT sockets `pid` holds; `nil` when it is not among the owners found.
    func closeWait(of pid: Int32) -> Int? {
        snapshot.closeWaitOwners.first { $0.process.pid == pid }?.count
    }

    /// A listener on `port` exists: the port is a server's.
    func isListening(_ port: UInt16) -> Bool {
        snapshot.listeners.contains { $0.record.port == port }
    }

    /// The local listener `target` connects to when its accept queue overflows (filled to
    /// `listenQueueWarning`, or listen overflows rising: the counter is namespace-wide): this
    /// host's SYN_SENT toward it are that overflow's evidence, not a separate problem. Local
    /// means loopback, or an address one of this host's listeners or sockets is bound to.
    func overflowingLocalListener(_ target: SynSentTarget) -> Snapshot.Listener? {
        let listeners = snapshot.listeners.filter { $0.record.port == target.port }
        let local = target.address.isLoopback || snapshot.listeners.contains { $0.record.address == target.address }
            || snapshot.ports.destinations.contains { $0.localAddress == target.address }
        guard local else { return nil }
        let listener = listeners.first { $0.record.address == target.address }
            ?? listeners.first { $0.record.address.isUnspecified && $0.record.address.family == target.address.family }
            ?? listeners.first { $0.record.address.isUnspecified }
        guard let listener else { return nil }
        let fill = ListenQueueRule.fill(listener.record) ?? 0
        return fill >= thresholds.listenQueueWarning || rising(.listenOverflowsPerSecond) ? listener : nil
    }

    /// This host's SYN_SENT toward local listeners whose queue overflows, most first.
    var synSentIntoOverflow: [(target: SynSentTarget, listener: Snapshot.Listener)] {
        snapshot.synSent.compactMap { target in overflowingLocalListener(target).map { (target, $0) } }
    }

    /// The peer with the most sockets in `state` (lowest address among equals), as a drill
    /// target; `nil` when no peer has any.
    func busiestPeer(_ state: TCPState) -> DrillTarget? {
        let peer = snapshot.peers.max {
            $0.counts[state] != $1.counts[state] ? $0.counts[state] < $1.counts[state] : $0.address.description > $1.address.description
        }
        guard let peer, peer.counts[state] > 0 else { return nil }
        return .peer(peer.address)
    }
}
