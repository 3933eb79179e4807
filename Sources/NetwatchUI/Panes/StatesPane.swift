import NetwatchCore

/// Socket counts per TCP state (IPv4 + IPv6), their change per second since the previous
/// snapshot, and a bar of each state's share of all sockets. TIME_WAIT, CLOSE_WAIT, SYN_SENT and
/// SYN_RECV are emphasised. States are listed in ``order``; when rows run short the last row sums
/// the states that did not fit.
enum StatesPane {
    /// The order states are listed in: the ones storms are made of first.
    static let order: [TCPState] = [.established, .timeWait, .closeWait, .synSent, .synRecv, .listen,
                                    .finWait1, .finWait2, .lastAck, .closing, .close]

    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let states = model.snapshot?.states
        var title = [FittedLine.Item([TextRun("States ", .title),
                                      TextRun(DisplayFormat.exact(states?.total), states == nil ? .dim : .value)])]
        if let states, states.ipv6 == nil { title.append(FittedLine.Item([TextRun("IPv4 only", .dim)])) }
        let inner = PaneFrame.draw(title, in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        let rows = rowsToShow(height: inner.height)
        for (line, row) in rows.enumerated() {
            drawRow(row, model: model, in: inner.row(line), glyphs: glyphs, on: &buffer)
        }
    }

    /// A row: one state, or the sum of several (`other`).
    private struct Row {
        let label: String
        let states: [TCPState]
    }

    private static func rowsToShow(height: Int) -> [Row] {
        guard height > 0 else { return [] }
        if height >= order.count { return order.map { Row(label: $0.name, states: [$0]) } }
        let single = order.prefix(height - 1).map { Row(label: $0.name, states: [$0]) }
        return single + [Row(label: "other", states: Array(order.dropFirst(height - 1)))]
    }

    /// Columns of a row: the state's name (`ESTABLISHED` is 11), the count (exact up to
    /// `9,999,999`, as `ss` counts), the change per second, then the bar to the end of the row.
    private static let countColumn = (x: 12, width: 9), changeColumn = (x: 22, width: 8), barColumn = 31

    private static func drawRow(_ row: Row, model: DashboardModel, in rect: Rect, glyphs: Glyphs,
                                on buffer: inout ScreenBuffer) {
        let count = model.snapshot?.states.map { states in row.states.reduce(0) { $0 + states.byState[$1] } }
        let role = row.states.count == 1 ? ColorRole.emphasis(for: row.states[0]) ?? .label : .label
        buffer.write(row.label, x: rect.x, y: rect.y, role: role, clip: rect)
        let countCell = Rect(x: rect.x + countColumn.x, y: rect.y, width: countColumn.width, height: 1).intersection(rect)
        buffer.write(DisplayFormat.count(count, width: countColumn.width), in: countCell, align: .right, role: count == nil ? .dim : .value)
        let rate = changePerSecond(of: row.states, model: model)
        let rateCell = Rect(x: rect.x + changeColumn.x, y: rect.y, width: changeColumn.width, height: 1).intersection(rect)
        buffer.write(DisplayFormat.change(rate), in: rateCell, align: .right, role: rate == nil ? .dim : .value)
        guard let count, let total = model.snapshot?.states?.total, total > 0 else { return }
        let bar = Rect(x: rect.x + barColumn, y: rect.y, width: rect.width - barColumn, height: 1)
        HorizontalBar.drawBar(fraction: Double(count) / Double(total), in: bar, role: role == .label ? .gaugeFilled : role,
                              glyphs: glyphs, on: &buffer)
    }

    /// (count now − count in the previous snapshot) / seconds between them; `nil` without both.
    static func changePerSecond(of states: [TCPState], model: DashboardModel) -> Double? {
        guard let now = model.snapshot, let before = model.previous,
              let current = now.states?.byState, let earlier = before.states?.byState else { return nil }
        let seconds = now.takenAt.timeIntervalSince(before.takenAt)
        guard seconds > 0 else { return nil }
        let delta = states.reduce(0) { $0 + current[$1] - earlier[$1] }
        return Double(delta) / seconds
    }
}
