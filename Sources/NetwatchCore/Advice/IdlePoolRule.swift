/// A process holding a large pool of client connections that mostly carry nothing, with no
/// keep-alive on them: each holds a port, an fd and memory at both ends, and a peer that went away
/// (or a NAT or firewall that forgot the flow) is only noticed on the next write.
enum IdlePoolRule {
    static let id = "idle_pool"
    static let reference = "tcp(7) SO_KEEPALIVE, tcp_keepalive_time; socket(7)"
    /// ESTABLISHED client sockets of one process from which a pool counts as large.
    static let poolMinimum = 100
    /// Share of the pool idle over 10 min from which it is a mostly idle pool.
    static let idleShare = 0.5

    static func findings(_ context: AdviceContext) -> [Finding] {
        guard let health = context.snapshot.health, health.tcpInfo else { return [] }
        return health.processes.compactMap { entry in
            let f = entry.figures
            guard f.established >= poolMinimum, f.keepAlive == 0, let idle = f.idleOver10m,
                  Double(idle) >= idleShare * Double(f.established) else { return nil }
            return finding(entry, idle: idle, context)
        }
    }

    static func finding(_ entry: ConnectionHealth.Process, idle: Int, _ context: AdviceContext) -> Finding {
        let f = entry.figures, sysctl = context.snapshot.sysctl
        let toward = entry.busiestDestination.map { " toward " + AdviceText.endpoint($0.address, $0.port) } ?? ""
        var evidence = [Evidence("pid", entry.process.pid), Evidence("command", entry.process.command)]
        if let destination = entry.busiestDestination {
            evidence.append(Evidence("destination", AdviceText.endpoint(destination.address, destination.port)))
        }
        evidence += [Evidence("established", f.established), Evidence("idle_over_10m", idle),
                     Evidence("idle_over_1h", .integer(Int64(f.idleOver1h ?? 0))), Evidence("keep_alive", f.keepAlive)]
        for (name, value) in [("tcp_keepalive_time", sysctl.tcpKeepaliveTime), ("tcp_keepalive_intvl", sysctl.tcpKeepaliveIntvl),
                              ("tcp_keepalive_probes", sysctl.tcpKeepaliveProbes)] {
            if let value { evidence.append(Evidence(name, value)) }
        }
        let keepAliveTime = sysctl.tcpKeepaliveTime.map { " (here net.ipv4.tcp_keepalive_time is \($0) s)" } ?? ""
        let suggestion = [
            "Cap the pool of \(AdviceText.process(entry.process)) near the connections it uses at its peak, and set an idle "
                + "timeout in the client or pool so connections unused for minutes are closed.",
            "Turn keep-alive on where connections must stay open while idle: it is per socket, set by the application with "
                + "setsockopt(SO_KEEPALIVE) (and TCP_KEEPIDLE, TCP_KEEPINTVL, TCP_KEEPCNT for its timing). The sysctls "
                + "net.ipv4.tcp_keepalive_time, _intvl and _probes only set the defaults of sockets that turned it on"
                + keepAliveTime + "; changing them turns it on for none.",
        ]
        return Finding(id: id, severity: .warning,
                       title: "\(AdviceText.process(entry.process)) holds \(f.established) connections\(toward), \(idle) idle > 10 min, "
                           + "none with keep-alive: cap the pool and set an idle timeout",
                       evidence: evidence, suggestion: suggestion, reference: reference, target: .process(pid: entry.process.pid))
    }
}
