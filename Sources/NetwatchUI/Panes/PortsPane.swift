import NetwatchCore

/// Ephemeral-port exhaustion (docs/KERNEL.md §3): a gauge of the worst destination's used/usable
/// ports, the port range with `tcp_tw_reuse` explained, and the top destinations with their
/// share and the time until they run out at the current growth.
enum PortsPane {
    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let ports = model.snapshot?.ports
        let title = [PaneFrame.name("Ephemeral ports", short: "Ports")] + PaneFrame.sort(model.view.sortKey(for: .ports))
        let inner = PaneFrame.draw(title, in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        guard inner.height > 0 else { return }
        let worst = ports?.worst
        let counts = worst.map { DisplayFormat.compact($0.used) + "/" + DisplayFormat.compact($0.usable) } ?? DisplayFormat.missing
        HorizontalBar.drawGaugeLine(label: "worst", ratio: worst?.ratio, counts: counts, in: inner.row(0), glyphs: glyphs,
                                    on: &buffer)
        let info = inner.row(1)
        buffer.write(FittedLine.fit(infoItems(ports), width: info.width), x: info.x, y: info.y, clip: info)
        let tableArea = Rect(x: inner.x, y: inner.y + 2, width: inner.width, height: inner.height - 2)
        table(model, focused: focused).draw(in: tableArea, glyphs: glyphs, on: &buffer)
    }

    private static func infoItems(_ ports: Snapshot.Ports?) -> [FittedLine.Item] {
        let range = ports?.range.map { "\($0.lowerBound)-\($0.upperBound)" } ?? DisplayFormat.missing
        let reuse = reuseText(ports?.twReuse)
        return [
            .init([TextRun("range ", .label), TextRun(range, .value)], short: [TextRun(range, .value)]),
            .init([TextRun("tw_reuse ", .label), TextRun(reuse, .value)], short: [TextRun("reuse ", .label), TextRun(reuse, .value)]),
            .init([TextRun("reserved ", .label), TextRun(DisplayFormat.compact(ports?.reserved), .value)],
                  short: [TextRun("rsv ", .label), TextRun(DisplayFormat.compact(ports?.reserved), .value)]),
            .init([TextRun("usable ", .label), TextRun(DisplayFormat.compact(ports?.usable), .value)]),
        ]
    }

    /// `tcp_tw_reuse`: 0 off, 1 on, 2 loopback-only (the kernel default).
    static func reuseText(_ mode: Int64?) -> String {
        switch mode {
        case nil: DisplayFormat.missing
        case 0: "off"
        case 1: "on"
        case 2: "loopback-only"
        case let other?: "\(other)"
        }
    }

    private static func table(_ model: DashboardModel, focused: Bool) -> TableView {
        let rows = TableOrder.destinations(model.snapshot?.ports.destinations ?? [], by: model.view.sortKey(for: .ports))
        return TableView(
            columns: [TableColumn("DESTINATION", width: 13, align: .left, flexible: true), TableColumn("USED", width: 6),
                      TableColumn("%", width: 4), TableColumn("FULL IN", width: 7), TableColumn("TW", width: 6)],
            rows: rows.map(cells),
            selected: focused ? model.view.selectedRow(in: .ports) : nil,
            emptyText: model.snapshot?.states == nil ? DisplayFormat.missing : "no outgoing connections in the range")
    }

    private static func cells(_ destination: Snapshot.Destination) -> [TextRun] {
        [TextRun(DisplayFormat.endpoint(destination.remoteAddress, destination.remotePort), .value),
         TextRun(DisplayFormat.compact(destination.used), .value),
         TextRun(DisplayFormat.percent(destination.ratio), Severity(ratio: destination.ratio).textRole),
         TextRun(DisplayFormat.timeLeft(destination), destination.used >= destination.usable ? .critical
                    : destination.secondsToExhaustion == nil ? .dim : .value),
         TextRun(DisplayFormat.compact(destination.timeWait), .timeWait)]
    }
}
