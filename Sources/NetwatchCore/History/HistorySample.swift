import Foundation

/// What one snapshot adds to a ``History``: its time, each ``HistorySeries`` value and, for a
/// snapshot collected for a port scope, that scope's TIME_WAIT count. Small (about 200 bytes), so
/// a replay keeps one per recorded line and rebuilds history at any position from them.
public struct HistorySample: Equatable, Sendable {
    public var time: Date
    /// Each ``HistorySeries`` value, in `HistorySeries.allCases` order.
    public var values: [Double?]
    /// The port scope (``History/scope(of:)``) and its TIME_WAIT count.
    public var scope: (name: String, timeWait: Double?)?

    public static func == (a: HistorySample, b: HistorySample) -> Bool {
        a.time == b.time && a.values == b.values && a.scope?.name == b.scope?.name && a.scope?.timeWait == b.scope?.timeWait
    }

    public init(_ snapshot: Snapshot) {
        time = snapshot.takenAt
        values = HistorySeries.allCases.map { $0.value(in: snapshot) }
        scope = History.scope(of: snapshot).map { ($0, snapshot.states.map { Double($0.byState[.timeWait]) }) }
    }
}
