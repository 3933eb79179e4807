import NetwatchCore

/// The advice list (`a`), filling the screen between header and footer: every finding, most
/// severe first, with its severity label, title, evidence (`name value, …`), suggestions (`- `,
/// with the exact commands) and reference, wrapped to the width. ↑↓ select a finding (its title is highlighted and kept on
/// screen); Enter drills into its port, destination, peer or process.
enum AdviceView {
    /// One screen line, the finding it belongs to, and whether it is part of that finding's title.
    struct Line: Equatable {
        let finding: Int
        let runs: [TextRun]
        var isTitle = false
    }

    static func draw(_ model: DashboardModel, in rect: Rect, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let advice = model.advice
        let title = [PaneFrame.name("Advice"), FittedLine.Item([TextRun("\(advice.count) finding(s)", .dim)])]
        let inner = PaneFrame.draw(title, in: rect, focused: true, marksFocus: false, glyphs: glyphs, on: &buffer)
        guard inner.height > 0 else { return }
        guard !advice.isEmpty else {
            let text = model.snapshot == nil ? "waiting for the first sample" : "no problems detected in the data read"
            buffer.write(text, x: inner.x + 1, y: inner.y, role: .dim, clip: inner)
            return
        }
        let selected = min(model.view.adviceSelection, advice.count - 1)
        let all = lines(advice, width: inner.width - 2)
        let top = firstLine(all, selected: selected, height: inner.height)
        for (index, line) in all.dropFirst(top).prefix(inner.height).enumerated() {
            let row = inner.row(index)
            let highlighted = line.isTitle && line.finding == selected
            if highlighted { buffer.fill(row, role: .selection) }
            let runs = highlighted ? line.runs.map { TextRun($0.text, .selection) } : line.runs
            buffer.write(runs, x: row.x + 1, y: row.y, clip: row)
        }
    }

    /// The first line shown: 0 while the selected finding fits below it, else the selected
    /// finding's first line (as low as the list allows).
    static func firstLine(_ lines: [Line], selected: Int, height: Int) -> Int {
        guard let start = lines.firstIndex(where: { $0.finding == selected }),
              let end = lines.lastIndex(where: { $0.finding == selected }) else { return 0 }
        if end < height { return 0 }
        return max(0, min(start, lines.count - height))
    }

    /// Every finding's lines, a blank line between findings.
    static func lines(_ advice: [Finding], width: Int) -> [Line] {
        var out = [Line]()
        for (index, finding) in advice.enumerated() {
            if index > 0 { out.append(Line(finding: index - 1, runs: [])) }
            let role = finding.severity.textRole
            let label = finding.severity.label
            for (row, text) in wrap(finding.title, width: width - label.count - 1).enumerated() {
                let lead = row == 0 ? TextRun(label, role) : TextRun(String(repeating: " ", count: label.count), .normal)
                out.append(Line(finding: index, runs: [lead, TextRun(" " + text, role)], isTitle: true))
            }
            let evidence = finding.evidence.map { "\($0.name) \(format($0))" }.joined(separator: ", ")
            out += indented(evidence, width: width, first: "  ", role: .value, finding: index)
            for suggestion in finding.suggestion {
                out += indented(suggestion, width: width, first: "  - ", role: .normal, finding: index)
            }
            out += indented("see " + finding.reference, width: width, first: "  ", role: .dim, finding: index)
        }
        return out
    }

    /// `text` wrapped with a first-line prefix and an indent of the same width after it.
    private static func indented(_ text: String, width: Int, first: String, role: ColorRole, finding: Int) -> [Line] {
        let indent = String(repeating: " ", count: first.count)
        return wrap(text, width: width - first.count).enumerated().map { row, part in
            Line(finding: finding, runs: [TextRun(row == 0 ? first : indent, .keyHint), TextRun(part, role)])
        }
    }

    /// Words into lines of at most `width` scalars; a word longer than the width is cut.
    static func wrap(_ text: String, width: Int) -> [String] {
        let width = max(1, width)
        var lines = [String](), current = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            var word = String(word)
            while word.unicodeScalars.count > width {
                if !current.isEmpty { lines.append(current); current = "" }
                lines.append(String(String.UnicodeScalarView(word.unicodeScalars.prefix(width))))
                word = String(String.UnicodeScalarView(word.unicodeScalars.dropFirst(width)))
            }
            if current.isEmpty {
                current = word
            } else if current.unicodeScalars.count + 1 + word.unicodeScalars.count <= width {
                current += " " + word
            } else {
                lines.append(current)
                current = word
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// An evidence value as read: ratios in percent, rates per second, seconds, counts.
    static func format(_ evidence: Evidence) -> String {
        switch evidence.value {
        case let .text(text): return text
        case let .integer(count): return String(count)
        case let .number(value):
            if evidence.name.contains("ratio") { return DisplayFormat.percent(value) }
            if evidence.name.hasSuffix("_per_s") { return DisplayFormat.perSecond(value) }
            if evidence.name.hasSuffix("_s") || evidence.name.hasPrefix("seconds") { return DisplayFormat.tenths(value) + " s" }
            return DisplayFormat.rate(value)
        }
    }
}
