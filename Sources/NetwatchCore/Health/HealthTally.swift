/// Connection health summed over client sockets (one destination's, or one process's) while they
/// stream by; ``figures`` reduces it to what the snapshot shows.
public struct HealthTally: Equatable, Sendable {
    public var established = 0
    /// ESTABLISHED sockets whose `tcp_info` was read (the idle, RTT and retransmit figures cover these).
    public var withInfo = 0
    public var idleOver1m = 0
    public var idleOver10m = 0
    public var idleOver1h = 0
    public var keepAlive = 0
    public var synSent = 0
    public var synSentOver3s = 0
    public var synSentOldestSeconds: Double?
    /// Smoothed RTT of each ESTABLISHED socket with `tcp_info`, microseconds.
    public var rttMicroseconds: [UInt32] = []
    public var totalRetransmits: Int64 = 0
    public var segmentsOut: Int64 = 0
    public var unacked: Int64 = 0

    /// A SYN_SENT socket waiting longer than this has outlived any sensible connect timeout.
    public static let stuckSynSentSeconds = 3.0

    public init() {}

    public mutating func add(_ socket: SocketHealth) {
        switch socket.state {
        case .established:
            established += 1
            if socket.keepAlive { keepAlive += 1 }
            guard let idle = socket.idleMs else { return }
            withInfo += 1
            if idle > 60_000 { idleOver1m += 1 }
            if idle > 600_000 { idleOver10m += 1 }
            if idle > 3_600_000 { idleOver1h += 1 }
            if let rtt = socket.rttMicroseconds { rttMicroseconds.append(rtt) }
            totalRetransmits += Int64(socket.totalRetransmits ?? 0)
            segmentsOut += Int64(socket.segmentsOut ?? 0)
            unacked += Int64(socket.unacked ?? 0)
        case .synSent:
            synSent += 1
            guard let age = socket.synSentAgeSeconds else { return }
            if age > HealthTally.stuckSynSentSeconds { synSentOver3s += 1 }
            synSentOldestSeconds = max(synSentOldestSeconds ?? age, age)
        default:
            break
        }
    }

    /// The figures: counts as tallied, RTT median and 99th percentile (nearest rank) over the
    /// sockets' smoothed RTTs, and `nil` for what no socket's `tcp_info` told.
    public var figures: HealthFigures {
        let sorted = rttMicroseconds.sorted()
        let known = withInfo > 0
        return HealthFigures(
            established: established, keepAlive: keepAlive,
            idleOver1m: known ? idleOver1m : nil, idleOver10m: known ? idleOver10m : nil,
            idleOver1h: known ? idleOver1h : nil,
            synSent: synSent, synSentOver3s: synSentOver3s, synSentOldestSeconds: synSentOldestSeconds,
            rttMedianMicroseconds: HealthTally.percentile(sorted, 0.5), rttP99Microseconds: HealthTally.percentile(sorted, 0.99),
            retransmits: known ? totalRetransmits : nil, segmentsOut: known ? segmentsOut : nil,
            unacked: known ? unacked : nil)
    }

    /// The nearest-rank percentile of sorted values; `nil` for none.
    static func percentile(_ sorted: [UInt32], _ fraction: Double) -> UInt32? {
        guard !sorted.isEmpty else { return nil }
        let rank = Int((fraction * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }
}
