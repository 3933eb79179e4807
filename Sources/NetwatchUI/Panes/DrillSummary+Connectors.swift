import NetwatchCore

/// The destination drill's "who connects here": one line per process with its connect rate,
/// failures and lifetimes (or its live sockets in an estimate), then the lifetime histogram.
extension DrillSummary {
    /// Processes listed in a destination summary.
    static let connectorLimit = 5

    static func connectors(toward address: IPAddress, _ port: UInt16, model: DashboardModel) -> [Line] {
        guard let connectors = model.snapshot?.connectors else { return [] }
        let rows = connectors.connections(toward: address, port: port)
        var lines = [Line]()
        if connectors.unavailableReason != nil, let note = connectors.note {
            lines.append(.items([.init([TextRun("connectors ", .label), TextRun(note, .dim)],
                                      short: [TextRun("connectors estimated", .dim)])]))
        }
        guard !rows.isEmpty else { return lines }
        lines += rows.prefix(connectorLimit).map(connector)
        var buckets = [Int64](repeating: 0, count: LifetimeHistogram.bucketCount)
        for row in rows {
            for (index, count) in (row.totals?.lifetimes.buckets ?? []).enumerated() { buckets[index] += count }
        }
        if buckets.contains(where: { $0 > 0 }) { lines.append(.histogram(buckets)) }
        return lines
    }

    /// `4242 curl  connects 480/s  failed 312/s  EADDRNOTAVAIL 312/s  median 3.1ms  p99 12ms`.
    private static func connector(_ row: ConnectorRow) -> Line {
        var items: [FittedLine.Item] = [.init([TextRun("\(row.process.pid) \(row.process.command)", .value)]),
                                        .init([TextRun("connects ", .label), TextRun(DisplayFormat.perSecond(row.connectsPerSecond), .value)],
                                              short: [TextRun("c ", .label), TextRun(DisplayFormat.perSecond(row.connectsPerSecond), .value)])]
        if let live = row.live {
            items.append(.init([TextRun("live ", .label), TextRun(DisplayFormat.compact(live.synSent + live.established), .value),
                                TextRun(" (\(live.synSent) SYN_SENT)", .dim)]))
            return .items(items)
        }
        let failures = row.failuresPerSecond
        let failing = (failures?.total ?? 0) > 0
        items.append(.init([TextRun("failed ", .label), TextRun(DisplayFormat.perSecond(failures?.total), failing ? .critical : .value)],
                           short: [TextRun("f ", .label), TextRun(DisplayFormat.perSecond(failures?.total), failing ? .critical : .value)]))
        if let failures, failures.addressNotAvailable > 0 {
            items.append(.init([TextRun("EADDRNOTAVAIL ", .label), TextRun(DisplayFormat.perSecond(failures.addressNotAvailable), .critical)]))
        }
        items.append(.init([TextRun("median ", .label), TextRun(lifetime(row.medianLifetimeMs), .value)]))
        items.append(.init([TextRun("p99 ", .label), TextRun(lifetime(row.p99LifetimeMs), .value)]))
        return .items(items)
    }

    /// `850µs`, `3.1ms`, `2.4s`; `n/a` when no connection closed yet.
    static func lifetime(_ milliseconds: Double?) -> String {
        guard let milliseconds else { return DisplayFormat.missing }
        if milliseconds < 1 { return "\(Int((milliseconds * 1000).rounded()))µs" }
        if milliseconds < 1000 { return DisplayFormat.tenths(milliseconds) + "ms" }
        return DisplayFormat.tenths(milliseconds / 1000) + "s"
    }

    /// The lowest bound of a log2 bucket as a duration label: `1µs`, `2ms`, `1s`.
    static func bucketLabel(_ index: Int) -> String {
        let microseconds = Double(UInt64(1) << UInt64(index))
        if microseconds < 1000 { return "\(Int(microseconds))µs" }
        if microseconds < 1_000_000 { return "\(Int(microseconds / 1000))ms" }
        return "\(Int(microseconds / 1_000_000))s"
    }

    /// `lifetime 64µs ▁▃█▅▂ 1ms`: the non-empty span of log2 buckets, one cell per doubling.
    static func drawHistogram(_ buckets: [Int64], in row: Rect, glyphs: Glyphs, on buffer: inout ScreenBuffer) {
        guard let first = buckets.firstIndex(where: { $0 > 0 }), let last = buckets.lastIndex(where: { $0 > 0 }),
              let peak = buckets.max(), peak > 0 else { return }
        var x = row.x
        func write(_ text: String, _ role: ColorRole) {
            buffer.write(text, x: x, y: row.y, role: role, clip: row)
            x += text.count
        }
        write("lifetime ", .label)
        write(bucketLabel(first) + " ", .dim)
        let levels = glyphs.sparkLevels
        for count in buckets[first...last] {
            let level = count == 0 ? nil : levels[min(levels.count - 1, Int((Double(count) / Double(peak)) * Double(levels.count - 1)))]
            write(level.map { String(Character($0)) } ?? " ", .value)
        }
        write(" " + bucketLabel(last + 1), .dim)
    }
}
