/// The border every pane sits in, with its title in the top edge. The focused pane's border
/// takes the ``ColorRole/focusedBorder`` role and its title starts with ``Glyphs/focusMarker``,
/// which shows the focus without colour (`--no-color`, monochrome terminals).
enum PaneFrame {
    /// Draws the frame and returns the rectangle inside it.
    /// - Parameters:
    ///   - title: the title's items, most important first; those that do not fit the top edge
    ///     are left out (see ``FittedLine``).
    ///   - marksFocus: a focused frame's title starts with the marker; `false` where the frame is
    ///     the only one keys act on (help, advice list, a drill view's socket list).
    static func draw(_ title: [FittedLine.Item], in rect: Rect, focused: Bool, marksFocus: Bool = true, glyphs: Glyphs,
                     on buffer: inout ScreenBuffer) -> Rect {
        guard !rect.isEmpty else { return rect.inset(by: 1) }
        buffer.box(rect, title: nil, glyphs: glyphs, role: focused ? .focusedBorder : .border, titleRole: .title)
        let marker = focused && marksFocus ? [TextRun(glyphs.focusMarker + " ", .title)] : []
        let runs = marker + FittedLine.fit(title, width: rect.width - 4 - FittedLine.columns(marker))
        if !runs.isEmpty {
            let edge = Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1)
            buffer.write([TextRun(" ", .title)] + runs + [TextRun(" ", .title)], x: edge.x, y: edge.y, clip: edge)
        }
        return rect.inset(by: 1)
    }

    /// A title item in the title role.
    static func name(_ text: String, short: String? = nil) -> FittedLine.Item {
        FittedLine.Item([TextRun(text, .title)], short: short.map { [TextRun($0, .title)] })
    }

    /// The sort in force, as a dim title item.
    static func sort(_ key: SortKey?) -> [FittedLine.Item] {
        key.map { [FittedLine.Item([TextRun($0.label, .dim)])] } ?? []
    }
}
