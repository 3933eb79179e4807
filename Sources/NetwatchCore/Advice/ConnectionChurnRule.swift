/// The classic storm: many new connections per second that each live briefly, so few are
/// ESTABLISHED at any moment. By Little's law the average lifetime is ESTABLISHED / opens per
/// second; the rule fires when opens reach `churnOpensPerSecond` and that lifetime is below
/// `churnLifetimeSeconds`.
enum ConnectionChurnRule {
    static let id = "connection_churn"
    static let reference = "RFC 9112 §9.3 (HTTP persistent connections); Documentation/networking/ip-sysctl.rst "
        + "(TIME_WAIT is TCP_TIMEWAIT_LEN, 60 s)"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds, snapshot = context.snapshot
        guard let active = context.rate(.activeOpens), let passive = context.rate(.passiveOpens),
              let states = snapshot.states else { return [] }
        let opens = active + passive
        let established = states.byState[.established]
        let lifetime = Double(established) / opens
        guard opens >= t.churnOpensPerSecond, lifetime < t.churnLifetimeSeconds else { return [] }

        let client = active >= passive
        let timeWait = states.byState[.timeWait]
        // In a steady storm, closing every connection first would leave opens × 60 s entries here.
        let closedHere = min(1, Double(timeWait) / (opens * 60))
        var evidence = [Evidence("opens_per_s", opens), Evidence("active_opens_per_s", active),
                        Evidence("passive_opens_per_s", passive), Evidence("established", established),
                        Evidence("average_lifetime_s", lifetime), Evidence("time_wait", timeWait)]
        let role = client ? "this host opens most of them (connect \(AdviceText.perSecond(active)) vs accept "
            + "\(AdviceText.perSecond(passive)))" : "this host accepts most of them (accept \(AdviceText.perSecond(passive)) "
            + "vs connect \(AdviceText.perSecond(active)))"
        let closer = closedHere >= 0.5
            ? "This host closes first: its \(timeWait) TIME_WAIT entries are \(AdviceText.percent(closedHere)) of what closing "
                + "every connection would leave (60 s each); keep-alive here removes them."
            : "The peers close first (only \(timeWait) TIME_WAIT entries here, \(AdviceText.percent(closedHere)) of 60 s of "
                + "opens): the TIME_WAIT piles up on their side; keep-alive removes it there."
        let pooling = client
            ? "Reuse connections in this host's clients: HTTP keep-alive or a connection pool instead of one connection per request."
            : "Ask the clients calling this host to reuse connections (keep-alive, pooling), and keep idle connections open "
                + "on the server (its keep-alive timeout) instead of closing after each response."
        var title = "connection churn: \(AdviceText.perSecond(opens)) new connections living "
            + "\(AdviceText.number(lifetime)) s on average (\(established) ESTABLISHED)"
        if let who = ConnectorAttribution.churn(in: snapshot) {
            title += "; " + who.phrase
            evidence += who.evidence
        }
        return [Finding(id: id, severity: .warning, title: title, evidence: evidence,
                        suggestion: ["Short connections: " + role + ".", pooling, closer],
                        reference: reference, target: target(context, client: client))]
    }

    /// The worst destination for a client; the busiest peer otherwise.
    static func target(_ context: AdviceContext, client: Bool) -> DrillTarget? {
        if client, let worst = context.snapshot.ports.worst {
            return .destination(address: worst.remoteAddress, port: worst.remotePort)
        }
        return context.busiestPeer(.timeWait)
    }
}
