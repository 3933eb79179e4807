/// The `health` object: `null` when the walk tallied no connection health.
extension SnapshotEncoder {
    static func health(_ h: ConnectionHealth?) -> JSONValue {
        guard let h else { return .null }
        return .object([
            ("tcp_info", .bool(h.tcpInfo)),
            ("destination_count", .int(Int64(h.destinationCount))),
            ("destinations", .array(h.destinations.map { d in
                .object([("address", .string(d.address.description)), ("port", .int(Int64(d.port)))]
                    + healthFigures(d.figures)
                    + [("rtt_p99_earlier_us", JSONValue(d.earlierRTT.map { Int64($0.p99Microseconds) })),
                       ("rtt_p99_earlier_s_ago", JSONValue(d.earlierRTT?.secondsAgo))])
            })),
            ("processes", .array(h.processes.map { p in
                .object([("pid", .int(Int64(p.process.pid))), ("command", .string(p.process.command)),
                         ("busiest_destination", p.busiestDestination.map {
                             .object([("address", .string($0.address.description)), ("port", .int(Int64($0.port)))])
                         } ?? .null)]
                    + healthFigures(p.figures))
            })),
        ])
    }

    static func healthFigures(_ f: HealthFigures) -> [(String, JSONValue)] {
        [
            ("established", .int(Int64(f.established))),
            ("keep_alive", .int(Int64(f.keepAlive))),
            ("idle_over_1m", JSONValue(f.idleOver1m.map(Int64.init))),
            ("idle_over_10m", JSONValue(f.idleOver10m.map(Int64.init))),
            ("idle_over_1h", JSONValue(f.idleOver1h.map(Int64.init))),
            ("syn_sent", .int(Int64(f.synSent))),
            ("syn_sent_over_3s", .int(Int64(f.synSentOver3s))),
            ("syn_sent_oldest_s", JSONValue(f.synSentOldestSeconds)),
            ("rtt_median_us", JSONValue(f.rttMedianMicroseconds.map(Int64.init))),
            ("rtt_p99_us", JSONValue(f.rttP99Microseconds.map(Int64.init))),
            ("retransmits", JSONValue(f.retransmits)),
            ("segments_out", JSONValue(f.segmentsOut)),
            ("unacked", JSONValue(f.unacked)),
        ]
    }
}
