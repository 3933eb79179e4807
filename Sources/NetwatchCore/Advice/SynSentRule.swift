/// SYN_SENT piling up toward one peer: connects wait for a SYN-ACK that does not come, so the
/// peer is slow, overloaded or unreachable.
enum SynSentRule {
    static let id = "syn_sent"
    static let reference = "tcp(7) tcp_syn_retries; connect(2) ETIMEDOUT"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds
        return context.snapshot.peers.compactMap { peer in
            let pending = peer.counts[.synSent]
            guard let severity = FindingSeverity.of(Double(pending), warning: t.synSentWarning, critical: t.synSentCritical) else {
                return nil
            }
            var evidence = [Evidence("peer", peer.address.description), Evidence("syn_sent", pending),
                            Evidence("established", peer.counts[.established])]
            if let fails = context.rate(.attemptFails) { evidence.append(Evidence("attempt_fails_per_s", fails)) }
            let suggestion = [
                "No SYN-ACK is coming back from \(peer.address): check that it is up and reachable (route, a firewall "
                    + "dropping SYNs) and that its listen queue is not overflowing.",
                "Set a connect timeout in the client (a few seconds) and back off between retries: without one, connect() "
                    + "waits through the kernel's SYN retransmissions (net.ipv4.tcp_syn_retries), over a minute by default.",
                "Cap the connection attempts in flight (the pool size) so an unreachable peer does not tie up every worker.",
            ]
            return Finding(id: id, severity: severity,
                           title: "\(pending) connections stuck in SYN_SENT toward \(peer.address): the peer is slow or unreachable",
                           evidence: evidence, suggestion: suggestion, reference: reference, target: .peer(peer.address))
        }
    }
}
