import NetwatchCore

/// Listening sockets: address:port, accept queue / backlog (coloured by how full it is), and the
/// owning process. The title carries the namespace's listen overflows per second
/// (`TcpExt: ListenOverflows`, which counts dropped events, not clients).
enum ListenersPane {
    /// Columns of accept queue / backlog: `4096/4096` exact.
    static let queueWidth = 9

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
            columns: [TableColumn("ADDRESS:PORT", width: 14, align: .left, flexible: true), TableColumn("QUEUE", width: queueWidth),
                      TableColumn("OWNER", width: 12, align: .left)],
            rows: rows, cells: cells,
            selected: focused ? model.view.selectedRow(in: .listeners) : nil,
            emptyText: model.snapshot?.states == nil ? DisplayFormat.missing : "no listening sockets"
        ).draw(in: inner, glyphs: glyphs, on: &buffer)
    }

    private static func cells(_ listener: Snapshot.Listener) -> [TextRun] {
        let record = listener.record
        let fill = TableOrder.fill(record)
        let owner = listener.owner.map { "\($0.pid) \($0.command)" } ?? DisplayFormat.missing
        return [TextRun(DisplayFormat.endpoint(record.address, record.port), .value),
                TextRun(DisplayFormat.fraction(record.acceptQueue, of: record.backlog, width: queueWidth), Severity(ratio: fill).textRole),
                TextRun(owner, listener.owner == nil ? .dim : .value)]
    }
}
