import FoundationEssentials
import NetwatchCore

/// A column chart of a series over time with its axes:
///
/// ```
///  40k┤                 ▂▆▆▆▆▃▃▃▃ max
///  20k┤             ▃▇█████████
///    0┤▁▁▁▁▁▁▁▁▁▁▁▃▇███████████
///     -4m  -3m  -2m ▲-1m     now
/// ```
///
/// The left gutter labels 0, half and the whole of a round ``ValueScale``; the bottom row gives
/// ages (``TimeAxis``) and marks the peak column with `▲` (`^` in ASCII). Columns are placed by
/// time (``TimeColumns``); unicode fills cells in eighths (`▁…█`), ASCII draws `|` columns topped
/// with `*`. Any value above zero shows at least one step, so zero and "a little" differ; an
/// unknown column stays empty. The columns holding the peak take the ``ColorRole/chartPeak``
/// role. A reference value within the scale is drawn as a line in the cells no column reaches,
/// named `max` at its right end.
struct TimeSeriesChart {
    /// Oldest first.
    var points: [HistoryPoint]
    /// The newest point's time: the right edge.
    var now: Date
    /// The sampling interval, in seconds.
    var intervalSeconds: Double
    /// The value the scale must reach (at least the largest value); the scale's top is the round
    /// number at or above it.
    var largest: Double
    /// A value drawn as a labelled horizontal line; `nil` for none.
    var reference: Double?

    /// The name of the reference line, at its right end.
    static let referenceName = " max"

    /// Draws the chart in `rect`, the bottom row for the time axis when `rect` has at least
    /// `2` rows and `timeAxis` is set.
    func draw(in rect: Rect, timeAxis: Bool, glyphs: Glyphs, on buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        let axisRows = timeAxis && rect.height >= 2 ? 1 : 0
        let height = rect.height - axisRows
        let scale = ValueScale(covering: max(largest, reference ?? 0))
        let ticks = scale.ticks(height: height)
        let gutter = (ticks.map(\.label.unicodeScalars.count).max() ?? 0) + 1
        let shownReference = reference.flatMap { $0 > 0 && $0 <= scale.top ? $0 : nil }
        let rightGutter = shownReference == nil ? 0 : TimeSeriesChart.referenceName.unicodeScalars.count
        guard rect.width > gutter + rightGutter else { return }
        let plot = Rect(x: rect.x + gutter, y: rect.y, width: rect.width - gutter - rightGutter, height: height)
        let columns = TimeColumns(points, now: now, intervalSeconds: intervalSeconds, width: plot.width)
        drawValueAxis(ticks, plot: plot, gutter: gutter, glyphs: glyphs, on: &buffer)
        let peak = columns.values.compactMap { $0 }.max()
        for (offset, value) in columns.values.enumerated() {
            guard let value else { continue }
            let role: ColorRole = value == peak && value > 0 ? .chartPeak : .chart
            drawColumn(steps(for: value, scale: scale, height: plot.height, glyphs: glyphs), x: plot.x + offset, in: plot,
                       role: role, glyphs: glyphs, on: &buffer)
        }
        if let shownReference {
            drawReference(shownReference, scale: scale, plot: plot, glyphs: glyphs, on: &buffer)
        }
        if axisRows > 0 {
            let row = Rect(x: plot.x, y: plot.maxY, width: plot.width, height: 1)
            drawTimeAxis(columns, peak: peak, in: row, glyphs: glyphs, on: &buffer)
        }
    }

    /// The column height of `value` in glyph steps (cells × steps per cell).
    private func steps(for value: Double, scale: ValueScale, height: Int, glyphs: Glyphs) -> Int {
        let total = height * glyphs.chartLevels.count
        guard value > 0 else { return 0 }
        return min(total, max(1, Int(saturating: (value / scale.top * Double(total)).rounded(.down))))
    }

    private func drawColumn(_ units: Int, x: Int, in rect: Rect, role: ColorRole, glyphs: Glyphs,
                            on buffer: inout ScreenBuffer) {
        guard units > 0 else { return }
        let perCell = glyphs.chartLevels.count
        let topRow = (units - 1) / perCell
        for row in 0...topRow {
            let scalar = row < topRow ? glyphs.chartBody : glyphs.chartLevels[(units - 1) % perCell]
            buffer.put(scalar, x: x, y: rect.maxY - 1 - row, role: role, clip: rect)
        }
    }

    /// The labels right-aligned in the gutter, a tick mark after each and the axis between them.
    private func drawValueAxis(_ ticks: [ValueScale.Tick], plot: Rect, gutter: Int, glyphs: Glyphs,
                               on buffer: inout ScreenBuffer) {
        let axisX = plot.x - 1
        for y in plot.y..<plot.maxY {
            buffer.put(glyphs.axisLine, x: axisX, y: y, role: .border)
        }
        for tick in ticks {
            let y = plot.maxY - 1 - tick.row
            let labelArea = Rect(x: plot.x - gutter, y: y, width: gutter - 1, height: 1)
            buffer.write(tick.label, in: labelArea, align: .right, role: .label)
            buffer.put(glyphs.axisTick, x: axisX, y: y, role: .border)
        }
    }

    /// The line sits in the row that holds `reference`, in the cells no column reaches, and is
    /// named in the right gutter.
    private func drawReference(_ reference: Double, scale: ValueScale, plot: Rect, glyphs: Glyphs,
                               on buffer: inout ScreenBuffer) {
        let y = plot.maxY - 1 - scale.row(of: reference, height: plot.height)
        for x in plot.x..<plot.maxX where buffer[x, y]?.scalar == " " {
            buffer.put(glyphs.referenceLine, x: x, y: y, role: .referenceLine, clip: plot)
        }
        buffer.write(TimeSeriesChart.referenceName, x: plot.maxX, y: y, role: .referenceLine)
    }

    /// Age labels, and the peak marker under the newest column holding the peak; a label that
    /// would touch the marker is left out.
    private func drawTimeAxis(_ columns: TimeColumns, peak: Double?, in row: Rect, glyphs: Glyphs,
                              on buffer: inout ScreenBuffer) {
        let marker = peak.flatMap { peak in peak > 0 ? columns.values.lastIndex(of: peak) : nil }
        for label in TimeAxis.labels(for: columns) {
            let first = label.column - label.text.unicodeScalars.count + 1
            if let marker, marker >= first - 1, marker <= label.column + 1 { continue }
            buffer.write(label.text, x: row.x + first, y: row.y, role: .dim, clip: row)
        }
        if let marker {
            buffer.put(glyphs.peakMarker, x: row.x + marker, y: row.y, role: .chartPeak, clip: row)
        }
    }
}
