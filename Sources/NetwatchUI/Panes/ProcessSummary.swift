import NetwatchCore

/// The summary lines of the process view (``DrillTarget/process(pid:)``), most important first:
/// open fds against the soft limit as a gauge; the limits, the growth over the last minute, the
/// time to each limit at that pace and the peak over the history window; the states of its sockets; its listeners with their accept queues; its
/// connections by listener, then by destination.
enum ProcessSummary {
    static func lines(_ report: ProcessReport, states: DrillSummary.Line, model: DashboardModel) -> [DrillSummary.Line] {
        var lines = fds(report, model: model) + [states]
        if !report.listeners.isEmpty {
            lines += [DrillSummary.listenersHead(report.listeners.count, model: model)]
                + report.listeners.map { DrillSummary.listenerLine($0, owner: false) }
        }
        lines += report.byListener.map { DrillSummary.breakdown(title: "accepted on :\($0.port)", $0.counts) }
        lines += report.byDestination.map { group in
            DrillSummary.breakdown(title: "to " + (group.address.map { DisplayFormat.endpoint($0, group.port) } ?? ":\(group.port)"),
                                   group.counts)
        }
        return lines
    }

    /// `fds 812 nginx  95% ████░ 9,730/10,240`, then `soft 10,240  hard 10,240  growth +10/s over
    /// 1m  soft limit in 51s  hard limit in 51s  peak 9,730 in 5m`; one line saying why when the
    /// fds could not be read.
    private static func fds(_ report: ProcessReport, model: DashboardModel) -> [DrillSummary.Line] {
        guard let usage = report.usage else {
            return [.items([.init([TextRun("pid \(report.pid)", .value)]),
                            .init([TextRun("open fds n/a: the process is gone or its /proc entry is not readable", .warning)],
                                  short: [TextRun("fds n/a", .warning)])])]
        }
        let counts = FileDescriptorsPane.openLimit(usage, width: FileDescriptorsPane.openLimitWidth)
        let gauge = DrillSummary.Line.gauge(label: "fds \(usage.process.pid) \(usage.process.command)", ratio: usage.ratio,
                                            counts: counts)
        let window = DisplayFormat.duration(ProcessReport.trendWindowSeconds)
        let peak = model.history.openFiles(pid: report.pid)?.peak.map { DisplayFormat.exact(Int($0)) } ?? DisplayFormat.missing
        let items: [FittedLine.Item] = [
            .init([TextRun("soft ", .label), TextRun(limit(usage.limit.soft), .value)]),
            .init([TextRun("hard ", .label), TextRun(limit(usage.limit.hard), .value)]),
            .init([TextRun("growth ", .label), TextRun(DisplayFormat.change(report.growthPerSecond), .value),
                   TextRun(" over " + window, .dim)],
                  short: [TextRun(DisplayFormat.change(report.growthPerSecond), .value)]),
            .init([TextRun("soft limit in ", .label), timeLeft(report.secondsToSoftLimit, report, usage.limit.soft)],
                  short: [TextRun("soft in ", .label), timeLeft(report.secondsToSoftLimit, report, usage.limit.soft)]),
            .init([TextRun("hard limit in ", .label), timeLeft(report.secondsToHardLimit, report, usage.limit.hard)],
                  short: [TextRun("hard in ", .label), timeLeft(report.secondsToHardLimit, report, usage.limit.hard)]),
            .init([TextRun("peak ", .label), TextRun(peak, .chartPeak),
                   TextRun(" in " + DisplayFormat.duration(model.history.windowSeconds), .dim)]),
        ]
        return [gauge, .items(items)]
    }

    /// A limit exactly, `unlim` for unlimited.
    private static func limit(_ value: Int64?) -> String {
        value.map { DisplayFormat.exact($0) } ?? FileDescriptorsPane.unlimited
    }

    /// `now` at the limit, the duration at the current growth, `never` when not growing (or
    /// unlimited), `n/a` before two readings.
    private static func timeLeft(_ seconds: Double?, _ report: ProcessReport, _ limit: Int64?) -> TextRun {
        if let seconds { return seconds == 0 ? TextRun("now", .critical) : TextRun(DisplayFormat.duration(seconds), .warning) }
        if limit != nil, report.growthPerSecond == nil { return TextRun(DisplayFormat.missing, .dim) }
        return TextRun("never", .dim)
    }
}
