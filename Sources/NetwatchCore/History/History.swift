import Foundation

/// The dashboard's memory of recent ticks: one bounded ``TimeSeriesRing`` per ``HistorySeries``,
/// holding `windowSeconds / intervalSeconds` points each. Memory is fixed by the window and the
/// interval, never by how long netwatch runs.
///
/// Besides the host-wide series it keeps a TIME_WAIT series per port scope (a port filter, or a
/// drill target's port), started by the first snapshot collected for that scope. At most
/// ``scopeLimit`` scopes are kept; the one recorded least recently is dropped first.
public struct History: Equatable, Sendable {
    /// How far back the history reaches, in seconds.
    public let windowSeconds: Double
    /// Seconds between ticks, which sets how many points the window needs.
    public let intervalSeconds: Double
    /// Points each series can hold.
    public let capacity: Int
    private var rings: [HistorySeries: TimeSeriesRing]
    /// TIME_WAIT per port scope (``scope(of:)``), each bounded like the others.
    private var scoped: [String: TimeSeriesRing] = [:]
    /// Scopes in ``scoped``, least recently recorded first.
    public private(set) var scopes: [String] = []

    /// How many port scopes keep a series.
    public static let scopeLimit = 4

    /// - Parameters:
    ///   - windowSeconds: the span to keep, in seconds.
    ///   - intervalSeconds: the tick interval, in seconds; capacity = ⌈window / interval⌉ (at least 1).
    public init(windowSeconds: Double, intervalSeconds: Double) {
        self.windowSeconds = windowSeconds
        self.intervalSeconds = intervalSeconds
        let capacity = History.capacity(windowSeconds: windowSeconds, intervalSeconds: intervalSeconds)
        self.capacity = capacity
        rings = Dictionary(uniqueKeysWithValues: HistorySeries.allCases.map { ($0, TimeSeriesRing(capacity: capacity)) })
    }

    /// Points per series for a window at an interval: ⌈window / interval⌉, at least 1; a
    /// non-positive or non-finite input gives 1.
    public static func capacity(windowSeconds: Double, intervalSeconds: Double) -> Int {
        let points = (windowSeconds / intervalSeconds).rounded(.up)
        guard points.isFinite, points >= 1 else { return 1 }
        return Int(min(points, Double(Int32.max)))
    }

    /// Appends one point to every series, read from `snapshot` at its `takenAt`; when the snapshot
    /// was collected for a port scope, also its TIME_WAIT count to that scope's series.
    public mutating func record(_ snapshot: Snapshot) {
        for series in HistorySeries.allCases {
            append(HistoryPoint(time: snapshot.takenAt, value: series.value(in: snapshot)), to: series)
        }
        if let scope = History.scope(of: snapshot) {
            let timeWait = snapshot.states.map { Double($0.byState[.timeWait]) }
            append(HistoryPoint(time: snapshot.takenAt, value: timeWait), toScope: scope)
        }
    }

    /// The port scope a snapshot's counts are narrowed to: its drill target's port, else its
    /// filter (`443`, `80,8000-8100`); `nil` for a host-wide snapshot or an unfiltered peer drill.
    public static func scope(of snapshot: Snapshot) -> String? {
        scope(filter: snapshot.filter, drill: snapshot.drill)
    }

    /// The scope for a filter and drill target, as ``scope(of:)`` (for the view, before a
    /// snapshot collected for them arrives).
    ///
    /// A drill target's port wins over the filter: collection is narrowed to it, so that is what
    /// the snapshot's states count. A peer drill has no port and keeps the filter's scope.
    public static func scope(filter: PortSet?, drill: DrillTarget?) -> String? {
        (drill?.ports ?? filter)?.description
    }

    /// Appends one point to a scope's TIME_WAIT series, starting it (and dropping the least
    /// recently recorded scope beyond ``scopeLimit``) when new.
    public mutating func append(_ point: HistoryPoint, toScope scope: String) {
        scopes.removeAll { $0 == scope }
        scopes.append(scope)
        scoped[scope, default: TimeSeriesRing(capacity: capacity)].append(point)
        while scopes.count > History.scopeLimit { scoped[scopes.removeFirst()] = nil }
    }

    /// The TIME_WAIT series of a port scope; `nil` when none was recorded (or it was dropped).
    public func timeWait(scope: String) -> TimeSeriesRing? { scoped[scope] }

    /// Appends one point to one series.
    public mutating func append(_ point: HistoryPoint, to series: HistorySeries) {
        rings[series, default: TimeSeriesRing(capacity: capacity)].append(point)
    }

    /// The ring of one series.
    public subscript(series: HistorySeries) -> TimeSeriesRing {
        rings[series] ?? TimeSeriesRing(capacity: capacity)
    }

    /// The newest value of a series; `nil` when empty or unknown at the last tick.
    public func latest(_ series: HistorySeries) -> Double? { self[series].latest?.value }

    /// The highest known value of a series over the window.
    public func peak(_ series: HistorySeries) -> Double? { self[series].peak }

    /// The same window at a new interval, keeping the newest points that fit the new capacity.
    public func rescaled(intervalSeconds: Double) -> History {
        var copy = History(windowSeconds: windowSeconds, intervalSeconds: intervalSeconds)
        for series in HistorySeries.allCases {
            for point in self[series].suffix(copy.capacity) { copy.append(point, to: series) }
        }
        for scope in scopes {
            for point in scoped[scope]?.suffix(copy.capacity) ?? [] { copy.append(point, toScope: scope) }
        }
        return copy
    }
}
