import NetwatchCore

/// The TIME_WAIT trend: a summary line (now, peak over the window, `tcp_max_tw_buckets`), a chart
/// of the sockstat `tw` series, and the churn behind it (opens/s, resets/s, time-wait
/// overflow/s, as ``HistorySeries`` defines them).
///
/// The chart's scale is the window's peak, but at least 1% of `tcp_max_tw_buckets` (at least 10
/// without it), so a handful of entries on a quiet host draw low columns instead of a full
/// pane. When `tcp_max_tw_buckets` is within twice the peak it joins the scale and is drawn as a
/// reference line; further away it would flatten the chart and is given as a number only.
///
/// With a port filter the chart and the summary follow the filter's own TIME_WAIT series
/// (``History/timeWait(scope:)``, from the states of the filtered snapshots) and the title names
/// the ports: `TIME_WAIT trend :443`.
enum TrendPane {
    static func draw(_ model: DashboardModel, in rect: Rect, focused: Bool, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let title = scope(model).map { PaneFrame.name("TIME_WAIT trend :" + $0, short: "TW :" + $0) }
            ?? PaneFrame.name("TIME_WAIT trend", short: "TIME_WAIT")
        let inner = PaneFrame.draw([title], in: rect, focused: focused, glyphs: glyphs, on: &buffer)
        guard inner.height > 0 else { return }
        buffer.write(FittedLine.fit(summary(model), width: inner.width), x: inner.x, y: inner.y, clip: inner)
        if inner.height > 1 {
            let churnRow = inner.row(inner.height - 1)
            buffer.write(FittedLine.fit(churn(model.snapshot), width: inner.width), x: churnRow.x, y: churnRow.y, clip: churnRow)
        }
        let chartArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        chart(model).draw(in: chartArea, glyphs: glyphs, on: &buffer)
    }

    /// `tcp_max_tw_buckets` joins the chart's scale when it is at most this many times the peak.
    static let referenceReach = 2.0

    /// The port scope the pane charts: the view's filter, else the snapshot's; `nil` unfiltered.
    static func scope(_ model: DashboardModel) -> String? {
        History.scope(filter: model.view.filter ?? model.snapshot?.filter, drill: nil)
    }

    /// The series charted: the filter's TIME_WAIT (empty until its first snapshot), else sockstat `tw`.
    static func series(_ model: DashboardModel) -> DownsampledSeries {
        guard let scope = scope(model) else { return model.history[.timeWait] }
        return model.history.timeWait(scope: scope) ?? History(windowSeconds: 1, intervalSeconds: 1)[.timeWait]
    }

    static func chart(_ model: DashboardModel) -> TrendChart {
        let series = series(model)
        let points = series.points.map(\.value)
        let limit = (model.snapshot?.sysctl.tcpMaxTwBuckets).map(Double.init)
        let peak = max(series.peak ?? 0, (limit ?? 0) / 100, 10)
        let reference = limit.flatMap { $0 > 0 && $0 <= peak * referenceReach ? $0 : nil }
        return TrendChart(values: points, top: max(peak, reference ?? 0), reference: reference)
    }

    private static func summary(_ model: DashboardModel) -> [FittedLine.Item] {
        let filtered = scope(model) != nil
        let now = filtered ? series(model).latest?.value.map { Int($0) } : model.snapshot?.sockstat?.tw
        let peak = series(model).peak.map { Int($0) }
        let limit = model.snapshot?.sysctl.tcpMaxTwBuckets
        let limitRatio = now.flatMap { tw in limit.flatMap { $0 > 0 ? Double(tw) / Double($0) : nil } }
        return [
            .init([TextRun("now ", .label), TextRun(DisplayFormat.compact(now), Severity(ratio: limitRatio).textRole)]),
            .init([TextRun("peak ", .label), TextRun(DisplayFormat.compact(peak), .chartPeak)]),
            .init([TextRun("tcp_max_tw_buckets ", .label), TextRun(DisplayFormat.compact(limit), .referenceLine)],
                  short: [TextRun("max ", .label), TextRun(DisplayFormat.compact(limit), .referenceLine)]),
        ]
    }

    private static func churn(_ snapshot: Snapshot?) -> [FittedLine.Item] {
        func value(_ series: HistorySeries) -> Double? { snapshot.flatMap { series.value(in: $0) } }
        let overflow = value(.timeWaitOverflowPerSecond)
        let overflowRole: ColorRole = (overflow ?? 0) > 0 ? .critical : .value
        return [
            .init([TextRun("opens ", .label), TextRun(DisplayFormat.perSecond(value(.opensPerSecond)), .value)],
                  short: [TextRun("op ", .label), TextRun(DisplayFormat.rate(value(.opensPerSecond)), .value)]),
            .init([TextRun("resets ", .label), TextRun(DisplayFormat.perSecond(value(.resetsPerSecond)), .value)],
                  short: [TextRun("rst ", .label), TextRun(DisplayFormat.rate(value(.resetsPerSecond)), .value)]),
            .init([TextRun("overflow ", .label), TextRun(DisplayFormat.perSecond(overflow), overflowRole)],
                  short: [TextRun("ovf ", .label), TextRun(DisplayFormat.rate(overflow), overflowRole)]),
        ]
    }
}
