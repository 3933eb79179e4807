import FoundationEssentials

/// What one snapshot adds to a ``History``: its time, each ``HistorySeries`` value and, for a
/// snapshot collected for a port scope, that scope's TIME_WAIT count. Small (about 200 bytes), so
/// a replay keeps one per recorded line and rebuilds history at any position from them.
public struct HistorySample: Equatable, Sendable {
    public var time: Date
    /// Each ``HistorySeries`` value, in `HistorySeries.allCases` order.
    public var values: [Double?]
    /// The port scope (``History/scope(of:)``) and its TIME_WAIT count.
    public var scope: (name: String, timeWait: Double?)?
    /// Open fds of the fd table's first ``History/processLimit`` processes, and of a drilled one.
    public var processes: [(pid: Int32, open: Double)]

    public static func == (a: HistorySample, b: HistorySample) -> Bool {
        a.time == b.time && a.values == b.values && a.scope?.name == b.scope?.name && a.scope?.timeWait == b.scope?.timeWait
            && a.processes.map(\.pid) == b.processes.map(\.pid) && a.processes.map(\.open) == b.processes.map(\.open)
    }

    public init(_ snapshot: Snapshot) {
        time = snapshot.takenAt
        values = HistorySeries.allCases.map { $0.value(in: snapshot) }
        scope = History.scope(of: snapshot).map { ($0, snapshot.states.map { Double($0.byState[.timeWait]) }) }
        let table = snapshot.fds.processes, drilled = snapshot.drill?.pid
        let ordered = table.filter { $0.process.pid == drilled } + table.filter { $0.process.pid != drilled }
        processes = ordered.prefix(History.processLimit).map { ($0.process.pid, Double($0.open)) }
    }
}
