import NetwatchCore

/// Remote addresses by connection count, with per-state columns; sortable by the total or by a
/// state, and the selected row highlighted when the pane has the focus.
enum PeersPane {
    /// The state columns, in the order they give way when the pane is narrow.
    static let stateColumns: [(title: String, state: TCPState)] = [
        ("ESTAB", .established), ("TW", .timeWait), ("CW", .closeWait), ("SYN-S", .synSent), ("SYN-R", .synRecv),
        ("FIN-W", .finWait2),
    ]

    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let sort = model.view.sortKey(for: .peers)
        let inner = PaneFrame.draw([PaneFrame.name("Peers")] + PaneFrame.sort(sort), in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        let rows = TableOrder.peers(model.snapshot?.peers ?? [], by: sort)
        TableView(
            columns: [TableColumn("PEER", width: 12, align: .left, flexible: true), TableColumn("TOTAL", width: 5)]
                + stateColumns.map { TableColumn($0.title, width: 5) },
            rows: rows.map(cells),
            selected: focused ? model.view.selectedRow(in: .peers) : nil,
            emptyText: model.snapshot?.states == nil ? DisplayFormat.missing : "no connections"
        ).draw(in: inner, glyphs: glyphs, on: &buffer)
    }

    private static func cells(_ peer: Snapshot.Peer) -> [TextRun] {
        [TextRun(peer.address.description, .value), TextRun(DisplayFormat.compact(peer.total), .value)]
            + stateColumns.map { column in
                let count = peer.counts[column.state]
                let role = count == 0 ? .dim : ColorRole.emphasis(for: column.state) ?? .value
                return TextRun(DisplayFormat.compact(count), role)
            }
    }
}
