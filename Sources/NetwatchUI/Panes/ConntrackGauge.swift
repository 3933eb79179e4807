import NetwatchCore

/// The connection-tracking section of the file-descriptor pane (both are tables that fill against
/// a host limit): a gauge of the collected namespace's entries against the global
/// `nf_conntrack_max`, under the system fd gauge, and title items for the per-CPU events that
/// mean flows are being lost. Absent when conntrack is not in use; what the table holds (states,
/// destinations) is in the advice and the JSON.
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

    /// `conntrack  98% ████▌ 258k/262k +6.1k/s`: entries over the limit, with the change per second.
    static func draw(_ conntrack: Snapshot.Conntrack, in row: Rect, glyphs: Glyphs, on buffer: inout ScreenBuffer) {
        var counts = DisplayFormat.compact(conntrack.count) + "/" + DisplayFormat.compact(conntrack.max)
        if let growth = conntrack.growthPerSecond { counts += " " + DisplayFormat.change(growth) }
        HorizontalBar.drawGaugeLine(label: "conntrack", ratio: conntrack.ratio, counts: counts, in: row, glyphs: glyphs, on: &buffer)
    }
}
