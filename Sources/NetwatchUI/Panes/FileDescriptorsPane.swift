import NetwatchCore

/// File descriptors: the system gauge (`file-nr` allocated / `file-max`) and the processes
/// closest to their own soft `RLIMIT_NOFILE`, with pid and command.
enum FileDescriptorsPane {
    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let fds = model.snapshot?.fds
        var title = [PaneFrame.name("File descriptors", short: "FDs")] + PaneFrame.sort(model.view.sortKey(for: .fileDescriptors))
        if let unreadable = fds?.unreadableProcesses, unreadable > 0 {
            title.append(FittedLine.Item([TextRun("\(unreadable) unreadable", .warning)]))
        }
        let inner = PaneFrame.draw(title, in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        guard inner.height > 0 else { return }
        let counts = fds?.systemAllocated == nil && fds?.systemMax == nil ? DisplayFormat.missing
            : DisplayFormat.compact(fds?.systemAllocated) + "/" + DisplayFormat.compact(fds?.systemMax)
        HorizontalBar.drawGaugeLine(label: "system", ratio: fds?.systemRatio, counts: counts, in: inner.row(0), glyphs: glyphs,
                                    on: &buffer)
        let tableArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        table(model, focused: focused).draw(in: tableArea, glyphs: glyphs, on: &buffer)
    }

    private static func table(_ model: DashboardModel, focused: Bool) -> TableView {
        let rows = TableOrder.processes(model.snapshot?.fds.processes ?? [], by: model.view.sortKey(for: .fileDescriptors))
        return TableView(
            columns: [TableColumn("PID", width: 7, align: .left), TableColumn("COMMAND", width: 8, align: .left, flexible: true),
                      TableColumn("OPEN/LIMIT", width: 11), TableColumn("%", width: 4), TableColumn("HARD", width: 6)],
            rows: rows, cells: cells,
            selected: focused ? model.view.selectedRow(in: .fileDescriptors) : nil,
            emptyText: (model.snapshot?.fds.processCount ?? 0) == 0 ? DisplayFormat.missing : "no processes readable")
    }

    private static func cells(_ usage: ProcessFDUsage) -> [TextRun] {
        [TextRun(String(usage.process.pid), .value),
         TextRun(usage.process.command, .value),
         TextRun(DisplayFormat.compact(usage.open) + "/" + limitText(usage.limit.soft), .value),
         TextRun(DisplayFormat.percent(usage.ratio), usage.ratio == nil ? .dim : Severity(ratio: usage.ratio).textRole),
         TextRun(limitText(usage.limit.hard), .dim)]
    }

    /// A limit: `10.0k`, or `unlim` for `unlimited` (a `nil` limit).
    private static func limitText(_ limit: Int64?) -> String {
        limit.map { DisplayFormat.compact(Int(clamping: $0)) } ?? "unlim"
    }
}
