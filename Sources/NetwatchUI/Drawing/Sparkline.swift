import FoundationEssentials
import NetwatchCore

/// A one-row chart of a series over time (`▁▂▅█▇▃`; ASCII `.-=*#`), placed by time like
/// ``TimeSeriesChart`` and scaled to the largest column shown, but at least to ``minimumTop``
/// (so a steady trickle draws low, not as a wall). Any value above zero shows at least the lowest
/// glyph; zero and unknown columns stay blank.
struct Sparkline {
    /// Oldest first.
    var points: [HistoryPoint]
    /// The newest point's time: the right edge.
    var now: Date
    /// The sampling interval, in seconds.
    var intervalSeconds: Double
    /// The smallest value that fills the row.
    var minimumTop = 0.0

    /// The glyphs of `width` columns.
    func text(width: Int, glyphs: Glyphs) -> String {
        let values = TimeColumns(points, now: now, intervalSeconds: intervalSeconds, width: width).values
        let top = max(values.compactMap { $0 }.max() ?? 0, minimumTop)
        let levels = glyphs.sparkLevels
        var text = String.UnicodeScalarView()
        for value in values {
            guard let value, value > 0, top > 0 else {
                text.append(" ")
                continue
            }
            let level = Int(saturating: (value / top * Double(levels.count)).rounded(.up)) - 1
            text.append(levels[min(levels.count - 1, max(0, level))])
        }
        return String(text)
    }
}
