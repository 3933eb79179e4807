import NetwatchCore

/// The connection-tracking section of the file-descriptor pane (both are tables that fill against
/// a host limit): a gauge of the collected namespace's entries against the global
/// `nf_conntrack_max`, under the system fd gauge, and title items for the per-CPU events that
/// mean flows are being lost. Absent when conntrack is not in use; what the table holds (states,
/// destinations) is in the conntrack view (`c`, ``ConntrackView``), the advice and the JSON.
enum ConntrackGauge {
    /// The events shown in the title when they happen, as the kernel names them.
    static let events = ["drop", "early_drop", "insert_failed"]

    /// Whether the gauge takes a row: conntrack is in use and the pane keeps at least a table
    /// header and one process row below it.
    static func takesRow(_ conntrack: Snapshot.Conntrack?, innerHeight: Int) -> Bool {
        conntrack != nil && innerHeight >= 4
    }

    /// One warning item, `ct drop 11/s insert_failed 100/s`, naming the events counted since the
    /// previous sample (`ct loss` where that does not fit); none when there were none. It comes
    /// right after the pane's name: lost flows matter more than the sort or unreadable processes.
    static func titleItems(_ conntrack: Snapshot.Conntrack?) -> [FittedLine.Item] {
        let happening = events.compactMap { name -> String? in
            guard let rate = conntrack?.ratesPerSecond[name] ?? nil, rate > 0 else { return nil }
            return "\(name) \(DisplayFormat.perSecond(rate))"
        }
        guard !happening.isEmpty else { return [] }
        return [FittedLine.Item([TextRun("ct " + happening.joined(separator: " "), .warning)], short: [TextRun("ct loss", .warning)])]
    }

    /// `conntrack  98% ████▌ ▂▃▅▇ 258k/262k +6.1k/s`: entries over the limit, the count's trend as
    /// a sparkline where the row has room (``sparklineWidth(row:)``) and the change per second.
    static func draw(_ conntrack: Snapshot.Conntrack, trend: DownsampledSeries, model: DashboardModel, in row: Rect,
                     on buffer: inout ScreenBuffer) {
        var counts = DisplayFormat.compact(conntrack.count) + "/" + DisplayFormat.compact(conntrack.max)
        if let growth = conntrack.growthPerSecond { counts += " " + DisplayFormat.change(growth) }
        let glyphs = model.glyphMode.glyphs
        let sparkWidth = sparklineWidth(row: row)
        let padding = sparkWidth > 0 ? String(repeating: " ", count: sparkWidth + 1) : ""
        HorizontalBar.drawGaugeLine(label: "conntrack", ratio: conntrack.ratio, counts: padding + counts, in: row, glyphs: glyphs,
                                    on: &buffer)
        guard sparkWidth > 0 else { return }
        // The points in the sparkline's span, each as its height above the lowest of them: the bar
        // beside it shows the level, the sparkline how it moved (a steady table draws blank, not
        // as a second full bar).
        let now = trend.latest?.time ?? model.clock
        let span = Double(sparkWidth) * model.view.intervalSeconds
        let shown = trend.points.filter { now.timeIntervalSince($0.time) < span }
        let lowest = shown.compactMap { $0.value }.min() ?? 0
        let rise = shown.map { HistoryPoint(time: $0.time, value: $0.value.map { $0 - lowest }) }
        let sparkline = Sparkline(points: rise, now: now, intervalSeconds: model.view.intervalSeconds)
        buffer.write(sparkline.text(width: sparkWidth, glyphs: glyphs), x: row.maxX - counts.unicodeScalars.count - sparkWidth - 1,
                     y: row.y, role: .chart, clip: row)
    }

    /// Columns of the gauge's sparkline: a sixth of the row, at most 16; none below 48 columns,
    /// where the bar needs the room.
    static func sparklineWidth(row: Rect) -> Int {
        row.width < 48 ? 0 : min(16, row.width / 6)
    }
}
