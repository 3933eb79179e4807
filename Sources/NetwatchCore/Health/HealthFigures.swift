/// Connection health of a destination's or a process's client sockets, as the snapshot shows it.
/// Figures from `tcp_info` are `nil` when no socket's was read (the /proc source has none).
public struct HealthFigures: Equatable, Sendable {
    /// ESTABLISHED client sockets: the pool.
    public var established: Int
    /// Of those, with the keep-alive timer armed.
    public var keepAlive: Int
    /// Of those, with no data either way for longer than 1 min, 10 min, 1 h.
    public var idleOver1m: Int?
    public var idleOver10m: Int?
    public var idleOver1h: Int?
    public var synSent: Int
    /// SYN_SENT sockets waiting longer than ``HealthTally/stuckSynSentSeconds``.
    public var synSentOver3s: Int
    public var synSentOldestSeconds: Double?
    /// Smoothed RTT over the ESTABLISHED sockets, microseconds.
    public var rttMedianMicroseconds: UInt32?
    public var rttP99Microseconds: UInt32?
    /// Segments retransmitted, and sent, over the live sockets' lives (`tcpi_total_retrans`, `tcpi_segs_out`).
    public var retransmits: Int64?
    public var segmentsOut: Int64?
    /// Segments sent and not yet acknowledged, now.
    public var unacked: Int64?

    public init(established: Int = 0, keepAlive: Int = 0, idleOver1m: Int? = nil, idleOver10m: Int? = nil,
                idleOver1h: Int? = nil, synSent: Int = 0, synSentOver3s: Int = 0, synSentOldestSeconds: Double? = nil,
                rttMedianMicroseconds: UInt32? = nil, rttP99Microseconds: UInt32? = nil, retransmits: Int64? = nil,
                segmentsOut: Int64? = nil, unacked: Int64? = nil) {
        self.established = established
        self.keepAlive = keepAlive
        self.idleOver1m = idleOver1m
        self.idleOver10m = idleOver10m
        self.idleOver1h = idleOver1h
        self.synSent = synSent
        self.synSentOver3s = synSentOver3s
        self.synSentOldestSeconds = synSentOldestSeconds
        self.rttMedianMicroseconds = rttMedianMicroseconds
        self.rttP99Microseconds = rttP99Microseconds
        self.retransmits = retransmits
        self.segmentsOut = segmentsOut
        self.unacked = unacked
    }

    /// Retransmitted over sent segments (0…1); `nil` when nothing was sent or it is unknown.
    public var retransmitShare: Double? {
        guard let retransmits, let segmentsOut, segmentsOut > 0 else { return nil }
        return Double(retransmits) / Double(segmentsOut)
    }
}
