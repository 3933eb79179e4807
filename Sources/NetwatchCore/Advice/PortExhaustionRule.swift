/// Ephemeral ports toward one destination running out (docs/KERNEL.md §3): `connect()` fails with
/// `EADDRNOTAVAIL` when every port of the range is in use toward the same (local IP, remote IP,
/// remote port). One finding per destination at or above the ports thresholds, or predicted to be
/// full within the time thresholds; a full destination is critical.
enum PortExhaustionRule {
    static let id = "ephemeral_exhaustion"
    static let reference = "Documentation/networking/ip-sysctl.rst (ip_local_port_range, ip_local_reserved_ports, "
        + "tcp_tw_reuse); connect(2) EADDRNOTAVAIL; ip(7) IP_BIND_ADDRESS_NO_PORT"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let t = context.thresholds
        return context.snapshot.ports.destinations.compactMap { destination in
            let byShare = FindingSeverity.of(destination.ratio, warning: t.portsWarning, critical: t.portsCritical)
            guard let severity = [byShare, severityByTime(destination, t)].compactMap({ $0 }).max() else { return nil }
            return finding(destination, severity: severity, context.snapshot)
        }
    }

    /// Critical when full or predicted full within `portsFullInCriticalSeconds`, a warning within
    /// `portsFullInWarningSeconds`; `nil` when not growing or further off.
    static func severityByTime(_ d: Snapshot.Destination, _ t: AdviceThresholds) -> FindingSeverity? {
        if d.used >= d.usable { return .critical }
        guard let seconds = d.secondsToExhaustion else { return nil }
        return seconds <= t.portsFullInCriticalSeconds ? .critical : seconds <= t.portsFullInWarningSeconds ? .warning : nil
    }

    static func finding(_ d: Snapshot.Destination, severity: FindingSeverity, _ snapshot: Snapshot) -> Finding {
        let target = AdviceText.endpoint(d.remoteAddress, d.remotePort)
        var title = "ephemeral ports \(AdviceText.percent(d.ratio)) used toward \(target)"
        if d.used >= d.usable {
            title += ": full"
        } else if let seconds = d.secondsToExhaustion {
            title += ", out in \(AdviceText.duration(seconds))"
        }
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
        if let timestamps = snapshot.sysctl.tcpTimestamps { evidence.append(Evidence("tcp_timestamps", timestamps)) }
        let suggestion = [
            "Reuse connections: HTTP keep-alive or a connection pool in the client toward \(target), so a request does not "
                + "take a new port; each connection closed here holds its port in TIME_WAIT for 60 s "
                + "(\(d.timeWait) of the \(d.used) ports are in TIME_WAIT now).",
            twReuse(snapshot.sysctl, destination: d),
            widerRange(snapshot.sysctl, listeners: snapshot.listeners.map(\.record.port)),
            "Spread the connections: each (source IP, destination IP, destination port) has its own set of ports, so more "
                + "source addresses (bind the client to them) or more destination addresses or ports multiply the room.",
            "If the client calls bind() before connect() to pick a source address, set IP_BIND_ADDRESS_NO_PORT on the socket "
                + "first: otherwise each bind() takes its port away from every destination.",
        ]
        return Finding(id: id, severity: severity, title: title, evidence: evidence, suggestion: suggestion,
                       reference: reference, target: .destination(address: d.remoteAddress, port: d.remotePort))
    }

    /// What `tcp_tw_reuse` does here, by its mode, whether the destination is loopback and
    /// whether TCP timestamps are on (reuse needs them). Sysctls are per network namespace: a
    /// change applies to every connection made in this one.
    static func twReuse(_ sysctl: Sysctls, destination d: Snapshot.Destination) -> String {
        let delay = sysctl.tcpTwReuseDelay ?? 1000
        let modes = "0 = off, 1 = on, 2 = loopback only (the default); with reuse a new outgoing connection may take "
            + "over a TIME_WAIT entry older than tcp_tw_reuse_delay (\(delay) ms) if TCP timestamps are on. It affects "
            + "outgoing connections only."
        let enable = " Enable it in this network namespace (it applies to every outgoing connection made here): "
            + AdviceText.sysctl("net.ipv4.tcp_tw_reuse", "1")
        switch sysctl.tcpTwReuse {
        case 0?: return "tcp_tw_reuse is 0 (off): TIME_WAIT ports stay taken for their whole 60 s. " + modes + enable
        case 2? where !d.remoteAddress.isLoopback:
            return "tcp_tw_reuse is 2, which only helps loopback; \(d.remoteAddress) is not loopback. " + modes + enable
        case let mode? where mode == 1 || mode == 2:
            guard let timestamps = sysctl.tcpTimestamps, timestamps != 0 else {
                let setting = sysctl.tcpTimestamps.map { "net.ipv4.tcp_timestamps is \($0)" }
                    ?? "net.ipv4.tcp_timestamps could not be read"
                return "tcp_tw_reuse is \(mode) but \(setting): reuse needs TCP timestamps, so no TIME_WAIT entry is "
                    + "reused and every one holds its port for 60 s. Turn them on in this network namespace: "
                    + AdviceText.sysctl("net.ipv4.tcp_timestamps", "1") + ". " + modes
            }
            let withReuse = d.ratioWithReuse.map { " (\(AdviceText.percent($0)) used counting reusable entries as free)" } ?? ""
            return "tcp_tw_reuse is \(mode) and tcp_timestamps is on, so reuse applies here\(withReuse): " + modes
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

    /// Widening the range, with the `ip_local_reserved_ports` value that keeps the ports services
    /// listen on inside the new range (`listeners`) out of it, merged with what is reserved now.
    static func widerRange(_ sysctl: Sysctls, listeners: [UInt16]) -> String {
        guard let current = sysctl.ipLocalPortRange else {
            return "Widen net.ipv4.ip_local_port_range (it could not be read): "
                + AdviceText.sysctl("net.ipv4.ip_local_port_range", "10000 65535")
        }
        let proposed = proposedRange(current)
        let now = "\(current.lowerBound) \(current.upperBound)"
        guard proposed != current else {
            return "ip_local_port_range is already wide (\(now), \(current.count) ports): keep-alive or more addresses are what is left."
        }
        let reserved = sysctl.ipLocalReservedPorts ?? []
        let listening = Set(listeners.filter { port in proposed.contains(port) && !reserved.contains { $0.contains(port) } })
        let widen = AdviceText.sysctl("net.ipv4.ip_local_port_range", "\(proposed.lowerBound) \(proposed.upperBound)")
        let text = "Widen the port range from \(now) (\(current.count) ports) to \(proposed.lowerBound) \(proposed.upperBound) "
            + "(\(proposed.count) ports)"
        guard !listening.isEmpty else {
            return text + ": " + widen + "; no service listens inside the new range now (list the port of one started "
                + "later in net.ipv4.ip_local_reserved_ports first, so it still finds its port free)."
        }
        let ports = listening.sorted().map(String.init).joined(separator: ", ")
        let list = reservedList(reserved + listening.map { $0...$0 })
        return text + ", first reserving the ports services listen on inside it (\(ports)) so connect() does not take "
            + "them: " + AdviceText.sysctl("net.ipv4.ip_local_reserved_ports", list) + ", then " + widen
    }

    /// `ip_local_reserved_ports` syntax: `8080,50000-50010`, ascending, overlapping ranges merged.
    static func reservedList(_ ranges: [ClosedRange<UInt16>]) -> String {
        var merged = [ClosedRange<UInt16>]()
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = merged.last, Int(range.lowerBound) <= Int(last.upperBound) + 1 {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(separator: ",")
    }
}
