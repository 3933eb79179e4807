import NetwatchCore

/// One line under the panes: the most severe finding of the advice engine, with how many others
/// there are, or that nothing is wrong (saying so only about the data that could be read). The
/// wording shrinks to the width: the hint to open the list goes first, then the count.
enum AdvicePane {
    static func draw(_ model: DashboardModel, in rect: Rect, on buffer: inout ScreenBuffer) {
        buffer.fill(rect, role: .normal)
        buffer.write(runs(model, width: rect.width), x: rect.x, y: rect.y, clip: rect)
    }

    static func runs(_ model: DashboardModel, width: Int) -> [TextRun] {
        guard let snapshot = model.snapshot else {
            return [TextRun(model.replay == nil ? " waiting for the first sample" : " no snapshot in the recording yet", .dim)]
        }
        guard let worst = snapshot.advice.first else { return allClear(snapshot) }
        let role = worst.severity.textRole
        let line = [TextRun(worst.severity.label, role), TextRun(" " + worst.title, role)]
        let others = snapshot.advice.count - 1
        let more = others > 0 ? [TextRun(" (+\(others) more)", .dim)] : []
        let wordings = [line + more + [TextRun("  a: details", .dim)], line + more, line]
        return wordings.first { FittedLine.columns($0) <= width } ?? line
    }

    /// No finding: "no problems detected", or, when sources could not be read, that only the data
    /// read was checked and the first collector warning.
    private static func allClear(_ snapshot: Snapshot) -> [TextRun] {
        let warnings = snapshot.collector.warnings
        guard let first = warnings.first else { return [TextRun(" ok ", .good), TextRun(" no problems detected", .dim)] }
        return [TextRun(" n/a ", .warning),
                TextRun(" no problem found in the data read; \(warnings.count) warning(s): \(first)", .dim)]
    }
}
