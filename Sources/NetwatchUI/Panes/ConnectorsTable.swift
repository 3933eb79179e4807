import NetwatchCore

/// The Peers pane grouped by process (`g`): who opens connections where, busiest first, with
/// connects and failures per second and the median lifetime (eBPF), or the live sockets of an
/// estimate (its title says so).
enum ConnectorsTable {
    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let connectors = model.snapshot?.connectors
        let estimated = connectors?.source == .sockets
        var title = [PaneFrame.name("Connectors", short: "Conn")]
        if estimated { title.append(FittedLine.Item([TextRun("estimated", .dim)])) }
        let inner = PaneFrame.draw(title, in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        TableView(
            columns: [TableColumn("PID", width: 7), TableColumn("COMMAND", width: 10, align: .left),
                      TableColumn("DESTINATION", width: 12, align: .left, flexible: true), TableColumn("CONN/S", width: 6),
                      TableColumn(estimated ? "LIVE" : "FAIL/S", width: 6), TableColumn(estimated ? "SYN-S" : "MEDIAN", width: 7)],
            rows: connectors?.connections ?? [], cells: cells,
            selected: focused ? model.view.selectedRow(in: .peers) : nil,
            emptyText: connectors == nil ? DisplayFormat.missing : "no connections opened"
        ).draw(in: inner, glyphs: glyphs, on: &buffer)
    }

    private static func cells(_ row: ConnectorRow) -> [TextRun] {
        var cells = [TextRun("\(row.process.pid)", .value), TextRun(row.process.command, .value),
                     TextRun(DisplayFormat.endpoint(row.address, row.port), .value),
                     TextRun(DisplayFormat.rate(row.connectsPerSecond), .value)]
        if let live = row.live {
            cells.append(TextRun(DisplayFormat.compact(live.synSent + live.established), .value))
            cells.append(TextRun(DisplayFormat.compact(live.synSent), live.synSent == 0 ? .dim : ColorRole.emphasis(for: .synSent) ?? .value))
        } else {
            let failures = row.failuresPerSecond?.total
            cells.append(TextRun(DisplayFormat.rate(failures), (failures ?? 0) > 0 ? .critical : .dim))
            cells.append(TextRun(DrillSummary.lifetime(row.medianLifetimeMs), .value))
        }
        return cells
    }
}
