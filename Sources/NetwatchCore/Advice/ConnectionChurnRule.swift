/// The classic storm: many new connections per second that each live briefly, so few are
/// ESTABLISHED at any moment. Connects (`ActiveOpens`) and accepts (`PassiveOpens`) are kept
/// apart: a loopback connection is one of each, so their sum would count it twice. By Little's
/// law a socket lives ESTABLISHED / (connects + accepts) per second on average (every open makes
/// one socket). The rule fires when connects or accepts reach `churnOpensPerSecond` and that
/// lifetime is below `churnLifetimeSeconds`. Which side closes first is read from where this
/// host's TIME_WAIT entries sit (``Snapshot/States/timeWaitClientsClosed``), and said only when
/// they decide it.
enum ConnectionChurnRule {
    static let id = "connection_churn"
    static let reference = "RFC 9112 §9.3 (HTTP persistent connections); Documentation/networking/ip-sysctl.rst "
        + "(TIME_WAIT is TCP_TIMEWAIT_LEN, 60 s)"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds, snapshot = context.snapshot
        guard let connects = context.rate(.activeOpens), let accepts = context.rate(.passiveOpens),
              let states = snapshot.states else { return [] }
        let established = states.byState[.established]
        let lifetime = Double(established) / (connects + accepts)
        guard max(connects, accepts) >= t.churnOpensPerSecond, lifetime < t.churnLifetimeSeconds else { return [] }

        let client = connects >= accepts
        let timeWait = states.byState[.timeWait]
        var evidence = [Evidence("connects_per_s", connects), Evidence("accepts_per_s", accepts),
                        Evidence("established", established), Evidence("average_lifetime_s", lifetime),
                        Evidence("time_wait", timeWait)]
        if let clients = states.timeWaitClientsClosed { evidence.append(Evidence("time_wait_clients_closed", clients)) }
        if let servers = states.timeWaitServersClosed { evidence.append(Evidence("time_wait_servers_closed", servers)) }
        let role = client ? "this host connects at least as often as it accepts" : "this host accepts more than it connects"
        let pooling = client
            ? "Reuse connections in this host's clients: HTTP keep-alive or a connection pool instead of one connection per request."
            : "Ask the clients calling this host to reuse connections (keep-alive, pooling), and keep idle connections open "
                + "on the server (its keep-alive timeout) instead of closing after each response."
        var title = "connection churn: \(AdviceText.perSecond(connects)) connects and \(AdviceText.perSecond(accepts)) accepts, "
            + "sockets living \(AdviceText.number(lifetime)) s on average (\(established) ESTABLISHED)"
        if let who = ConnectorAttribution.churn(in: snapshot) {
            title += "; " + who.phrase
            evidence += who.evidence
        }
        let suggestion = ["Short connections: " + role + " (connect \(AdviceText.perSecond(connects)), accept "
                          + "\(AdviceText.perSecond(accepts))).", pooling] + [closer(states)].compactMap { $0 }
        return [Finding(id: id, severity: .warning, title: title, evidence: evidence, suggestion: suggestion,
                        reference: reference, target: target(context, client: client))]
    }

    /// Who closes first, from this host's TIME_WAIT entries (the side that closes first holds
    /// them): on ephemeral ports, its clients; on listening ports, its servers. `nil` when the
    /// entries do not decide (none, or their ports unknown).
    static func closer(_ states: Snapshot.States) -> String? {
        guard let clients = states.timeWaitClientsClosed, let servers = states.timeWaitServersClosed,
              clients + servers > 0 else { return nil }
        let split = "\(clients) of this host's TIME_WAIT entries are on ephemeral ports (its clients') and \(servers) on "
            + "listening ports (its servers')"
        if clients == servers {
            return "Both sides close first alike: " + split + "; keep-alive on either side removes its share."
        }
        return clients > servers
            ? "This host's clients close first: " + split + "; keep-alive in those clients removes their TIME_WAIT."
            : "This host's servers close first: " + split + "; keeping connections open on the server (its keep-alive "
                + "timeout), or letting clients close first, moves or removes the TIME_WAIT."
    }

    /// The worst destination for a client; the busiest peer otherwise.
    static func target(_ context: AdviceContext, client: Bool) -> DrillTarget? {
        if client, let worst = context.snapshot.ports.worst {
            return .destination(address: worst.remoteAddress, port: worst.remotePort)
        }
        return context.busiestPeer(.timeWait)
    }
}
