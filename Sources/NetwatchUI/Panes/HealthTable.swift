import NetwatchCore

/// The Peers pane grouped by connection health (`g`): one row per destination of this host's
/// client connections with its pool, idle and keep-alive counts, stuck connects, RTT and
/// retransmissions; `s` sorts by each (``SortKey/health``).
enum HealthTable {
    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let health = model.snapshot?.health
        let sort = model.view.sortKey(for: .peers)
        var title = [PaneFrame.name("Connection health", short: "Health")] + PaneFrame.sort(sort)
        if let health, !health.tcpInfo { title.append(FittedLine.Item([TextRun("no tcp_info", .dim)])) }
        let inner = PaneFrame.draw(title, in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        TableView(
            columns: [TableColumn("DESTINATION", width: 12, align: .left, flexible: true), TableColumn("POOL", width: 5),
                      TableColumn("IDLE10M", width: 7), TableColumn("KA", width: 5), TableColumn("SYN>3S", width: 6),
                      TableColumn("RTT99", width: 8), TableColumn("RETR", width: 5)],
            rows: TableOrder.health(health?.destinations ?? [], by: sort), cells: cells,
            selected: focused ? model.view.selectedRow(in: .peers) : nil,
            emptyText: health == nil ? DisplayFormat.missing : "no client connections"
        ).draw(in: inner, glyphs: glyphs, on: &buffer)
    }

    private static func cells(_ row: ConnectionHealth.Destination) -> [TextRun] {
        let f = row.figures
        let idle = f.idleOver10m
        return [
            TextRun(DisplayFormat.endpoint(row.address, row.port), .value),
            TextRun(DisplayFormat.compact(f.established), .value),
            TextRun(DisplayFormat.compact(idle), (idle ?? 0) > 0 ? .warning : .dim),
            TextRun(DisplayFormat.compact(f.keepAlive), f.keepAlive == 0 ? .dim : .value),
            TextRun(DisplayFormat.compact(f.synSentOver3s), f.synSentOver3s > 0 ? .critical : .dim),
            TextRun(DisplayFormat.rtt(f.rttP99Microseconds), .value),
            TextRun(DisplayFormat.compact(f.retransmits), (f.retransmits ?? 0) > 0 ? .warning : .dim),
        ]
    }
}
