import NetwatchCore

/// One line under the panes: the most severe threshold crossed, with how many others are, or
/// that nothing is wrong (saying so only about the data that could be read). The wording shrinks
/// to the width: the consequence goes first, then the full message gives way to a brief one,
/// then the count of other findings.
enum AdvicePane {
    static func draw(_ model: DashboardModel, in rect: Rect, on buffer: inout ScreenBuffer) {
        buffer.fill(rect, role: .normal)
        buffer.write(runs(model, width: rect.width), x: rect.x, y: rect.y, clip: rect)
    }

    static func runs(_ model: DashboardModel, width: Int) -> [TextRun] {
        guard let snapshot = model.snapshot else { return [TextRun(" waiting for the first sample", .dim)] }
        guard let worst = ThresholdFinding.mostSevere(in: snapshot) else { return allClear(snapshot) }
        let role = worst.severity.textRole
        let label = TextRun(worst.severity == .critical ? " CRITICAL " : " WARNING ", role)
        let others = ThresholdFinding.all(in: snapshot).count - 1
        let more = others > 0 ? [TextRun(" (+\(others) more)", .dim)] : []
        let consequence = worst.consequence.map { [TextRun(": " + $0, role)] } ?? []
        let wordings = [
            [label, TextRun(" " + worst.message, role)] + consequence + more,
            [label, TextRun(" " + worst.message, role)] + more,
            [label, TextRun(" " + worst.brief, role)] + more,
            [label, TextRun(" " + worst.brief, role)],
        ]
        return wordings.first { FittedLine.columns($0) <= width } ?? wordings[wordings.count - 1]
    }

    /// No threshold crossed: "no problems detected", or, when sources could not be read, that
    /// only the data read was checked and the first collector warning.
    private static func allClear(_ snapshot: Snapshot) -> [TextRun] {
        let warnings = snapshot.collector.warnings
        guard let first = warnings.first else { return [TextRun(" ok ", .good), TextRun(" no problems detected", .dim)] }
        return [TextRun(" n/a ", .warning),
                TextRun(" no threshold crossed in the data read; \(warnings.count) warning(s): \(first)", .dim)]
    }
}
