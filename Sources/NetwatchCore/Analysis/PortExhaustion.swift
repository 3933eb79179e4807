/// Ephemeral-port exhaustion per destination (docs/KERNEL.md §3).
///
/// `usable` = range size − reserved ports in range − ports in range held by listeners;
/// `ratio(K)` = used(K) / usable for K = (local IP, remote IP, remote port). Time-wait entries
/// count as used; where reuse applies (`tcp_tw_reuse` 1, or 2 on loopback, with `tcp_timestamps`
/// on) the ratio without time-wait entries older than the reuse delay is given too.
public enum PortExhaustion {
    /// Ports of `range` that are also in `ranges`.
    public static func overlap(of range: ClosedRange<UInt16>, with ranges: [ClosedRange<UInt16>]) -> Int {
        ranges.reduce(0) { sum, r in
            let lo = max(range.lowerBound, r.lowerBound), hi = min(range.upperBound, r.upperBound)
            return sum + (lo <= hi ? Int(hi) - Int(lo) + 1 : 0)
        }
    }

    /// Does reuse free time-wait entries toward this destination? Only with TCP timestamps on:
    /// the kernel reuses an entry only when it recorded a timestamp from the peer
    /// (`tcp_twsk_unique`), so with `tcp_timestamps` 0 (or unread) nothing is reused.
    public static func reuseApplies(mode: Int64?, timestamps: Int64?, destination: DestinationKey) -> Bool {
        guard let timestamps, timestamps != 0 else { return false }
        return switch mode {
        case 1: true
        case 2: destination.remoteAddress.isLoopback && destination.localAddress.isLoopback
        default: false
        }
    }

    /// - Parameters:
    ///   - table: this walk's aggregation; `previous`, an earlier walk `elapsed` seconds before.
    ///   - top: how many destinations to list, worst first.
    public static func analyse(table: SocketTable?, previous: SocketTable?, elapsed: Double?,
                               sysctl: Sysctls, listeners: [ListenerRecord], top: Int) -> Snapshot.Ports {
        var ports = Snapshot.Ports(range: sysctl.ipLocalPortRange, reserved: nil, heldByListeners: nil, usable: nil,
                                   twReuse: sysctl.tcpTwReuse, worst: nil, destinations: [], destinationCount: 0)
        guard let range = sysctl.ipLocalPortRange else { return ports }
        let reserved = overlap(of: range, with: sysctl.ipLocalReservedPorts ?? [])
        let listenerPorts = Set(listeners.map(\.port).filter { range.contains($0) })
        let reservedSet = sysctl.ipLocalReservedPorts ?? []
        let held = listenerPorts.filter { port in !reservedSet.contains(where: { $0.contains(port) }) }.count
        let usable = max(0, Int(range.upperBound) - Int(range.lowerBound) + 1 - reserved - held)
        ports.reserved = reserved
        ports.heldByListeners = held
        ports.usable = usable
        guard let table else { return ports }
        let destinations = table.destinations.map { key, usage in
            destination(key, usage, usable: usable, reuses: reuseApplies(mode: sysctl.tcpTwReuse, timestamps: sysctl.tcpTimestamps,
                                                                     destination: key),
                        previousUsed: previous?.destinations[key]?.used ?? (previous == nil ? nil : 0),
                        elapsed: elapsed)
        }
        let worst = TopN.of(max(1, top), destinations, by: worseFirst)
        ports.destinationCount = destinations.count
        ports.worst = worst.first
        ports.destinations = Array(worst.prefix(top))
        return ports
    }

    static func destination(_ key: DestinationKey, _ usage: DestinationUsage, usable: Int, reuses: Bool,
                            previousUsed: Int?, elapsed: Double?) -> Snapshot.Destination {
        let ratio = usable > 0 ? Double(usage.used) / Double(usable) : 1
        var withReuse: Double?
        if reuses {
            withReuse = usable > 0 ? Double(usage.used - usage.reusableTimeWait) / Double(usable) : 1
        }
        var growth: Double?
        var secondsLeft: Double?
        if let previousUsed, let elapsed, elapsed > 0 {
            let perSecond = Double(usage.used - previousUsed) / elapsed
            growth = perSecond
            if perSecond > 0 { secondsLeft = max(0, Double(usable - usage.used)) / perSecond }
        }
        // Full is full whatever the growth: no port is left now.
        if usage.used >= usable { secondsLeft = 0 }
        return Snapshot.Destination(localAddress: key.localAddress, remoteAddress: key.remoteAddress,
                                    remotePort: key.remotePort, used: usage.used, timeWait: usage.timeWait,
                                    usable: usable, ratio: ratio, ratioWithReuse: withReuse,
                                    growthPerSecond: growth, secondsToExhaustion: secondsLeft)
    }

    /// Highest ratio first; ties by more used, then by address text for a stable order.
    static func worseFirst(_ a: Snapshot.Destination, _ b: Snapshot.Destination) -> Bool {
        if a.ratio != b.ratio { return a.ratio > b.ratio }
        if a.used != b.used { return a.used > b.used }
        if a.remotePort != b.remotePort { return a.remotePort < b.remotePort }
        return "\(a.remoteAddress) \(a.localAddress)" < "\(b.remoteAddress) \(b.localAddress)"
    }
}
