/// What the process view shows beside its socket list (a ``DrillReport`` for
/// ``DrillTarget/process(pid:)``): open fds against the soft and hard limit, how fast they grow
/// and when they reach each limit at that pace, the process's listeners with their accept
/// queues, and its sockets grouped by listener (connections it accepted) and by destination
/// (connections it opened). Pure: derived from the report, the snapshot and the history.
public struct ProcessReport: Sendable, Equatable {
    /// Sockets toward one remote endpoint, or accepted on one local listening port.
    public struct Group: Sendable, Equatable {
        /// The remote address; `nil` for a listener's group.
        public var address: IPAddress?
        /// The remote port, or the listening port.
        public var port: UInt16
        public var counts: StateCounts
    }

    public var pid: Int32
    /// Its open fds and limits; `nil` when they could not be read (gone, or another user's).
    public var usage: ProcessFDUsage?
    /// Open fds gained per second over the last ``trendWindowSeconds`` of history; `nil` with
    /// fewer than two readings.
    public var growthPerSecond: Double?
    /// Seconds until the soft and the hard limit at that growth: 0 at the limit, `nil` when not
    /// growing, unknown, or the limit is unlimited.
    public var secondsToSoftLimit: Double?
    public var secondsToHardLimit: Double?
    /// Its listening sockets, with accept queue and backlog.
    public var listeners: [Snapshot.Listener]
    /// Connections on its listening ports (not the listeners themselves), most first.
    public var byListener: [Group]
    /// Its other connections, per remote endpoint, most first.
    public var byDestination: [Group]

    /// The span the growth is measured over, in seconds.
    public static let trendWindowSeconds = 60.0

    public init(_ report: DrillReport, pid: Int32, snapshot: Snapshot, history: History) {
        self.pid = pid
        usage = snapshot.fds.processes.first { $0.process.pid == pid }
        growthPerSecond = history.openFiles(pid: pid).flatMap(ProcessReport.growth)
        secondsToSoftLimit = ProcessReport.seconds(usage, to: usage?.limit.soft, growth: growthPerSecond)
        secondsToHardLimit = ProcessReport.seconds(usage, to: usage?.limit.hard, growth: growthPerSecond)
        listeners = snapshot.listeners.filter { $0.owner?.pid == pid }
        let listening = Set(report.sockets.filter { $0.record.state == .listen }.map(\.record.localPort))
            .union(listeners.map(\.record.port))
        var accepted = [UInt16: StateCounts](), opened = [Endpoint: StateCounts]()
        for socket in report.sockets where socket.record.state != .listen {
            let r = socket.record
            if listening.contains(r.localPort) {
                accepted[r.localPort, default: StateCounts()].add(r.state)
            } else {
                opened[Endpoint(address: r.remoteAddress, port: r.remotePort), default: StateCounts()].add(r.state)
            }
        }
        byListener = ProcessReport.sorted(accepted.map { Group(address: nil, port: $0.key, counts: $0.value) })
        byDestination = ProcessReport.sorted(opened.map { Group(address: $0.key.address, port: $0.key.port, counts: $0.value) })
    }

    private struct Endpoint: Hashable {
        let address: IPAddress
        let port: UInt16
    }

    /// Most sockets first, then by address and port.
    private static func sorted(_ groups: [Group]) -> [Group] {
        groups.sorted { a, b in
            if a.counts.total != b.counts.total { return a.counts.total > b.counts.total }
            let (x, y) = (a.address?.description ?? "", b.address?.description ?? "")
            return x != y ? x < y : a.port < b.port
        }
    }

    /// (newest − oldest known reading) / seconds between them, over the last ``trendWindowSeconds``.
    static func growth(_ series: DownsampledSeries) -> Double? {
        guard let newest = series.latest?.time else { return nil }
        let known = series.points.filter { $0.value != nil && newest.timeIntervalSince($0.time) <= trendWindowSeconds }
        guard let first = known.first, let last = known.last, let from = first.value, let to = last.value else { return nil }
        let seconds = last.time.timeIntervalSince(first.time)
        return seconds > 0 ? (to - from) / seconds : nil
    }

    /// Seconds until `open` reaches `limit` at `growth` per second: 0 at or past it.
    static func seconds(_ usage: ProcessFDUsage?, to limit: Int64?, growth: Double?) -> Double? {
        guard let usage, let limit else { return nil }
        let left = Double(limit) - Double(usage.open)
        if left <= 0 { return 0 }
        guard let growth, growth > 0 else { return nil }
        return left / growth
    }
}
