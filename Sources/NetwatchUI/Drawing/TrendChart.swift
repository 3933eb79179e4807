/// A column chart of a series, the newest point at the right edge, scaled so that `top` fills
/// the height. With more points than columns, each column shows the peak of the run of points it
/// covers (runs end at the newest point), so the whole window fits and a spike is never averaged
/// away. Unicode mode fills cells in eighths (`▁…█`); ASCII draws `|`
/// columns topped with `*`. Any value above zero shows at least one step, so zero and "a little"
/// differ; an unknown value leaves its column empty.
struct TrendChart {
    /// Oldest first, one per tick.
    var values: [Double?]
    /// The value that fills the whole height (at least the largest value).
    var top: Double
    /// A value drawn as a horizontal line where no column covers it; `nil` for none.
    var reference: Double?

    func draw(in rect: Rect, glyphs: Glyphs, on buffer: inout ScreenBuffer) {
        guard !rect.isEmpty, top > 0 else { return }
        let shown = TrendChart.columns(values, width: rect.width)
        let peak = shown.compactMap { $0 }.max()
        let firstColumn = rect.maxX - shown.count
        for (offset, value) in shown.enumerated() {
            guard let value else { continue }
            let units = steps(for: value, height: rect.height, glyphs: glyphs)
            let role: ColorRole = value == peak && value > 0 ? .chartPeak : .chart
            drawColumn(units: units, x: firstColumn + offset, in: rect, role: role, glyphs: glyphs, on: &buffer)
        }
        drawReference(in: rect, glyphs: glyphs, on: &buffer)
    }

    /// The value of each column: one point per column when they fit, else the peak of each run of
    /// ⌈count / width⌉ points, counted back from the newest (the oldest run may be shorter).
    static func columns(_ values: [Double?], width: Int) -> [Double?] {
        guard width > 0 else { return [] }
        guard values.count > width else { return values }
        let run = (values.count + width - 1) / width
        return stride(from: values.count, to: 0, by: -run).reversed().map { end in
            values[max(0, end - run)..<end].compactMap { $0 }.max()
        }
    }

    /// The column height of `value` in glyph steps (cells × steps per cell).
    private func steps(for value: Double, height: Int, glyphs: Glyphs) -> Int {
        let total = height * glyphs.chartLevels.count
        guard value > 0 else { return 0 }
        return min(total, max(1, Int((value / top * Double(total)).rounded(.down))))
    }

    private func drawColumn(units: Int, x: Int, in rect: Rect, role: ColorRole, glyphs: Glyphs,
                            on buffer: inout ScreenBuffer) {
        guard units > 0 else { return }
        let perCell = glyphs.chartLevels.count
        let topRow = (units - 1) / perCell
        for row in 0...topRow {
            let scalar = row < topRow ? glyphs.chartBody : glyphs.chartLevels[(units - 1) % perCell]
            buffer.put(scalar, x: x, y: rect.maxY - 1 - row, role: role, clip: rect)
        }
    }

    /// The reference line sits in the row that holds `reference`, in the cells no column reaches.
    private func drawReference(in rect: Rect, glyphs: Glyphs, on buffer: inout ScreenBuffer) {
        guard let reference, reference > 0, reference <= top else { return }
        let units = steps(for: reference, height: rect.height, glyphs: glyphs)
        let row = (units - 1) / glyphs.chartLevels.count
        let y = rect.maxY - 1 - row
        for x in rect.x..<rect.maxX where buffer[x, y]?.scalar == " " {
            buffer.put(glyphs.referenceLine, x: x, y: y, role: .referenceLine, clip: rect)
        }
    }
}
