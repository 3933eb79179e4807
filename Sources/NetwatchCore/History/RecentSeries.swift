/// A ``DownsampledSeries`` per key for at most ``limit`` keys: a new key beyond the limit drops
/// the one recorded least recently. ``History`` keeps its port scopes' TIME_WAIT and its
/// processes' open fds this way.
struct RecentSeries<Key: Hashable & Sendable>: Equatable, Sendable {
    let limit: Int
    /// Keys with a series, least recently recorded first.
    private(set) var keys: [Key] = []
    private var series: [Key: DownsampledSeries] = [:]

    init(limit: Int) { self.limit = limit }

    /// Appends `point` to the series of `key`, starting it from `empty` when new.
    mutating func append(_ point: HistoryPoint, to key: Key, empty: DownsampledSeries) {
        append([(key, point)], empty: empty)
    }

    /// Appends one tick's points, then drops the least recently recorded keys beyond ``limit``:
    /// never one of this tick's (when there are at most ``limit`` of them).
    mutating func append(_ points: [(key: Key, point: HistoryPoint)], empty: DownsampledSeries) {
        let recorded = Set(points.map(\.key))
        keys.removeAll { recorded.contains($0) }
        for (key, point) in points {
            if !keys.contains(key) { keys.append(key) }
            series[key, default: empty].append(point)
        }
        while keys.count > limit { series[keys.removeFirst()] = nil }
    }

    subscript(key: Key) -> DownsampledSeries? { series[key] }
}
