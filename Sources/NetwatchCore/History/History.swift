import Foundation

/// The dashboard's memory of recent ticks: one bounded ``TimeSeriesRing`` per ``HistorySeries``,
/// holding `windowSeconds / intervalSeconds` points each. Memory is fixed by the window and the
/// interval, never by how long netwatch runs.
public struct History: Equatable, Sendable {
    /// How far back the history reaches, in seconds.
    public let windowSeconds: Double
    /// Seconds between ticks, which sets how many points the window needs.
    public let intervalSeconds: Double
    /// Points each series can hold.
    public let capacity: Int
    private var rings: [HistorySeries: TimeSeriesRing]

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

    /// Appends one point to every series, read from `snapshot` at its `takenAt`.
    public mutating func record(_ snapshot: Snapshot) {
        for series in HistorySeries.allCases {
            append(HistoryPoint(time: snapshot.takenAt, value: series.value(in: snapshot)), to: series)
        }
    }

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
        return copy
    }
}
