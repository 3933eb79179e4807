/// Reading `health` back; a document without it (recordings from before it) decodes as not tallied.
extension SnapshotDecoder {
    static func health(_ field: JSONField) throws(SnapshotDecodeError) -> ConnectionHealth? {
        guard !field.isNull else { return nil }
        return ConnectionHealth(
            destinations: try field.member("destinations").list { (d) throws(SnapshotDecodeError) in
                let earlier = try d.member("rtt_p99_earlier_us").optionalCount(UInt32.self)
                let ago = try d.member("rtt_p99_earlier_s_ago").optionalDouble(in: 0...Double.greatestFiniteMagnitude)
                return ConnectionHealth.Destination(
                    address: try d.member("address").address(), port: try port(d.member("port")),
                    figures: try healthFigures(d),
                    earlierRTT: earlier.flatMap { value in ago.map { .init(secondsAgo: $0, p99Microseconds: value) } })
            },
            destinationCount: try field.member("destination_count").count(Int.self),
            processes: try field.member("processes").list { (p) throws(SnapshotDecodeError) in
                let busiest = try p.member("busiest_destination").object()
                return ConnectionHealth.Process(
                    process: try identity(p), figures: try healthFigures(p),
                    busiestDestination: busiest.isNull ? nil
                        : RemoteEndpoint(address: try busiest.member("address").address(), port: try port(busiest.member("port"))))
            },
            tcpInfo: try field.member("tcp_info").bool())
    }

    static func healthFigures(_ f: JSONField) throws(SnapshotDecodeError) -> HealthFigures {
        HealthFigures(
            established: try f.member("established").count(Int.self), keepAlive: try f.member("keep_alive").count(Int.self),
            idleOver1m: try f.member("idle_over_1m").optionalCount(Int.self),
            idleOver10m: try f.member("idle_over_10m").optionalCount(Int.self),
            idleOver1h: try f.member("idle_over_1h").optionalCount(Int.self),
            synSent: try f.member("syn_sent").count(Int.self), synSentOver3s: try f.member("syn_sent_over_3s").count(Int.self),
            synSentOldestSeconds: try f.member("syn_sent_oldest_s").optionalDouble(in: 0...Double.greatestFiniteMagnitude),
            rttMedianMicroseconds: try f.member("rtt_median_us").optionalCount(UInt32.self),
            rttP99Microseconds: try f.member("rtt_p99_us").optionalCount(UInt32.self),
            retransmits: try f.member("retransmits").optionalCount(Int64.self),
            segmentsOut: try f.member("segments_out").optionalCount(Int64.self),
            unacked: try f.member("unacked").optionalCount(Int64.self))
    }
}
