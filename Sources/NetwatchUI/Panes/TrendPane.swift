import NetwatchCore

/// The TIME_WAIT trend: a summary line (now, peak over the window, `tcp_max_tw_buckets`), a
/// time-series chart of the TIME_WAIT sockets counted by the socket walk (``HistorySeries/stateTimeWait``,
/// ``TimeSeriesChart``), and the churn behind it:
/// a sparkline of connects/s with its current value and peak, then accepts/s, resets/s and
/// time-wait overflow/s (as ``HistorySeries`` defines them). Connects and accepts stay apart: a
/// loopback connection is one of each.
///
/// By height: one row shows the summary; two add the churn line; from three the chart sits
/// between them, with its time axis from four.
///
/// The chart and "now" are the States pane's TIME_WAIT, tick for tick. Not sockstat `tw`: that
/// also counts the FIN_WAIT2 minisockets of orphaned connections, so it can read hundreds while no
/// socket is in TIME_WAIT. When the walk is spaced out (``WalkCadence``), ticks between walks carry
/// the last walk's count, as the States pane does, and the header gives the table's age: the chart
/// steps at each walk rather than mixing in a figure from another source.
///
/// The chart's scale reaches the window's peak, but at least 1% of `tcp_max_tw_buckets` (at least
/// 10 without it), so a handful of entries on a quiet host draw low columns instead of a full
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
            buffer.write(churn(model, width: churnRow.width, glyphs: glyphs), x: churnRow.x, y: churnRow.y, clip: churnRow)
        }
        let chartArea = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 2)
        chart(model).draw(in: chartArea, timeAxis: chartArea.height >= minimumRowsForTimeAxis, glyphs: glyphs, on: &buffer)
    }

    /// `tcp_max_tw_buckets` joins the chart's scale when it is at most this many times the peak.
    static let referenceReach = 2.0

    /// Chart rows from which the bottom one gives the time axis (leaving at least two for columns).
    static let minimumRowsForTimeAxis = 3

    /// The port scope the pane charts: the view's filter, else the snapshot's; `nil` unfiltered.
    static func scope(_ model: DashboardModel) -> String? {
        History.scope(filter: model.view.filter ?? model.snapshot?.filter, drill: nil)
    }

    /// The series charted: the filter's TIME_WAIT (empty until its first snapshot), else the walk's TIME_WAIT.
    static func series(_ model: DashboardModel) -> DownsampledSeries {
        guard let scope = scope(model) else { return model.history[.stateTimeWait] }
        return model.history.timeWait(scope: scope) ?? History(windowSeconds: 1, intervalSeconds: 1)[.timeWait]
    }

    static func chart(_ model: DashboardModel) -> TimeSeriesChart {
        let series = series(model)
        let limit = (model.snapshot?.sysctl.tcpMaxTwBuckets).map(Double.init)
        let peak = max(series.peak ?? 0, (limit ?? 0) / 100, 10)
        let reference = limit.flatMap { $0 > 0 && $0 <= peak * referenceReach ? $0 : nil }
        return TimeSeriesChart(points: series.points, now: series.latest?.time ?? model.clock,
                               intervalSeconds: model.view.intervalSeconds, largest: peak, reference: reference)
    }

    /// Columns the connects/s sparkline needs before the churn line shows it: at least this, and at
    /// least a quarter of the row.
    static let minimumSparklineWidth = 6
    /// Connects per second that fill the sparkline at the least: a quiet host's few connections a
    /// second draw low instead of full height.
    static let sparklineFloor = 10.0

    private static func summary(_ model: DashboardModel) -> [FittedLine.Item] {
        let now = model.snapshot?.states?.byState[.timeWait]
        let peak = series(model).peak.map { Int(saturating: $0) }
        let limit = model.snapshot?.sysctl.tcpMaxTwBuckets
        let limitRatio = now.flatMap { tw in limit.flatMap { $0 > 0 ? Double(tw) / Double($0) : nil } }
        return [
            .init([TextRun("now ", .label), TextRun(DisplayFormat.exact(now), Severity(ratio: limitRatio).textRole)],
                  short: [TextRun("now ", .label), TextRun(DisplayFormat.compact(now), Severity(ratio: limitRatio).textRole)]),
            .init([TextRun("peak ", .label), TextRun(DisplayFormat.exact(peak), .chartPeak)],
                  short: [TextRun("peak ", .label), TextRun(DisplayFormat.compact(peak), .chartPeak)]),
            .init([TextRun("tcp_max_tw_buckets ", .label), TextRun(DisplayFormat.exact(limit), .referenceLine)],
                  short: [TextRun("max ", .label), TextRun(DisplayFormat.exact(limit), .referenceLine)]),
        ]
    }

    /// The churn row: the connects/s sparkline with the rates when it fits (in the widest form that
    /// leaves it room; resets go before time-wait overflow), else the rates alone.
    private static func churn(_ model: DashboardModel, width: Int, glyphs: Glyphs) -> [TextRun] {
        let snapshot = model.snapshot
        func value(_ series: HistorySeries) -> Double? { snapshot.flatMap { series.value(in: $0) } }
        let overflow = value(.timeWaitOverflowPerSecond)
        let overflowRole: ColorRole = (overflow ?? 0) > 0 ? .critical : .value
        let connects = value(.connectsPerSecond), accepts = value(.acceptsPerSecond), resets = value(.resetsPerSecond)
        let acceptsLong = [TextRun("accepts ", .label), TextRun(DisplayFormat.perSecond(accepts), .value)]
        let acceptsShort = [TextRun("acc ", .label), TextRun(DisplayFormat.rate(accepts), .value)]
        let resetsLong = [TextRun("resets ", .label), TextRun(DisplayFormat.perSecond(resets), .value)]
        let resetsShort = [TextRun("rst ", .label), TextRun(DisplayFormat.rate(resets), .value)]
        let overflowLong = [TextRun("overflow ", .label), TextRun(DisplayFormat.perSecond(overflow), overflowRole)]
        let overflowShort = [TextRun("ovf ", .label), TextRun(DisplayFormat.rate(overflow), overflowRole)]
        let connectsSeries = model.history[.connectsPerSecond]
        let gap = TextRun(FittedLine.separator, .normal)
        let current = TextRun(" " + DisplayFormat.rate(connects), .value)
        let peak = [gap, TextRun("peak ", .label), TextRun(DisplayFormat.rate(connectsSeries.peak), .chartPeak)]
        let forms: [(label: String, tail: [TextRun])] = [
            ("connects/s ", [current] + peak + [gap] + acceptsLong + [gap] + resetsLong + [gap] + overflowLong),
            ("connects/s ", [current] + peak + [gap] + acceptsShort + [gap] + resetsShort + [gap] + overflowShort),
            ("con/s ", [current, gap] + acceptsShort + [gap] + resetsShort + [gap] + overflowShort),
            ("con/s ", [current, gap] + acceptsShort + [gap] + overflowShort),
        ]
        let needed = max(minimumSparklineWidth, width / 4)
        guard let form = forms.first(where: { width - $0.label.count - FittedLine.columns($0.tail) >= needed }) else {
            return FittedLine.fit([
                .init([TextRun("connects ", .label), TextRun(DisplayFormat.perSecond(connects), .value)],
                      short: [TextRun("con ", .label), TextRun(DisplayFormat.rate(connects), .value)]),
                .init(acceptsLong, short: acceptsShort),
                .init(overflowLong, short: overflowShort),
                .init(resetsLong, short: resetsShort),
            ], width: width)
        }
        let sparkline = Sparkline(points: connectsSeries.points, now: connectsSeries.latest?.time ?? model.clock,
                                  intervalSeconds: model.view.intervalSeconds, minimumTop: sparklineFloor)
        let sparkWidth = width - form.label.count - FittedLine.columns(form.tail)
        return [TextRun(form.label, .label), TextRun(sparkline.text(width: sparkWidth, glyphs: glyphs), .chart)] + form.tail
    }
}
