import NetwatchCore

/// Listening sockets: address:port, accept queue / backlog (coloured by how full it is), and the
/// owning process. The title carries the namespace's listen overflows per second
/// (`TcpExt: ListenOverflows`, which counts dropped events, not clients).
enum ListenersPane {
    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let sort = model.view.sortKey(for: .listeners)
        let overflows = model.snapshot?.rates[.listenOverflows] ?? nil
        let overflowItem = FittedLine.Item([TextRun("overflows ", .label),
                                            TextRun(DisplayFormat.perSecond(overflows), (overflows ?? 0) > 0 ? .critical : .value)])
        let title = [PaneFrame.name("Listeners"), overflowItem] + PaneFrame.sort(sort)
        let inner = PaneFrame.draw(title, in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        let rows = TableOrder.listeners(model.snapshot?.listeners ?? [], by: sort)
        TableView(
            columns: [TableColumn("ADDRESS:PORT", width: 14, align: .left, flexible: true), TableColumn("QUEUE", width: 9),
                      TableColumn("OWNER", width: 12, align: .left)],
            rows: rows, cells: cells,
            selected: focused ? model.view.selectedRow(in: .listeners) : nil,
            emptyText: model.snapshot?.states == nil ? DisplayFormat.missing : "no listening sockets"
        ).draw(in: inner, glyphs: glyphs, on: &buffer)
    }

    private static func cells(_ listener: Snapshot.Listener) -> [TextRun] {
        let record = listener.record
        let backlog = record.backlog.map { DisplayFormat.compact($0) } ?? DisplayFormat.missing
        let fill = TableOrder.fill(record)
        let owner = listener.owner.map { "\($0.pid) \($0.command)" } ?? DisplayFormat.missing
        return [TextRun(DisplayFormat.endpoint(record.address, record.port), .value),
                TextRun(DisplayFormat.compact(record.acceptQueue) + "/" + backlog, Severity(ratio: fill).textRole),
                TextRun(owner, listener.owner == nil ? .dim : .value)]
    }
}
