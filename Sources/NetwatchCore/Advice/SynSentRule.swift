/// SYN_SENT piling up toward one address and port: connects wait for a SYN-ACK that does not
/// come, so the peer is slow, overloaded or unreachable. Toward a local listener whose accept
/// queue overflows they are that overflow's evidence (``ListenQueueRule`` names them), not a
/// finding of their own.
enum SynSentRule {
    static let id = "syn_sent"
    static let reference = "tcp(7) tcp_syn_retries; connect(2) ETIMEDOUT"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds
        return context.snapshot.synSent.compactMap { target in
            guard let severity = FindingSeverity.of(Double(target.count), warning: t.synSentWarning, critical: t.synSentCritical),
                  context.overflowingLocalListener(target) == nil else { return nil }
            return finding(target, severity: severity, context)
        }
    }

    static func finding(_ target: SynSentTarget, severity: FindingSeverity, _ context: AdviceContext) -> Finding {
        let endpoint = AdviceText.endpoint(target.address, target.port)
        let established = context.snapshot.peers.first { $0.address == target.address }?.counts[.established]
        var evidence = [Evidence("destination", endpoint), Evidence("syn_sent", target.count)]
        if let established { evidence.append(Evidence("established_with_peer", established)) }
        if let owner = target.owners.first {
            evidence += [Evidence("pid", owner.process.pid), Evidence("command", owner.process.command),
                         Evidence("syn_sent_of_process", owner.count)]
        }
        if let fails = context.rate(.attemptFails) { evidence.append(Evidence("attempt_fails_per_s", fails)) }
        let who = target.owners.first.map { AdviceText.process($0.process) + " has" } ?? "this host has"
        let suggestion = [
            "No SYN-ACK is coming back from \(endpoint): check that it is up and reachable (route, a firewall "
                + "dropping SYNs) and that its listen queue is not overflowing.",
            "Set a connect timeout in the client (a few seconds) and back off between retries: without one, connect() "
                + "waits through the kernel's SYN retransmissions (net.ipv4.tcp_syn_retries), over a minute by default.",
            "Cap the connection attempts in flight (the pool size) so an unreachable peer does not tie up every worker.",
        ]
        return Finding(id: id, severity: severity,
                       title: "\(who) \(target.count) connections stuck in SYN_SENT toward \(endpoint): the peer is slow or unreachable",
                       evidence: evidence, suggestion: suggestion, reference: reference,
                       target: .destination(address: target.address, port: target.port))
    }
}
