import NetwatchCore

/// Connection health per destination (the largest pools first, cut at `top`) and per process:
/// pools, idle and keep-alive counts, stuck connects, RTT and retransmissions. Figures `tcp_info`
/// did not give (the /proc source) leave their samples out.
extension SnapshotMetrics {
    static func health(_ snapshot: Snapshot, top: Int) -> [MetricFamily] {
        guard let health = snapshot.health else { return [] }
        let destinations = health.destinations.prefix(top)
        let processes = health.processes.prefix(top)
        func labels(_ d: ConnectionHealth.Destination) -> [MetricSample.Label] {
            [.init("destination", DrillTarget.destination(address: d.address, port: d.port).description)]
        }
        func labels(_ p: ConnectionHealth.Process) -> [MetricSample.Label] {
            [.init("pid", String(p.process.pid)), .init("command", p.process.command)]
        }
        func perDestination(_ name: String, _ help: String, unit: String? = nil,
                            _ value: (HealthFigures) -> MetricValue?) -> MetricFamily {
            MetricFamily(name, .gauge, help: help, unit: unit,
                         samples: destinations.compactMap { d in value(d.figures).map { MetricSample(labels(d), $0) } })
        }
        func perProcess(_ name: String, _ help: String, _ value: (HealthFigures) -> MetricValue?) -> MetricFamily {
            MetricFamily(name, .gauge, help: help,
                         samples: processes.compactMap { p in value(p.figures).map { MetricSample(labels(p), $0) } })
        }
        func idle(_ figures: HealthFigures) -> [(String, Int?)] {
            [("1m", figures.idleOver1m), ("10m", figures.idleOver10m), ("1h", figures.idleOver1h)]
        }
        let seconds = { (microseconds: UInt32?) in microseconds.map { MetricValue.real(Double($0) / 1e6) } }
        return [
            perDestination("netwatch_health_established_connections",
                           "ESTABLISHED client connections toward the destination (the pool).") { MetricValue($0.established) },
            MetricFamily("netwatch_health_idle_connections", .gauge,
                         help: "Of the pool, connections with no data either way for longer than `over`.",
                         samples: destinations.flatMap { d in
                             idle(d.figures).compactMap { over, count in
                                 count.map { MetricSample(labels(d) + [.init("over", over)], MetricValue($0)) }
                             }
                         }),
            perDestination("netwatch_health_keepalive_connections",
                           "Of the pool, connections with the keep-alive timer armed (SO_KEEPALIVE).") { MetricValue($0.keepAlive) },
            perDestination("netwatch_health_syn_sent_connections", "Connects toward the destination waiting in SYN_SENT.") {
                MetricValue($0.synSent)
            },
            perDestination("netwatch_health_syn_sent_stuck_connections",
                           "Connects toward the destination waiting in SYN_SENT for more than 3 s.") { MetricValue($0.synSentOver3s) },
            perDestination("netwatch_health_syn_sent_oldest_seconds", "The oldest SYN_SENT connect's wait.", unit: "seconds") {
                $0.synSentOldestSeconds.map(MetricValue.real)
            },
            perDestination("netwatch_health_rtt_median_seconds", "Median smoothed RTT (tcpi_rtt) over the pool.", unit: "seconds") {
                seconds($0.rttMedianMicroseconds)
            },
            perDestination("netwatch_health_rtt_p99_seconds", "99th percentile of the smoothed RTT over the pool.", unit: "seconds") {
                seconds($0.rttP99Microseconds)
            },
            perDestination("netwatch_health_retransmitted_segments",
                           "Segments retransmitted over the live pool's lives (tcpi_total_retrans summed).") {
                $0.retransmits.map(MetricValue.integer)
            },
            perDestination("netwatch_health_sent_segments", "Segments sent over the live pool's lives (tcpi_segs_out summed).") {
                $0.segmentsOut.map(MetricValue.integer)
            },
            perDestination("netwatch_health_unacked_segments", "Segments sent and not yet acknowledged (tcpi_unacked summed).") {
                $0.unacked.map(MetricValue.integer)
            },
            MetricFamily("netwatch_health_destinations", .gauge, help: "Destinations with client connections, before the top-N cut.",
                         samples: [MetricSample(MetricValue(health.destinationCount))]),
            perProcess("netwatch_health_process_established_connections",
                       "ESTABLISHED client connections the process holds (its pools).") { MetricValue($0.established) },
            MetricFamily("netwatch_health_process_idle_connections", .gauge,
                         help: "Of the process's pools, connections with no data either way for longer than `over`.",
                         samples: processes.flatMap { p in
                             idle(p.figures).compactMap { over, count in
                                 count.map { MetricSample(labels(p) + [.init("over", over)], MetricValue($0)) }
                             }
                         }),
            perProcess("netwatch_health_process_keepalive_connections",
                       "Of the process's pools, connections with the keep-alive timer armed.") { MetricValue($0.keepAlive) },
            perProcess("netwatch_health_process_syn_sent_stuck_connections",
                       "The process's connects waiting in SYN_SENT for more than 3 s.") { MetricValue($0.synSentOver3s) },
        ]
    }
}
