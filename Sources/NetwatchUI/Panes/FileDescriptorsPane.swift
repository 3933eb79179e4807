import NetwatchCore

/// File descriptors: the system gauge (`file-nr` allocated / `file-max`), the conntrack gauge
/// when conntrack is in use (``ConntrackGauge``), and the processes closest to their own soft
/// `RLIMIT_NOFILE`, with pid and command.
enum FileDescriptorsPane {
    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let fds = model.snapshot?.fds
        var title = [PaneFrame.name("File descriptors", short: "FDs")] + ConntrackGauge.titleItems(model.snapshot?.conntrack)
            + PaneFrame.sort(model.view.sortKey(for: .fileDescriptors))
        if let unreadable = fds?.unreadableProcesses, unreadable > 0 {
            title.append(FittedLine.Item([TextRun("\(unreadable) unreadable", .warning)]))
        }
        let inner = PaneFrame.draw(title, in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        guard inner.height > 0 else { return }
        let counts = fds?.systemAllocated == nil && fds?.systemMax == nil ? DisplayFormat.missing
            : fds?.systemAllocated.map {
                DisplayFormat.fraction(Int(clamping: $0), of: fds?.systemMax.map { Int(clamping: $0) }, width: HorizontalBar.countsWidth(inner.width))
            } ?? DisplayFormat.missing + "/" + DisplayFormat.exact(fds?.systemMax)
        HorizontalBar.drawGaugeLine(label: "system", ratio: fds?.systemRatio, counts: counts, in: inner.row(0), glyphs: glyphs,
                                    on: &buffer)
        var gauges = 1
        if let conntrack = model.snapshot?.conntrack, ConntrackGauge.takesRow(conntrack, innerHeight: inner.height) {
            ConntrackGauge.draw(conntrack, trend: model.history[.conntrack], model: model, in: inner.row(1), on: &buffer)
            gauges = 2
        }
        let tableArea = Rect(x: inner.x, y: inner.y + gauges, width: inner.width, height: inner.height - gauges)
        table(model, focused: focused).draw(in: tableArea, glyphs: glyphs, on: &buffer)
    }

    private static func table(_ model: DashboardModel, focused: Bool) -> TableView {
        let rows = TableOrder.processes(model.snapshot?.fds.processes ?? [], by: model.view.sortKey(for: .fileDescriptors))
        return TableView(
            columns: [TableColumn("PID", width: 7, align: .left), TableColumn("COMMAND", width: 8, align: .left, flexible: true),
                      TableColumn("OPEN/LIMIT", width: openLimitWidth), TableColumn("%", width: 4), TableColumn("HARD", width: hardWidth)],
            rows: rows, cells: cells,
            selected: focused ? model.view.selectedRow(in: .fileDescriptors) : nil,
            emptyText: (model.snapshot?.fds.processCount ?? 0) == 0 ? DisplayFormat.missing : "no processes readable")
    }

    /// Columns of open / soft limit (`1,020/1,048,576` exact) and of the hard limit.
    static let openLimitWidth = 15
    static let hardWidth = 9

    private static func cells(_ usage: ProcessFDUsage) -> [TextRun] {
        [TextRun(String(usage.process.pid), .value),
         TextRun(usage.process.command, .value),
         TextRun(openLimit(usage, width: openLimitWidth), .value),
         TextRun(DisplayFormat.percent(usage.ratio), usage.ratio == nil ? .dim : Severity(ratio: usage.ratio).textRole),
         TextRun(usage.limit.hard.map { DisplayFormat.count($0, width: hardWidth) } ?? unlimited, .dim)]
    }

    /// How an `unlimited` (`nil`) limit reads.
    static let unlimited = "unlim"

    /// `1,020/1,024`: open fds against the soft limit, in at most `width` columns.
    static func openLimit(_ usage: ProcessFDUsage, width: Int) -> String {
        DisplayFormat.fraction(usage.open, of: usage.limit.soft.map { Int(clamping: $0) }, width: width, wholeText: unlimited)
    }
}
