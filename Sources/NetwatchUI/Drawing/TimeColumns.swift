import FoundationEssentials
import NetwatchCore

/// Where the points of a time series fall on a chart's columns: placed by their time, not by
/// their index, so coarse (downsampled) and raw points mix on one time scale.
///
/// The newest point's time is the right edge. While the data spans less than `width` ×
/// `intervalSeconds`, each column covers one interval and the chart fills from the right; once
/// it spans more, the columns stretch to cover all of it, each `spanSeconds / width` seconds.
///
/// A point stands for the time from the point before it up to its own time (a coarse point is
/// the maximum over that bucket), the oldest point for one interval. A column shows the maximum
/// of the known values of the points that overlap it, so a spike is never averaged away; a
/// column that no known value overlaps is `nil`, a gap and never a zero.
struct TimeColumns: Equatable {
    /// Seconds the whole width covers, ending at the newest point.
    let spanSeconds: Double
    /// Value of each column, oldest (left) first; `width` entries.
    let values: [Double?]

    /// Seconds one column covers.
    var secondsPerColumn: Double { values.isEmpty ? 0 : spanSeconds / Double(values.count) }

    /// Columns of `points` (oldest first) for a chart `width` columns wide.
    /// - Parameters:
    ///   - now: the right edge's time, the newest point's time.
    ///   - intervalSeconds: the sampling interval, in seconds (the width of a raw point).
    init(_ points: [HistoryPoint], now: Date, intervalSeconds: Double, width: Int) {
        let width = max(0, width)
        let interval = intervalSeconds.isFinite ? max(TimeColumns.shortestInterval, intervalSeconds) : 1
        let oldest = points.first.map { now.timeIntervalSince($0.time) } ?? 0
        spanSeconds = max(Double(width) * interval, oldest + interval)
        var values = [Double?](repeating: nil, count: width)
        guard width > 0 else {
            self.values = values
            return
        }
        let column = spanSeconds / Double(width)
        var olderEdge = oldest + interval
        for point in points {
            let age = now.timeIntervalSince(point.time)
            defer { olderEdge = age }
            guard let value = point.value else { continue }
            // Column k from the right covers ages [k·c, (k+1)·c); a point at least its own column.
            let newest = TimeColumns.index((age + TimeColumns.tolerance) / column, .down, width: width)
            let oldestColumn = max(newest, TimeColumns.index((olderEdge - TimeColumns.tolerance) / column, .up, width: width) - 1)
            guard oldestColumn >= 0, newest < width else { continue }
            for fromRight in max(0, newest)...min(width - 1, oldestColumn) {
                let index = width - 1 - fromRight
                values[index] = max(values[index] ?? value, value)
            }
        }
        self.values = values
    }

    /// The shortest interval taken as given, in seconds; anything shorter counts as this.
    static let shortestInterval = 0.001

    /// Seconds under which two times count as equal, so an edge at a column boundary does not
    /// spill into the next column through rounding.
    private static let tolerance = 1e-6

    /// A column position counted from the right, rounded and held within one column of the
    /// chart (so a point far outside it cannot overflow an integer).
    private static func index(_ position: Double, _ rule: FloatingPointRoundingRule, width: Int) -> Int {
        Int(min(Double(width + 1), max(-1, position.isNaN ? -1 : position)).rounded(rule))
    }

    /// The column that shows the time `secondsAgo` seconds before the right edge; `nil` outside.
    func column(secondsAgo: Double) -> Int? {
        guard secondsPerColumn > 0, secondsAgo >= 0 else { return nil }
        let fromRight = TimeColumns.index((secondsAgo + TimeColumns.tolerance) / secondsPerColumn, .down, width: values.count)
        return fromRight < values.count ? values.count - 1 - fromRight : nil
    }
}
