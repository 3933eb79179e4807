/// A table with a heading row: columns left to right with one space between them; columns that
/// do not fit are dropped from the right; text wider than its column is cut with an ellipsis.
/// Only the selected row is highlighted, and the rows scroll so it stays in view. Only the rows
/// in view are formatted: a recording can hold a million.
struct TableView {
    var columns: [TableColumn]
    var rowCount: Int
    /// The cells of row `index`, one per column.
    var cells: (Int) -> [TextRun]
    /// The highlighted row, `nil` when the table does not have the focus.
    var selected: Int?
    /// Shown in place of the rows when there are none.
    var emptyText: String

    /// A table of `rows`, each formatted by `cells` when it comes into view.
    init<Row>(columns: [TableColumn], rows: [Row], cells: @escaping (Row) -> [TextRun], selected: Int?, emptyText: String) {
        self.columns = columns
        rowCount = rows.count
        self.cells = { cells(rows[$0]) }
        self.selected = selected
        self.emptyText = emptyText
    }

    func draw(in rect: Rect, glyphs: Glyphs, on buffer: inout ScreenBuffer) {
        guard !rect.isEmpty else { return }
        let widths = columnWidths(total: rect.width)
        drawRow(columns.map { TextRun($0.title, .label) }, widths: widths, y: rect.y, in: rect, glyphs: glyphs, on: &buffer)
        let body = Rect(x: rect.x, y: rect.y + 1, width: rect.width, height: rect.height - 1)
        guard rowCount > 0 else {
            buffer.write(emptyText, x: body.x, y: body.y, role: .dim, clip: body)
            return
        }
        let first = firstVisibleRow(height: body.height)
        for (line, index) in (first..<min(rowCount, first + body.height)).enumerated() {
            let y = body.y + line
            var cells = cells(index)
            if index == selected {
                buffer.fill(body.row(line), role: .selection)
                cells = cells.map { TextRun($0.text, .selection) }
            }
            drawRow(cells, widths: widths, y: y, in: body, glyphs: glyphs, on: &buffer)
        }
    }

    /// The first row shown, so that the selected row is inside a window of `height` rows.
    func firstVisibleRow(height: Int) -> Int {
        guard let selected, height > 0, selected >= height else { return 0 }
        return min(selected - height + 1, max(0, rowCount - height))
    }

    /// Widths of the columns that fit, in order (a prefix of `columns`).
    func columnWidths(total: Int) -> [Int] {
        var kept = [TableColumn]()
        for column in columns {
            let needed = (kept + [column]).reduce(0) { $0 + $1.width } + kept.count
            if needed > total { break }
            kept.append(column)
        }
        let spare = total - kept.reduce(0) { $0 + $1.width } - max(0, kept.count - 1)
        return kept.map { $0.width + ($0.flexible ? spare : 0) }
    }

    private func drawRow(_ cells: [TextRun], widths: [Int], y: Int, in rect: Rect, glyphs: Glyphs,
                         on buffer: inout ScreenBuffer) {
        var x = rect.x
        for (index, width) in widths.enumerated() where index < cells.count {
            let text = DisplayFormat.fit(cells[index].text, width, ellipsis: glyphs.ellipsis)
            let cell = Rect(x: x, y: y, width: width, height: 1).intersection(rect)
            buffer.write(text, in: cell, align: columns[index].align, role: cells[index].role)
            x += width + 1
        }
    }
}
