/// Retransmits or resets jumping: the rate now is at least `spikeFactor` times its usual value
/// (the median over the history) and above its per-second floor. Without history (`snapshot`,
/// `record`) there is no usual value: the rate must reach `spikeFactor` times the floor.
enum RateSpikeRule {
    static let retransmitID = "retransmit_spike"
    static let resetID = "reset_spike"
    static let reference = "/proc/net/snmp Tcp: RetransSegs, OutRsts, EstabResets; /proc/net/netstat TcpExt TCPAbortOn*; tcp(7)"

    static func findings(_ context: AdviceContext) -> [Finding] {
        [retransmits(context), resets(context)].compactMap { $0 }
    }

    /// The rate now and its usual value when it is a spike.
    static func spike(_ series: HistorySeries, floor: Double, _ context: AdviceContext) -> (now: Double, usual: Double?)? {
        guard let now = series.value(in: context.snapshot) else { return nil }
        let factor = context.thresholds.spikeFactor
        let usual = context.baseline(series)
        let threshold = usual.map { max(floor, $0 * factor) } ?? floor * factor
        return now >= threshold ? (now, usual) : nil
    }

    /// A retransmit spike, unless this host's connects wait on an overflowing local listener: their
    /// SYNs are retransmitted and ``ListenQueueRule`` gives the rate as its evidence.
    static func retransmits(_ context: AdviceContext) -> Finding? {
        guard let (now, usual) = spike(.retransmitsPerSecond, floor: context.thresholds.retransmitsPerSecond, context),
              context.synSentIntoOverflow.isEmpty else {
            return nil
        }
        var evidence = [Evidence("retransmits_per_s", now)]
        if let usual { evidence.append(Evidence("usual_per_s", usual)) }
        if let sent = context.rate(.outSegs), sent > 0 {
            evidence += [Evidence("segments_sent_per_s", sent), Evidence("retransmit_ratio", now / sent)]
        }
        return Finding(id: retransmitID, severity: .warning, title: title("retransmits", now, usual), evidence: evidence,
                       suggestion: ["Segments are being lost or delayed: look at the path (interface errors and drops in "
                                    + "`ip -s link`, a congested or failing link) and at overloaded peers.",
                                    "Retransmits slow every affected connection and, with timeouts, turn into aborts."],
                       reference: reference)
    }

    static func resets(_ context: AdviceContext) -> Finding? {
        guard let (now, usual) = spike(.resetsPerSecond, floor: context.thresholds.resetsPerSecond, context) else { return nil }
        var evidence = [Evidence("resets_per_s", now)]
        if let usual { evidence.append(Evidence("usual_per_s", usual)) }
        let causes: [(RateCounter, String)] = [(.attemptFails, "attempt_fails_per_s"), (.abortOnData, "abort_on_data_per_s"),
                                               (.abortOnClose, "abort_on_close_per_s"), (.abortOnTimeout, "abort_on_timeout_per_s")]
        for (counter, name) in causes {
            if let rate = context.rate(counter) { evidence.append(Evidence(name, rate)) }
        }
        return Finding(id: resetID, severity: .warning, title: title("resets", now, usual), evidence: evidence,
                       suggestion: ["Resets come from connections refused (nothing listening on the port: is the service up?), "
                                    + "applications closing sockets with unread data (abort_on_data) or with SO_LINGER 0, "
                                    + "and connections given up after timeouts (abort_on_timeout).",
                                    "See which peers are involved in the Peers pane, and the services' logs at the same time."],
                       reference: reference)
    }

    static func title(_ what: String, _ now: Double, _ usual: Double?) -> String {
        "\(what) jumped to \(AdviceText.perSecond(now))" + (usual.map { " (usually \(AdviceText.perSecond($0)))" } ?? "")
    }
}
