import NetwatchCore

/// The top row: host, the caption (when the model has one), kernel, interval, collector cost,
/// socket source, filter (the view's, which shows before a snapshot collected with it arrives, else
/// the snapshot's), drill target, PAUSED or REPLAY (frame, play state, speed), a stale table's
/// age, and the clock at the right (in a replay, the recorded date and time). When the row is
/// short the clock stays and the other items keep this priority: PAUSED, REPLAY and the caption,
/// host, drill, table age, filter, interval, cost, source, kernel; the last item left is cut
/// short rather than dropped.
enum HeaderPane {
    static func draw(_ model: DashboardModel, in rect: Rect, on buffer: inout ScreenBuffer) {
        buffer.fill(rect, role: .header)
        // A replay shows when the frame was recorded, date included.
        let time = DisplayFormat.clock(model.clock, timeZone: model.timeZone)
        let clock = " " + (model.replay == nil ? time : DisplayFormat.date(model.clock, timeZone: model.timeZone) + " " + time) + " "
        let ranked = items(model)
        var kept = Array(ranked.indices)
        let room = rect.width - clock.count
        while line(kept.map { ranked[$0].text }).count > room, kept.count > 1,
              let drop = kept.max(by: { ranked[$0].rank < ranked[$1].rank }) {
            kept.removeAll { $0 == drop }
        }
        if rect.width >= clock.count { buffer.write(clock, in: rect, align: .right, role: .header) }
        let left = Rect(x: rect.x, y: rect.y, width: max(0, room), height: rect.height).intersection(rect)
        buffer.write(line(kept.map { ranked[$0].text }), x: rect.x, y: rect.y, role: .header, clip: left)
    }

    private static func line(_ texts: [String]) -> String {
        " " + texts.joined(separator: "  ")
    }

    /// The header's texts in display order, each with its rank (lower stays longer).
    private static func items(_ model: DashboardModel) -> [(text: String, rank: Int)] {
        let snapshot = model.snapshot
        var items: [(String, Int)] = [
            ("netwatch " + (snapshot?.hostName ?? DisplayFormat.missing), 1),
        ] + (model.caption.map { [($0, 0)] } ?? []) + [
            ("kernel " + (snapshot?.kernel ?? DisplayFormat.missing), 8),
            ("every " + DisplayFormat.seconds(model.view.intervalSeconds), 5),
            ("cost " + (snapshot.map { costText($0.collector.timings.totalMs) } ?? DisplayFormat.missing), 6),
            ("via " + (snapshot?.collector.source.rawValue ?? DisplayFormat.missing), 7),
        ]
        if let filter = model.view.filter ?? snapshot?.filter { items.append(("filter " + filter.description, 4)) }
        if let drill = model.view.drill { items.append(("drill " + drill.description, 2)) }
        if model.view.paused { items.append(("PAUSED", 0)) }
        if let replay = model.replay { items.append((replay.headerText(model.glyphMode), 0)) }
        if model.tableIsStale, let age = model.tableAgeSeconds {
            items.append(("table " + DisplayFormat.duration(age) + " old", 3))
        }
        return items.map { (text: $0.0, rank: $0.1) }
    }

    private static func costText(_ milliseconds: Double) -> String {
        guard milliseconds.isFinite else { return DisplayFormat.missing }
        return milliseconds < 10 ? "\(DisplayFormat.rate(milliseconds)) ms" : "\(Int(saturating: milliseconds.rounded())) ms"
    }
}
