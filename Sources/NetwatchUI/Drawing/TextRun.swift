/// A piece of text in one role; lines are built from runs.
struct TextRun: Equatable, Sendable {
    var text: String
    var role: ColorRole

    init(_ text: String, _ role: ColorRole) {
        self.text = text
        self.role = role
    }

    /// Columns the run takes (every scalar is one column once on screen).
    var width: Int { text.unicodeScalars.count }
}

extension ScreenBuffer {
    /// Draws runs one after another from column `x` of row `y`, clipped to `clip`.
    /// - Returns: the column after the last run.
    @discardableResult
    mutating func write(_ runs: [TextRun], x: Int, y: Int, clip: Rect) -> Int {
        runs.reduce(x) { column, run in write(run.text, x: column, y: y, role: run.role, clip: clip) }
    }
}
