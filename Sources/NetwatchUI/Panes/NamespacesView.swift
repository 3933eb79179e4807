import NetwatchCore

/// The namespaces view (`n`), filling the screen between header and footer: one row per network
/// namespace, most trouble first — name, processes, sockets, TIME_WAIT, CLOSE_WAIT, the worst
/// destination's port share and time to full, opens/s, listen overflows/s, the worst process's
/// fd share; a namespace that could not be entered shows why after its name. The one on screen is
/// marked `*`.
enum NamespacesView {
    static func draw(_ model: DashboardModel, in rect: Rect, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let rows = model.namespaceRows
        var title = [PaneFrame.name("Namespaces"), FittedLine.Item([TextRun("\(rows.count) listed", .dim)])]
        if let cost = model.namespaces?.costMs {
            title.append(FittedLine.Item([TextRun("pass ", .label), TextRun("\(Int(cost.rounded())) ms CPU", .value)]))
        }
        if !model.view.namespaceQuery.isEmpty {
            title.append(FittedLine.Item([TextRun("name ", .label), TextRun(model.view.namespaceQuery, .value)]))
        }
        let inner = PaneFrame.draw(title, in: rect, focused: true, marksFocus: false, glyphs: glyphs, on: &buffer)
        let shown = model.snapshot?.namespace?.inode ?? model.namespaces?.own
        TableView(
            columns: [TableColumn("NAMESPACE", width: 16, align: .left, flexible: true), TableColumn("PROCS", width: 5),
                      TableColumn("SOCKETS", width: 7), TableColumn("TW", width: 6), TableColumn("CW", width: 5),
                      TableColumn("PORTS", width: 5), TableColumn("FULL IN", width: 7), TableColumn("OPEN/s", width: 6),
                      TableColumn("OVFL/s", width: 6), TableColumn("FDS", width: 5)],
            rows: rows, cells: { cells($0, shown: $0.namespace.inode == shown) },
            selected: model.view.namespaceSelection,
            emptyText: emptyText(model)
        ).draw(in: inner, glyphs: glyphs, on: &buffer)
    }

    private static func emptyText(_ model: DashboardModel) -> String {
        guard let namespaces = model.namespaces else {
            return model.replay == nil ? "collecting every namespace's summary" : "namespaces are listed on the live dashboard only"
        }
        return namespaces.rows.isEmpty ? "no namespace found" : "no namespace name contains '\(model.view.namespaceQuery)'"
    }

    private static func cells(_ row: NamespaceSummary, shown: Bool) -> [TextRun] {
        let mark = shown ? "*" : " "
        let processes = TextRun(DisplayFormat.compact(row.namespace.processCount), .value)
        if let reason = row.unavailable {
            // The name column is the wide one: the reason follows the name there.
            let why = reason.replacing("cannot enter netns \(row.namespace.name): ", with: "")
            return [TextRun(mark + row.namespace.name + " (" + why + ")", .dim), processes]
                + Array(repeating: TextRun(DisplayFormat.missing, .dim), count: 8)
        }
        let name = TextRun(mark + row.namespace.name, row.topFinding.map { $0.severity.textRole } ?? .value)
        let states = row.states
        let closeWait = states?[.closeWait]
        let worst = row.worstDestination
        return [name, processes,
                TextRun(DisplayFormat.compact(states?.total), .value),
                TextRun(DisplayFormat.compact(states?[.timeWait]), .value),
                TextRun(DisplayFormat.compact(closeWait), (closeWait ?? 0) > 0 ? .warning : .value),
                TextRun(DisplayFormat.percent(worst?.ratio), Severity(ratio: worst?.ratio).textRole),
                TextRun(worst.map(DisplayFormat.timeLeft) ?? DisplayFormat.missing, .value),
                TextRun(DisplayFormat.rate(row.opensPerSecond), .value),
                TextRun(DisplayFormat.rate(row.listenOverflowsPerSecond), (row.listenOverflowsPerSecond ?? 0) > 0 ? .critical : .value),
                TextRun(DisplayFormat.percent(row.worstProcess?.ratio), Severity(ratio: row.worstProcess?.ratio).textRole)]
    }
}
