/// The dashboard's memory of recent ticks: one ``DownsampledSeries`` per ``HistorySeries``.
/// The newest ``rawSpanSeconds`` (at most the window) are kept a point per tick; older points,
/// back to the window's start, are folded into buckets of ``bucketSeconds`` that keep each
/// bucket's peak. Memory is fixed by the window and the interval, never by how long netwatch
/// runs: see ``bytes(windowSeconds:intervalSeconds:)``.
///
/// Besides the host-wide series it keeps a TIME_WAIT series per port scope (a port filter, or a
/// drill target's port), started by the first snapshot collected for that scope. At most
/// ``scopeLimit`` scopes are kept; the one recorded least recently is dropped first. In the same
/// way it keeps the open fds of up to ``processLimit`` processes (each snapshot's busiest and a
/// drilled one), for the process view's trend and time to the limit.
public struct History: Equatable, Sendable {
    /// How far back the history reaches, in seconds.
    public let windowSeconds: Double
    /// Seconds between ticks, which sets how many raw points the window needs.
    public let intervalSeconds: Double
    /// Raw points each series holds: ⌈min(window, ``rawSpanSeconds``) / interval⌉.
    public let capacity: Int
    /// Seconds each point older than the raw span covers.
    public let bucketSeconds: Double
    /// Buckets each series holds beyond its raw points (0 when the window is all raw).
    public let coarseCapacity: Int
    private var series: [HistorySeries: DownsampledSeries]
    /// A series with nothing recorded, at this history's sizes.
    private let empty: DownsampledSeries
    /// TIME_WAIT per port scope (``scope(of:)``), each bounded like the others.
    private var scoped = RecentSeries<String>(limit: History.scopeLimit)
    /// Scopes with a series, least recently recorded first.
    public var scopes: [String] { scoped.keys }
    /// Open fds per process id, each bounded like the others.
    private var openFiles = RecentSeries<Int32>(limit: History.processLimit)
    /// Processes with an open-fd series, least recently recorded first.
    public var processes: [Int32] { openFiles.keys }

    /// How many processes keep an open-fd series.
    public static let processLimit = 8
    /// How many port scopes keep a series.
    public static let scopeLimit = 4
    /// The newest span kept at full resolution, in seconds (15 minutes).
    public static let rawSpanSeconds = 15.0 * 60
    /// The shortest bucket for points older than the raw span, in seconds.
    public static let minimumBucketSeconds = 10.0
    /// The dashboard's window unless `--history` says otherwise (15 minutes).
    public static let defaultWindowSeconds = 15.0 * 60
    /// The longest window `--history` accepts (24 hours).
    public static let maximumWindowSeconds = 24.0 * 3600
    /// The windows a history is sized for (`--history`).
    public static let windowRange = 30.0...maximumWindowSeconds
    /// The tick intervals a history is sized for: record's and the dashboard's `--interval`.
    public static let intervalRange = 0.1...3600.0

    /// - Parameters:
    ///   - windowSeconds: the span to keep, in seconds.
    ///   - intervalSeconds: the tick interval, in seconds.
    public init(windowSeconds: Double, intervalSeconds: Double) {
        self.windowSeconds = windowSeconds
        self.intervalSeconds = intervalSeconds
        capacity = History.capacity(windowSeconds: min(windowSeconds, History.rawSpanSeconds), intervalSeconds: intervalSeconds)
        bucketSeconds = History.bucketSeconds(intervalSeconds: intervalSeconds)
        coarseCapacity = History.coarseCapacity(windowSeconds: windowSeconds, intervalSeconds: intervalSeconds)
        series = [:]
        empty = DownsampledSeries(rawCapacity: capacity, coarseCapacity: coarseCapacity, bucketSeconds: bucketSeconds)
    }

    /// Points for a span at an interval: ⌈span / interval⌉, at least 1; a non-positive or
    /// non-finite input gives 1.
    public static func capacity(windowSeconds: Double, intervalSeconds: Double) -> Int {
        let points = (windowSeconds / intervalSeconds).rounded(.up)
        guard points.isFinite, points >= 1 else { return 1 }
        return Int(min(points, Double(Int32.max)))
    }

