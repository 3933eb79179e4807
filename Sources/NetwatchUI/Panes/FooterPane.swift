/// The bottom row: the status message (export path, errors, the new interval) first, then as
/// many key hints as fit.
enum FooterPane {
    static func draw(_ model: DashboardModel, in rect: Rect, on buffer: inout ScreenBuffer) {
        buffer.fill(rect, role: .normal)
        var runs = [TextRun]()
        if let status = model.view.statusMessage { runs.append(TextRun(" " + status + " ", .status)) }
        var used = FittedLine.columns(runs)
        for (key, action) in hints(model) {
            let hint = [TextRun(" " + key, .keyHint), TextRun(" " + action + " ", .label)]
            guard used + FittedLine.columns(hint) <= rect.width else { break }
            runs += hint
            used += FittedLine.columns(hint)
        }
        buffer.write(runs, x: rect.x, y: rect.y, clip: rect)
    }

    /// Key and what it does, most useful first.
    static func hints(_ model: DashboardModel) -> [(key: String, action: String)] {
        [("q", "quit"), ("?", "help"), ("space", model.view.paused ? "resume" : "pause"), ("tab", "focus"),
         (model.glyphMode.glyphs.upDown, "select"), ("s", "sort"), ("e", "export"), ("t", "theme"), ("+/-", "interval")]
    }
}
