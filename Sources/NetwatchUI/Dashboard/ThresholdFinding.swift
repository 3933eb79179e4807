import NetwatchCore

/// A reading past the warning (70%) or critical (90%) threshold, said in one line: what the
/// advice line shows until the diagnosis rules of the advice issue replace it.
struct ThresholdFinding: Equatable, Sendable {
    let severity: Severity
    /// The finding with its numbers: `ports toward 10.0.3.17:5432 93% used (26.3k of 28.2k)`.
    let message: String
    /// The same in a few words, for narrow screens: `ports 93% to 10.0.3.17:5432`.
    let brief: String
    /// What happens next, shown when there is room.
    var consequence: String?

    /// Every threshold crossed in `snapshot`, in the order checked: ports, TIME_WAIT buckets,
    /// time-wait overflow, accept queues, listen overflows, process fds, system fds.
    static func all(in snapshot: Snapshot) -> [ThresholdFinding] {
        [ports(snapshot), timeWaitBuckets(snapshot), timeWaitOverflow(snapshot), listenerQueue(snapshot),
         listenOverflows(snapshot), processFDs(snapshot), systemFDs(snapshot)].compactMap { $0 }
    }

    /// The most severe finding (the first checked among equals).
    static func mostSevere(in snapshot: Snapshot) -> ThresholdFinding? {
        all(in: snapshot).reduce(nil) { best, next in
            guard let best else { return next }
            return next.severity > best.severity ? next : best
        }
    }

    /// A finding for `ratio` when it crosses a threshold; the closures get the percentage text.
    private static func crossing(_ ratio: Double?, message: (String) -> String, brief: (String) -> String) -> ThresholdFinding? {
        let severity = Severity(ratio: ratio)
        guard severity > .normal else { return nil }
        let percent = DisplayFormat.percent(ratio)
        return ThresholdFinding(severity: severity, message: message(percent), brief: brief(percent))
    }

    private static func of(_ part: Int, _ whole: Int) -> String {
        "(\(DisplayFormat.compact(part)) of \(DisplayFormat.compact(whole)))"
    }

    private static func ports(_ snapshot: Snapshot) -> ThresholdFinding? {
        guard let worst = snapshot.ports.worst else { return nil }
        let target = DisplayFormat.endpoint(worst.remoteAddress, worst.remotePort)
        var finding = crossing(worst.ratio, message: { "ports toward \(target) \($0) used \(of(worst.used, worst.usable))" },
                               brief: { "ports \($0) to \(target)" })
        finding?.consequence = "connect() fails with EADDRNOTAVAIL when none are left"
        return finding
    }

    private static func timeWaitBuckets(_ snapshot: Snapshot) -> ThresholdFinding? {
        guard let tw = snapshot.sockstat?.tw, let limit = snapshot.sysctl.tcpMaxTwBuckets, limit > 0 else { return nil }
        var finding = crossing(Double(tw) / Double(limit),
                               message: { "TIME_WAIT \($0) of tcp_max_tw_buckets \(of(tw, Int(clamping: limit)))" },
                               brief: { "TIME_WAIT \($0) of max" })
        finding?.consequence = "above it new time-wait entries are dropped"
        return finding
    }

    private static func timeWaitOverflow(_ snapshot: Snapshot) -> ThresholdFinding? {
        guard let rate = snapshot.rates[.timeWaitOverflow] ?? nil, rate > 0 else { return nil }
        let text = DisplayFormat.perSecond(rate)
        return ThresholdFinding(severity: .warning, message: "time-wait entries dropped at tcp_max_tw_buckets: \(text)",
                                brief: "TIME_WAIT overflow \(text)")
    }

    private static func listenerQueue(_ snapshot: Snapshot) -> ThresholdFinding? {
        let fullest = snapshot.listeners.max { (TableOrder.fill($0.record) ?? 0) < (TableOrder.fill($1.record) ?? 0) }
        guard let fullest, let fill = TableOrder.fill(fullest.record), let backlog = fullest.record.backlog else { return nil }
        let name = DisplayFormat.endpoint(fullest.record.address, fullest.record.port)
        let owner = fullest.owner.map { " (\($0.command) \($0.pid))" } ?? ""
        var finding = crossing(fill, message: { "accept queue of \(name)\(owner) \($0) full \(of(fullest.record.acceptQueue, backlog))" },
                               brief: { "queue \(name) \($0)" })
        finding?.consequence = "new connections wait or are dropped"
        return finding
    }

    private static func listenOverflows(_ snapshot: Snapshot) -> ThresholdFinding? {
        guard let rate = snapshot.rates[.listenOverflows] ?? nil, rate > 0 else { return nil }
        let text = DisplayFormat.perSecond(rate)
        return ThresholdFinding(severity: .warning, message: "listen queues overflowing: \(text)", brief: "listen overflows \(text)")
    }

    private static func processFDs(_ snapshot: Snapshot) -> ThresholdFinding? {
        let worst = snapshot.fds.processes.max { ($0.ratio ?? 0) < ($1.ratio ?? 0) }
        guard let worst, let soft = worst.limit.soft else { return nil }
        let name = "\(worst.process.command) \(worst.process.pid)"
        var finding = crossing(worst.ratio, message: { "\(name) uses \($0) of its open-file limit \(of(worst.open, Int(clamping: soft)))" },
                               brief: { "\(worst.process.command) fds \($0)" })
        finding?.consequence = "open() and accept() fail with EMFILE at the limit"
        return finding
    }

    private static func systemFDs(_ snapshot: Snapshot) -> ThresholdFinding? {
        var finding = crossing(snapshot.fds.systemRatio, message: { "system file descriptors \($0) of fs.file-max" },
                               brief: { "system fds \($0)" })
        finding?.consequence = "open() fails with ENFILE at the limit"
        return finding
    }
}