    /// Seconds per bucket beyond the raw span: ``minimumBucketSeconds``, or the interval when longer.
    public static func bucketSeconds(intervalSeconds: Double) -> Double {
        intervalSeconds.isFinite ? max(minimumBucketSeconds, intervalSeconds) : minimumBucketSeconds
    }

    /// Buckets needed to cover the window beyond the raw span: ⌈(window − raw span) / bucket⌉, 0
    /// when the window is no longer than the raw span.
    public static func coarseCapacity(windowSeconds: Double, intervalSeconds: Double) -> Int {
        let beyond = windowSeconds - rawSpanSeconds
        guard beyond > 0, beyond.isFinite else { return 0 }
        return Int(min((beyond / bucketSeconds(intervalSeconds: intervalSeconds)).rounded(.up), Double(Int32.max)))
    }

    /// Bytes the history's points take once every series, scope and process is full: (raw +
    /// coarse + 1 open bucket) × 16 bytes × (series + ``scopeLimit`` + ``processLimit``). The rest
    /// (dictionary entries, names) is a few kilobytes.
    public static func bytes(windowSeconds: Double, intervalSeconds: Double) -> Int {
        let points = capacity(windowSeconds: min(windowSeconds, rawSpanSeconds), intervalSeconds: intervalSeconds)
            + coarseCapacity(windowSeconds: windowSeconds, intervalSeconds: intervalSeconds) + 1
        return points * TimeSeriesRing.bytesPerPoint * (HistorySeries.allCases.count + scopeLimit + processLimit)
    }

    /// Appends one point to every series, read from `snapshot` at its `takenAt`; when the snapshot
    /// was collected for a port scope, also its TIME_WAIT count to that scope's series.
    public mutating func record(_ snapshot: Snapshot) {
        record(HistorySample(snapshot))
    }

    /// Appends one tick's values: a point to every series, and to its scope's TIME_WAIT series.
    public mutating func record(_ sample: HistorySample) {
        for (series, value) in zip(HistorySeries.allCases, sample.values) {
            append(HistoryPoint(time: sample.time, value: value), to: series)
        }
        if let scope = sample.scope { append(HistoryPoint(time: sample.time, value: scope.timeWait), toScope: scope.name) }
        openFiles.append(sample.processes.map { ($0.pid, HistoryPoint(time: sample.time, value: $0.open)) }, empty: empty)
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
        scoped.append(point, to: scope, empty: empty)
    }

    /// The TIME_WAIT series of a port scope; `nil` when none was recorded (or it was dropped).
    public func timeWait(scope: String) -> DownsampledSeries? { scoped[scope] }

    /// Appends one point to a process's open-fd series, starting it (and dropping the least
    /// recently recorded process beyond ``processLimit``) when new.
    public mutating func append(_ point: HistoryPoint, toProcess pid: Int32) {
        openFiles.append(point, to: pid, empty: empty)
    }

    /// A process's open fds over the window; `nil` when none was recorded (or it was dropped).
    public func openFiles(pid: Int32) -> DownsampledSeries? { openFiles[pid] }

    /// Appends one point to one series.
    public mutating func append(_ point: HistoryPoint, to series: HistorySeries) {
        self.series[series, default: empty].append(point)
    }

    /// One series' points; empty when nothing was recorded yet.
    public subscript(series: HistorySeries) -> DownsampledSeries {
        self.series[series] ?? empty
    }

    /// The newest value of a series; `nil` when empty or unknown at the last tick.
    public func latest(_ series: HistorySeries) -> Double? { self[series].latest?.value }

    /// The highest known value of a series over the window.
    public func peak(_ series: HistorySeries) -> Double? { self[series].peak }

    /// The same window at a new interval: every point, oldest first, appended again, so the
    /// newest fill the new raw ring and the older fold into buckets.
    public func rescaled(intervalSeconds: Double) -> History {
        var copy = History(windowSeconds: windowSeconds, intervalSeconds: intervalSeconds)
        for series in HistorySeries.allCases {
            for point in self[series].points { copy.append(point, to: series) }
        }
        for scope in scopes {
            for point in scoped[scope]?.points ?? [] { copy.append(point, toScope: scope) }
        }
        for pid in processes {
            for point in openFiles[pid]?.points ?? [] { copy.append(point, toProcess: pid) }
        }
        return copy
    }
}
