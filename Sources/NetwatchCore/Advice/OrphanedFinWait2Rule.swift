/// Many orphaned FIN_WAIT2 sockets: closed by their application here, waiting for the peer's
/// FIN. This — and only this — is what `tcp_fin_timeout` bounds; it does not shorten TIME_WAIT.
enum OrphanedFinWait2Rule {
    static let id = "orphaned_fin_wait2"
    static let reference = "Documentation/networking/ip-sysctl.rst (tcp_fin_timeout)"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds, snapshot = context.snapshot
        guard let states = snapshot.states,
              let severity = FindingSeverity.of(Double(states.orphanedFinWait2), warning: t.orphanedFinWait2Warning,
                                                critical: t.orphanedFinWait2Critical) else { return [] }
        let orphaned = states.orphanedFinWait2
        let timeout = snapshot.sysctl.tcpFinTimeout
        var evidence = [Evidence("orphaned_fin_wait2", orphaned), Evidence("fin_wait2", states.byState[.finWait2])]
        if let timeout { evidence.append(Evidence("tcp_fin_timeout", timeout)) }
        if let orphans = snapshot.sockstat?.orphan { evidence.append(Evidence("sockstat_orphan", orphans)) }
        let change: String
        if let timeout, timeout <= 15 {
            change = "tcp_fin_timeout is already \(timeout) s."
        } else {
            change = "Shorten it: \(AdviceText.sysctl("net.ipv4.tcp_fin_timeout", "15")) (it changes only this; TIME_WAIT stays 60 s)."
        }
        let suggestion = [
            "These connections were closed here and their peers have not closed their side. An orphaned FIN_WAIT2 lives "
                + "for tcp_fin_timeout (\(timeout.map { "\($0) s" } ?? "unread")). " + change,
            "Find why the peers do not close: they may be hung or slow to finish their side.",
        ]
        return [Finding(id: id, severity: severity,
                        title: "\(orphaned) orphaned FIN_WAIT2 sockets waiting for their peers to close",
                        evidence: evidence, suggestion: suggestion, reference: reference,
                        target: context.busiestPeer(.finWait2))]
    }
}
