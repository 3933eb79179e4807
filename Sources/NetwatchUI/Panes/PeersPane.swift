import NetwatchCore

/// Remote addresses by connection count, with per-state columns; sortable by the total or by a
/// state, and the selected row highlighted when the pane has the focus. `g` groups the same
/// columns by local port instead (``PeersGrouping/localPort``), sorted the same way, then shows
/// who opens connections (``PeersGrouping/process``, busiest first: ``ConnectorsTable``).
enum PeersPane {
    /// The state columns, in the order they give way when the pane is narrow.
    static let stateColumns: [(title: String, state: TCPState)] = [
        ("ESTAB", .established), ("TW", .timeWait), ("CW", .closeWait), ("SYN-S", .synSent), ("SYN-R", .synRecv),
        ("FIN-W", .finWait2),
    ]

    /// Columns of each count: exact up to `99999`, digits only (the columns are narrow; a
    /// separator on some rows only would misalign them).
    static let countWidth = 5

    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        if model.view.peersGrouping == .process {
            ConnectorsTable.draw(model, in: rect, focused: focused, on: &buffer)
            return
        }
        if model.view.peersGrouping == .health {
            HealthTable.draw(model, in: rect, focused: focused, on: &buffer)
            return
        }
        let glyphs = model.glyphMode.glyphs
        let sort = model.view.sortKey(for: .peers)
        let byPort = model.view.peersGrouping == .localPort
        let name = byPort ? PaneFrame.name("Local ports", short: "Ports") : PaneFrame.name("Peers")
        let inner = PaneFrame.draw([name] + PaneFrame.sort(sort), in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        let columns = [TableColumn(byPort ? "PORT" : "PEER", width: 12, align: .left, flexible: true), TableColumn("TOTAL", width: countWidth)]
            + stateColumns.map { TableColumn($0.title, width: countWidth) }
        let selected = focused ? model.view.selectedRow(in: .peers) : nil
        let empty = model.snapshot?.states == nil ? DisplayFormat.missing : "no connections"
        let table = byPort
            ? TableView(columns: columns, rows: TableOrder.localPorts(model.snapshot?.localPorts ?? [], by: sort),
                        cells: { cells(":\($0.port)", $0.counts) }, selected: selected, emptyText: empty)
            : TableView(columns: columns, rows: TableOrder.peers(model.snapshot?.peers ?? [], by: sort),
                        cells: { cells($0.address.description, $0.counts) }, selected: selected, emptyText: empty)
        table.draw(in: inner, glyphs: glyphs, on: &buffer)
    }

    private static func cells(_ label: String, _ counts: StateCounts) -> [TextRun] {
        [TextRun(label, .value), TextRun(DisplayFormat.count(counts.total, width: countWidth, separators: false), .value)]
            + stateColumns.map { column in
                let count = counts[column.state]
                let role = count == 0 ? .dim : ColorRole.emphasis(for: column.state) ?? .value
                return TextRun(DisplayFormat.count(count, width: countWidth, separators: false), role)
            }
    }
}
