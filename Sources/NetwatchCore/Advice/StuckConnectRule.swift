/// Connects waiting in SYN_SENT longer than any sensible connect timeout: the peer drops the SYNs
/// (a firewall) or is down, and the client waits through the kernel's SYN retransmissions because
/// it set no timeout of its own.
enum StuckConnectRule {
    static let id = "stuck_connect"
    static let reference = "tcp(7) tcp_syn_retries, tcp_syn_linear_timeouts; connect(2) ETIMEDOUT"

    static func findings(_ context: AdviceContext) -> [Finding] {
        guard let health = context.snapshot.health else { return [] }
        return health.destinations.compactMap { destination in
            guard destination.figures.synSentOver3s > 0 else { return nil }
            return finding(destination, context)
        }
    }

    static func finding(_ destination: ConnectionHealth.Destination, _ context: AdviceContext) -> Finding {
        let f = destination.figures
        let endpoint = AdviceText.endpoint(destination.address, destination.port)
        let owner = context.snapshot.synSent.first { $0.address == destination.address && $0.port == destination.port }?.owners.first
        var evidence = [Evidence("destination", endpoint), Evidence("syn_sent", f.synSent),
                        Evidence("syn_sent_over_3s", f.synSentOver3s)]
        if let oldest = f.synSentOldestSeconds { evidence.append(Evidence("oldest_s", oldest.rounded())) }
        if let owner {
            evidence += [Evidence("pid", owner.process.pid), Evidence("command", owner.process.command)]
        }
        let who = owner.map { " from " + AdviceText.process($0.process) } ?? ""
        let suggestion = [
            "Check that \(endpoint) is up and that nothing on the way drops its SYNs (a firewall rule, a security group): "
                + "no SYN-ACK came back for over \(Int(HealthTally.stuckSynSentSeconds)) s.",
            "Give the client a connect timeout of a few seconds (a non-blocking connect() with poll(), or the library's "
                + "connect-timeout option) and back off between attempts: without one, connect() waits through every SYN "
                + "retransmission (net.ipv4.tcp_syn_retries, 6 by default: over a minute).",
        ]
        return Finding(id: id, severity: f.synSentOver3s >= 100 ? .critical : .warning,
                       title: "\(f.synSentOver3s) connects\(who) to \(endpoint) waiting > 3 s in SYN_SENT: the peer drops SYNs "
                           + "or is down, and the client has no connect timeout",
                       evidence: evidence, suggestion: suggestion, reference: reference,
                       target: .destination(address: destination.address, port: destination.port))
    }
}
