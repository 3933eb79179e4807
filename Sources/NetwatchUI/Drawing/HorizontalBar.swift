/// Bars that grow to the right: a gauge (filled part coloured by severity, then the empty part)
/// and a plain bar (filled part only). Unicode mode fills partial cells in eighths.
enum HorizontalBar {
    /// The scalars of the filled part of a `width`-cell bar at `fraction` (0…1, clamped), rounded
    /// down to the glyph set's resolution.
    static func filled(fraction: Double, width: Int, glyphs: Glyphs) -> [Unicode.Scalar] {
        guard width > 0, fraction.isFinite, fraction > 0 else { return [] }
        let steps = glyphs.barPartials.count + 1
        let units = Int((min(1, fraction) * Double(width * steps)).rounded(.down))
        var scalars = Array(repeating: glyphs.barFull, count: units / steps)
        if units % steps > 0 { scalars.append(glyphs.barPartials[units % steps - 1]) }
        return scalars
    }

    /// A gauge across the first row of `rect`; an unknown ratio draws only the empty part.
    static func drawGauge(ratio: Double?, in rect: Rect, glyphs: Glyphs, on buffer: inout ScreenBuffer) {
        let filled = filled(fraction: ratio ?? 0, width: rect.width, glyphs: glyphs)
        let role = Severity(ratio: ratio).gaugeRole
        for x in 0..<rect.width {
            if x < filled.count {
                buffer.put(filled[x], x: rect.x + x, y: rect.y, role: role, clip: rect)
            } else {
                buffer.put(glyphs.gaugeEmpty, x: rect.x + x, y: rect.y, role: .gaugeEmpty, clip: rect)
            }
        }
    }

    /// Columns a gauge line on a row of `rowWidth` gives its counts: up to half the row, so the
    /// gauge keeps the rest (`26,312/28,232` fits a 40-column pane).
    static func countsWidth(_ rowWidth: Int) -> Int { max(0, rowWidth / 2 - 2) }

    /// A labelled gauge line: `worst  93% ████░░ 26,312/28,232` — label, percentage (coloured
    /// by severity), gauge across the free width, and the counts behind the ratio at the right.
    /// An unknown ratio shows `n/a` in the dim role.
    static func drawGaugeLine(label: String, ratio: Double?, counts: String, in row: Rect, glyphs: Glyphs,
                              on buffer: inout ScreenBuffer) {
        let x = buffer.write(label + " ", x: row.x, y: row.y, role: .label, clip: row)
        let percent = Rect(x: x, y: row.y, width: 4, height: 1).intersection(row)
        buffer.write(DisplayFormat.percent(ratio), in: percent, align: .right, role: ratio == nil ? .dim : Severity(ratio: ratio).textRole)
        let gauge = Rect(x: x + 5, y: row.y, width: row.maxX - x - 5 - counts.unicodeScalars.count - 1, height: 1)
        drawGauge(ratio: ratio, in: gauge, glyphs: glyphs, on: &buffer)
        buffer.write(counts, in: row, align: .right, role: ratio == nil ? .dim : .value)
    }

    /// A plain bar across the first row of `rect`, in `role`.
    static func drawBar(fraction: Double, in rect: Rect, role: ColorRole, glyphs: Glyphs, on buffer: inout ScreenBuffer) {
        for (x, scalar) in filled(fraction: fraction, width: rect.width, glyphs: glyphs).enumerated() {
            buffer.put(scalar, x: rect.x + x, y: rect.y, role: role, clip: rect)
        }
    }
}
