/// Ephemeral ports toward one destination running out (docs/KERNEL.md §3): `connect()` fails with
/// `EADDRNOTAVAIL` when every port of the range is in use toward the same (local IP, remote IP,
/// remote port). One finding per destination at or above the ports thresholds.
enum PortExhaustionRule {
    static let id = "ephemeral_exhaustion"
    static let reference = "Documentation/networking/ip-sysctl.rst (ip_local_port_range, ip_local_reserved_ports, "
        + "tcp_tw_reuse); connect(2) EADDRNOTAVAIL; ip(7) IP_BIND_ADDRESS_NO_PORT"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds
        return context.snapshot.ports.destinations.compactMap { destination in
            guard let severity = FindingSeverity.of(destination.ratio, warning: t.portsWarning, critical: t.portsCritical) else {
                return nil
            }
            return finding(destination, severity: severity, context.snapshot)
        }
    }

    static func finding(_ d: Snapshot.Destination, severity: FindingSeverity, _ snapshot: Snapshot) -> Finding {
        let target = AdviceText.endpoint(d.remoteAddress, d.remotePort)
        var title = "ephemeral ports \(AdviceText.percent(d.ratio)) used toward \(target)"
        if let seconds = d.secondsToExhaustion { title += ", out in \(AdviceText.duration(seconds))" }
        var evidence = [Evidence("destination", target), Evidence("local_address", d.localAddress.description),
                        Evidence("used", d.used), Evidence("usable", d.usable), Evidence("ratio", d.ratio),
                        Evidence("time_wait", d.timeWait)]
        if let reuse = d.ratioWithReuse { evidence.append(Evidence("ratio_with_reuse", reuse)) }
        if let growth = d.growthPerSecond { evidence.append(Evidence("growth_per_s", growth)) }
        if let seconds = d.secondsToExhaustion { evidence.append(Evidence("seconds_to_exhaustion", seconds)) }
        if let range = snapshot.sysctl.ipLocalPortRange {
            evidence.append(Evidence("ip_local_port_range", "\(range.lowerBound) \(range.upperBound)"))
        }
        if let mode = snapshot.sysctl.tcpTwReuse { evidence.append(Evidence("tcp_tw_reuse", mode)) }
        if let who = ConnectorAttribution.toward(d.remoteAddress, d.remotePort, in: snapshot) {
            title += "; " + who.phrase
            evidence += who.evidence
        }
        let suggestion = [
            "Reuse connections: HTTP keep-alive or a connection pool in the client toward \(target), so a request does not "
                + "take a new port; each connection closed here holds its port in TIME_WAIT for 60 s "
                + "(\(d.timeWait) of the \(d.used) ports are in TIME_WAIT now).",
            twReuse(snapshot.sysctl, destination: d),
            widerRange(snapshot.sysctl.ipLocalPortRange),
            "Spread the connections: each (source IP, destination IP, destination port) has its own set of ports, so more "
                + "source addresses (bind the client to them) or more destination addresses or ports multiply the room.",
            "If the client calls bind() before connect() to pick a source address, set IP_BIND_ADDRESS_NO_PORT on the socket "
                + "first: otherwise each bind() takes its port away from every destination.",
        ]
        return Finding(id: id, severity: severity, title: title, evidence: evidence, suggestion: suggestion,
                       reference: reference, target: .destination(address: d.remoteAddress, port: d.remotePort))
    }

    /// What `tcp_tw_reuse` does here, by its mode and whether the destination is loopback.
    static func twReuse(_ sysctl: Sysctls, destination d: Snapshot.Destination) -> String {
        let delay = sysctl.tcpTwReuseDelay ?? 1000
        let modes = "0 = off, 1 = on, 2 = loopback only (the default); with reuse a new outgoing connection may take "
            + "over a TIME_WAIT entry older than tcp_tw_reuse_delay (\(delay) ms). It affects outgoing connections only."
        let enable = " Enable it for this client: \(AdviceText.sysctl("net.ipv4.tcp_tw_reuse", "1"))"
        let loopback = d.remoteAddress.isLoopback
        switch sysctl.tcpTwReuse {
        case 0?: return "tcp_tw_reuse is 0 (off): TIME_WAIT ports stay taken for their whole 60 s. " + modes + enable
        case 2? where !loopback:
            return "tcp_tw_reuse is 2, which only helps loopback; \(d.remoteAddress) is not loopback. " + modes + enable
        case let mode? where mode == 1 || mode == 2:
            let withReuse = d.ratioWithReuse.map { " (\(AdviceText.percent($0)) used counting reusable entries as free)" } ?? ""
            return "tcp_tw_reuse is \(mode) and already applies here\(withReuse): " + modes
        default: return "tcp_tw_reuse could not be read. " + modes + enable
        }
    }

    /// The range proposed instead of `current`: down to 10000 (or the current low end if lower)
    /// and up to 65535, the high end of the other parity from the low (as ip-sysctl.rst advises).
    static func proposedRange(_ current: ClosedRange<UInt16>) -> ClosedRange<UInt16> {
        let low = min(current.lowerBound, 10_000)
        let high: UInt16 = low % 2 == 0 ? 65_535 : 65_534
        return low...max(high, current.upperBound)
    }

    static func widerRange(_ current: ClosedRange<UInt16>?) -> String {
        guard let current else {
            return "Widen net.ipv4.ip_local_port_range (it could not be read): "
                + AdviceText.sysctl("net.ipv4.ip_local_port_range", "10000 65535")
        }
        let proposed = proposedRange(current)
        let now = "\(current.lowerBound) \(current.upperBound)"
        guard proposed != current else {
            return "ip_local_port_range is already wide (\(now), \(current.count) ports): keep-alive or more addresses are what is left."
        }
        return "Widen the port range from \(now) (\(current.count) ports) to \(proposed.lowerBound) \(proposed.upperBound) "
            + "(\(proposed.count) ports): " + AdviceText.sysctl("net.ipv4.ip_local_port_range", "\(proposed.lowerBound) \(proposed.upperBound)")
            + "; list the service ports inside the new range in net.ipv4.ip_local_reserved_ports so a service started later "
            + "still finds its port free."
    }
}
