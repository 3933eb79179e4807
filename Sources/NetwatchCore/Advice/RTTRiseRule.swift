/// The smoothed RTT toward one destination well above the same destination's figure minutes
/// before: the peer or the path got slower (queues filling, a congested link), whatever this
/// host's CPU shows.
enum RTTRiseRule {
    static let id = "rtt_rising"
    static let reference = "tcp(7) TCP_INFO tcpi_rtt; ss(8) -ti"
    /// The p99 must be at least this many times the earlier one…
    static let factor = 4.0
    /// …and higher by at least this many microseconds (loopback's 10 µs tripling is not a finding).
    static let minimumRiseMicroseconds: UInt32 = 10_000

    static func findings(_ context: AdviceContext) -> [Finding] {
        guard let health = context.snapshot.health else { return [] }
        return health.destinations.compactMap { destination in
            guard let now = destination.figures.rttP99Microseconds, let earlier = destination.earlierRTT,
                  now >= earlier.p99Microseconds + minimumRiseMicroseconds,
                  Double(now) >= factor * Double(earlier.p99Microseconds) else { return nil }
            return finding(destination, now: now, earlier: earlier)
        }
    }

    static func finding(_ destination: ConnectionHealth.Destination, now: UInt32, earlier: ConnectionHealth.EarlierRTT) -> Finding {
        let endpoint = AdviceText.endpoint(destination.address, destination.port)
        let evidence = [
            Evidence("destination", endpoint), Evidence("rtt_p99_us", now), Evidence("rtt_p99_earlier_us", earlier.p99Microseconds),
            Evidence("earlier_s_ago", earlier.secondsAgo.rounded()),
            Evidence("rtt_median_us", .integer(Int64(destination.figures.rttMedianMicroseconds ?? 0))),
            Evidence("established", destination.figures.established),
        ]
        let suggestion = [
            "Look at \(endpoint) itself (its load, its own queues) and at the path to it: the time a segment takes to be "
                + "acknowledged grew, so every request toward it waits longer.",
            "Compare with other destinations: if only this one rose the cause is at or near it, not on this host.",
        ]
        return Finding(id: id, severity: .warning,
                       title: "RTT toward \(endpoint) rose from \(RTTText.milliseconds(earlier.p99Microseconds)) to "
                           + "\(RTTText.milliseconds(now)) (p99)",
                       evidence: evidence, suggestion: suggestion, reference: reference,
                       target: .destination(address: destination.address, port: destination.port))
    }
}
