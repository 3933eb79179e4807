/// A listener's accept queue filling up, or listen overflows rising (`TcpExt: ListenOverflows`,
/// namespace-wide, so blamed on the fullest listener). Shows which limit sets the backlog: the
/// application's listen() argument or `net.core.somaxconn`; `tcp_max_syn_backlog` bounds the SYN
/// queue, a different one. This host's own connects waiting in SYN_SENT on an overflowing local
/// listener, and the SYN retransmits they cause, are evidence here (one cause, one headline).
enum ListenQueueRule {
    static let id = "listen_overflow"
    static let reference = "listen(2) (backlog, somaxconn); Documentation/networking/ip-sysctl.rst (somaxconn, "
        + "tcp_max_syn_backlog); /proc/net/netstat TcpExt ListenOverflows, ListenDrops"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds
        let overflowing = context.rising(.listenOverflowsPerSecond)
        let overflowRate = context.rate(.listenOverflows)
        let rateSeverity: FindingSeverity? = overflowing
            ? ((overflowRate ?? 0) >= t.listenOverflowsCriticalPerSecond ? .critical : .warning) : nil
        var findings = [Finding]()
        for listener in context.snapshot.listeners {
            let fill = fill(listener.record)
            guard let byFill = FindingSeverity.of(fill, warning: t.listenQueueWarning, critical: t.listenQueueCritical) else {
                continue
            }
            findings.append(finding(listener, severity: max(byFill, rateSeverity ?? byFill), context))
        }
        if findings.isEmpty, let rateSeverity {
            let fullest = context.synSentIntoOverflow.first?.listener
                ?? context.snapshot.listeners.max { (fill($0.record) ?? -1) < (fill($1.record) ?? -1) }
            findings.append(finding(fullest, severity: rateSeverity, context))
        }
        return findings
    }

    /// accept queue / backlog; `nil` when the backlog is unknown (the /proc source) or 0.
    static func fill(_ record: ListenerRecord) -> Double? {
        guard let backlog = record.backlog, backlog > 0 else { return nil }
        return Double(record.acceptQueue) / Double(backlog)
    }

    static func finding(_ listener: Snapshot.Listener?, severity: FindingSeverity, _ context: AdviceContext) -> Finding {
        let sysctl = context.snapshot.sysctl
        var evidence = [Evidence]()
        var title = "listen queues overflowing"
        if let listener {
            let record = listener.record
            let name = AdviceText.endpoint(record.address, record.port)
            title = "accept queue of " + (listener.owner.map { AdviceText.process($0) + " on " } ?? "") + name
                + (record.backlog.map { " at \(record.acceptQueue) of \($0)" } ?? " has \(record.acceptQueue) waiting")
            evidence += [Evidence("listener", name), Evidence("accept_queue", record.acceptQueue)]
            if let backlog = record.backlog { evidence.append(Evidence("backlog", backlog)) }
            if let owner = listener.owner { evidence += [Evidence("pid", owner.pid), Evidence("command", owner.command)] }
        }
        if let rate = context.rate(.listenOverflows) { evidence.append(Evidence("listen_overflows_per_s", rate)) }
        if let rate = context.rate(.listenDrops) { evidence.append(Evidence("listen_drops_per_s", rate)) }
        if let value = sysctl.somaxconn { evidence.append(Evidence("somaxconn", value)) }
        if let value = sysctl.tcpMaxSynBacklog { evidence.append(Evidence("tcp_max_syn_backlog", value)) }
        if context.rising(.listenOverflowsPerSecond), let rate = context.rate(.listenOverflows), rate > 0 {
            title += ", \(AdviceText.perSecond(rate)) listen overflows"
        }
        if let listener, let waiting = localConnects(to: listener, context) {
            title += waiting.title
            evidence += waiting.evidence
        }
        let app = listener?.owner.map { AdviceText.process($0) } ?? "the application"
        var suggestion = ["A full accept queue means \(app) accepts connections slower than they arrive: more accepting "
            + "workers or less work before accept(); a bigger backlog only absorbs bursts."]
        suggestion.append(backlogLimit(listener?.record.backlog, sysctl: sysctl))
        suggestion.append(synBacklog(context))
        return Finding(id: id, severity: severity, title: title, evidence: evidence, suggestion: suggestion,
                       reference: reference, target: listener.map { .serverPort($0.record.port) })
    }

    /// This host's connects waiting in SYN_SENT on `listener`: a title tail naming the busiest
    /// connecting process and the port, and the evidence (with the retransmit rate, which those
    /// SYNs account for); `nil` when none wait on it.
    static func localConnects(to listener: Snapshot.Listener, _ context: AdviceContext)
        -> (title: String, evidence: [Evidence])? {
        let waiting = context.synSentIntoOverflow.filter { $0.listener == listener }.map(\.target)
        guard !waiting.isEmpty else { return nil }
        let count = waiting.reduce(0) { $0 + $1.count }
        var evidence = [Evidence("syn_sent_from_here", count)]
        var title = "; \(count) connects from this host wait in SYN_SENT on port \(listener.record.port)"
        if let owner = waiting.flatMap(\.owners).max(by: { $0.count < $1.count }) {
            evidence += [Evidence("connecting_pid", owner.process.pid), Evidence("connecting_command", owner.process.command)]
            title = "; \(count) connects from \(AdviceText.process(owner.process)) wait in SYN_SENT on port \(listener.record.port)"
        }
        if let retransmits = context.rate(.retransSegs) { evidence.append(Evidence("retransmits_per_s", retransmits)) }
        return (title, evidence)
    }

    /// Which of the application's backlog and somaxconn sets the effective backlog, and the change.
    static func backlogLimit(_ backlog: Int?, sysctl: Sysctls) -> String {
        guard let somaxconn = sysctl.somaxconn else {
            return "net.core.somaxconn could not be read; the effective backlog is min(listen() backlog, somaxconn)."
        }
        guard let backlog else {
            return "The backlog is not shown by /proc/net/tcp; it is min(the listen() backlog, somaxconn = \(somaxconn))."
        }
        if Int64(backlog) >= somaxconn {
            return "somaxconn (\(somaxconn)) limits: the backlog equals it, so the application asked for at least that. Raise "
                + "it: \(AdviceText.sysctl("net.core.somaxconn", String(somaxconn.saturatingMultiplied(by: 2)))), then restart the listener (the "
                + "backlog is fixed when listen() is called)."
        }
        return "The application's listen() backlog (\(backlog)) limits, below somaxconn (\(somaxconn)): raise it in the "
            + "application's settings (e.g. nginx `listen … backlog=\(somaxconn);`) and restart it; values above somaxconn "
            + "are cut to somaxconn."
    }

    /// tcp_max_syn_backlog: the SYN (half-open) queue, limiting only when SYN_RECV nears it or
    /// requests are dropped for a full queue.
    static func synBacklog(_ context: AdviceContext) -> String {
        guard let limit = context.snapshot.sysctl.tcpMaxSynBacklog else {
            return "tcp_max_syn_backlog (the SYN queue, not the accept queue) could not be read."
        }
        let synRecv = context.snapshot.states?.byState[.synRecv] ?? 0
        let drops = context.rate(.reqQFullDrop) ?? 0
        guard drops > 0 || Double(synRecv) >= 0.7 * Double(limit) else {
            return "tcp_max_syn_backlog (\(limit)) bounds the SYN queue, not the accept queue; it is not the limit here "
                + "(\(synRecv) SYN_RECV)."
        }
        return "The SYN queue is full too (\(synRecv) SYN_RECV, \(AdviceText.perSecond(drops)) requests dropped): "
            + AdviceText.sysctl("net.ipv4.tcp_max_syn_backlog", String(limit.saturatingMultiplied(by: 2)))
    }
}
