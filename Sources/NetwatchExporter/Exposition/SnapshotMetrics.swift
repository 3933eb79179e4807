import NetwatchCore

/// Turns a ``Snapshot`` into the exporter's metric families: the only place metric names, help
/// texts and labels are decided. It collects nothing itself.
///
/// One function per area, each a pure function of the snapshot; a new area is one more function
/// appended in ``families``.
/// Cardinality is bounded by `top`: at most `top` destinations, processes and listeners, chosen
/// by how close they are to their limit; the rest are left out (their count is exported).
public enum SnapshotMetrics {
    public static func families(_ snapshot: Snapshot, top: Int) -> [MetricFamily] {
        states(snapshot) + ports(snapshot, top: top) + fileDescriptors(snapshot, top: top)
            + listeners(snapshot, top: top) + kernelCounters(snapshot) + connectors(snapshot, top: top)
            + conntrack(snapshot) + health(snapshot, top: top) + collector(snapshot)
    }

    /// Sockets per TCP state from the walk, every state always present (zeros included) so a
    /// state's series does not vanish between scrapes.
    static func states(_ snapshot: Snapshot) -> [MetricFamily] {
        var families: [MetricFamily] = []
        if let states = snapshot.states {
            families.append(MetricFamily("netwatch_tcp_sockets", .gauge, help: "TCP sockets (IPv4 and IPv6) in each state.",
                                         samples: TCPState.allCases.map { state in
                                             MetricSample([.init("state", state.name.lowercased())], MetricValue(states.byState[state]))
                                         }))
        }
        if let orphan = snapshot.sockstat?.orphan {
            families.append(MetricFamily("netwatch_tcp_orphan_sockets", .gauge,
                                         help: "TCP sockets no process holds any more (sockstat orphan).",
                                         samples: [MetricSample(MetricValue(orphan))]))
        }
        if let buckets = snapshot.sysctl.tcpMaxTwBuckets {
            families.append(MetricFamily("netwatch_tcp_max_tw_buckets", .gauge,
                                         help: "net.ipv4.tcp_max_tw_buckets: TIME_WAIT entries beyond it are destroyed at once.",
                                         samples: [MetricSample(.integer(buckets))]))
        }
        return families
    }

    /// Ephemeral ports per destination (local address, remote address and port), worst first.
    static func ports(_ snapshot: Snapshot, top: Int) -> [MetricFamily] {
        let destinations = snapshot.ports.destinations.sorted { $0.ratio > $1.ratio }.prefix(top)
        func labels(_ d: Snapshot.Destination) -> [MetricSample.Label] {
            [.init("destination", DrillTarget.destination(address: d.remoteAddress, port: d.remotePort).description),
             .init("local_address", d.localAddress.description)]
        }
        func family(_ name: String, _ help: String, unit: String? = nil, _ value: (Snapshot.Destination) -> MetricValue) -> MetricFamily {
            MetricFamily(name, .gauge, help: help, unit: unit, samples: destinations.map { MetricSample(labels($0), value($0)) })
        }
        var families = [
            family("netwatch_ephemeral_ports_used",
                   "Sockets holding a local port toward the destination (TIME_WAIT included).") { MetricValue($0.used) },
            family("netwatch_ephemeral_ports_usable",
                   "Local ports usable toward the destination: ip_local_port_range - reserved - listening.") { MetricValue($0.usable) },
            family("netwatch_ephemeral_ports_used_ratio", "used / usable toward the destination.", unit: "ratio") { .real($0.ratio) },
            family("netwatch_ephemeral_ports_time_wait",
                   "TIME_WAIT sockets among the used ports toward the destination.") { MetricValue($0.timeWait) },
        ]
        families.append(MetricFamily("netwatch_ephemeral_destinations", .gauge,
                                     help: "Destinations holding ephemeral ports, before the top-N cut.",
                                     samples: [MetricSample(MetricValue(snapshot.ports.destinationCount))]))
        return families
    }

    /// Open descriptors per process against its soft limit (most used first), and the system's.
    static func fileDescriptors(_ snapshot: Snapshot, top: Int) -> [MetricFamily] {
        let processes = snapshot.fds.processes.sorted { ($0.ratio ?? 0, $0.open) > ($1.ratio ?? 0, $1.open) }.prefix(top)
        func labels(_ p: ProcessFDUsage) -> [MetricSample.Label] {
            [.init("pid", String(p.process.pid)), .init("command", p.process.command)]
        }
        var families = [
            MetricFamily("netwatch_process_open_fds", .gauge, help: "Open file descriptors of the process.",
                         samples: processes.map { MetricSample(labels($0), MetricValue($0.open)) }),
            MetricFamily("netwatch_process_max_fds", .gauge,
                         help: "The process's soft RLIMIT_NOFILE (absent when unlimited).",
                         samples: processes.compactMap { p in p.limit.soft.map { MetricSample(labels(p), .integer($0)) } }),
        ]
        if let allocated = snapshot.fds.systemAllocated {
            families.append(MetricFamily("netwatch_system_open_fds", .gauge, help: "File handles allocated system-wide (file-nr).",
                                         samples: [MetricSample(.integer(allocated))]))
        }
        if let max = snapshot.fds.systemMax {
            families.append(MetricFamily("netwatch_system_max_fds", .gauge, help: "fs.file-max.", samples: [MetricSample(.integer(max))]))
        }
        return families
    }

    /// Accept queues of listening sockets, fullest first (queue / backlog, then queue). Listeners
    /// sharing an address and port (SO_REUSEPORT) are one series: their queues and backlogs summed.
    static func listeners(_ snapshot: Snapshot, top: Int) -> [MetricFamily] {
        var series: [(name: String, queue: Int, backlog: Int?)] = []
        var index: [String: Int] = [:]
        for listener in snapshot.listeners {
            let r = listener.record
            let name = DrillTarget.destination(address: r.address, port: r.port).description
            if let i = index[name] {
                series[i].queue += r.acceptQueue
                series[i].backlog = if let a = series[i].backlog, let b = r.backlog { a + b } else { nil }
            } else {
                index[name] = series.count
                series.append((name, r.acceptQueue, r.backlog))
            }
        }
        func fill(_ s: (name: String, queue: Int, backlog: Int?)) -> Double {
            guard let backlog = s.backlog, backlog > 0 else { return 0 }
            return Double(s.queue) / Double(backlog)
        }
        let chosen = series.enumerated()
            .sorted { (fill($0.element), $0.element.queue, $1.offset) > (fill($1.element), $1.element.queue, $0.offset) }
            .prefix(top).map(\.element)
        return [
            MetricFamily("netwatch_listen_queue", .gauge, help: "Connections waiting in the listener's accept queue.",
                         samples: chosen.map { MetricSample([.init("listener", $0.name)], MetricValue($0.queue)) }),
            MetricFamily("netwatch_listen_backlog", .gauge,
                         help: "The listener's accept queue limit: min(listen() backlog, somaxconn); absent from /proc.",
                         samples: chosen.compactMap { s in s.backlog.map { MetricSample([.init("listener", s.name)], MetricValue($0)) } }),
        ]
    }

    /// The kernel's TCP counters (snmp `Tcp:` and netstat `TcpExt:`) as `_total` counters.
    static func kernelCounters(_ snapshot: Snapshot) -> [MetricFamily] {
        RateCounter.allCases.compactMap { counter -> MetricFamily? in
            guard let value = snapshot.counters[counter] ?? nil else { return nil }
            let (table, kernelName) = counter.source
            return MetricFamily(counterName(counter), .counter,
                                help: "\(table == .tcp ? "Tcp" : "TcpExt") \(kernelName) from /proc/net/\(table == .tcp ? "snmp" : "netstat").",
                                samples: [MetricSample(.integer(value))])
        }
    }

    /// `netwatch_tcp_listen_overflows` and so on; the TIME_WAIT counters spelt out.
    static func counterName(_ counter: RateCounter) -> String {
        switch counter {
        case .timeWaitEntered: "netwatch_tcp_time_wait_entered"
        case .timeWaitKilled: "netwatch_tcp_time_wait_killed"
        case .timeWaitRecycled: "netwatch_tcp_time_wait_recycled"
        default: "netwatch_tcp_" + counter.rawValue
        }
    }

    /// Connects and their failures per process and destination, and accepts per process, as the
    /// eBPF tracer counts them since it was loaded (the busiest `top` of each). An estimate from
    /// live sockets has no counts: nothing is exported then rather than made-up zeros.
    static func connectors(_ snapshot: Snapshot, top: Int) -> [MetricFamily] {
        guard let connectors = snapshot.connectors, connectors.source == .ebpf else { return [] }
        let connections = connectors.connections.compactMap { row in row.totals.map { (row, $0) } }
            .sorted { $0.1.connects > $1.1.connects }.prefix(top)
        func labels(_ row: ConnectorRow) -> [MetricSample.Label] {
            [.init("pid", String(row.process.pid)), .init("command", row.process.command),
             .init("destination", DrillTarget.destination(address: row.address, port: row.port).description)]
        }
        let causes: [(String, KeyPath<ConnectFailures, Int64>)] = [
            ("eaddrnotavail", \.addressNotAvailable), ("econnrefused", \.refused), ("etimedout", \.timedOut),
            ("reset", \.reset), ("other", \.other),
        ]
        let accepts = connectors.accepts.compactMap { row in row.totals.map { (row, $0) } }
            .sorted { $0.1.accepts > $1.1.accepts }.prefix(top)
        func acceptLabels(_ row: AcceptorRow) -> [MetricSample.Label] {
            [.init("pid", String(row.process.pid)), .init("command", row.process.command)]
        }
        let acceptCauses: [(String, KeyPath<AcceptFailures, Int64>)] = [
            ("emfile", \.processLimit), ("enfile", \.systemLimit), ("other", \.other),
        ]
        return [
            MetricFamily("netwatch_process_connects", .counter,
                         help: "connect() calls toward the destination that reached TCP (failed ones included), counted by eBPF.",
                         samples: connections.map { MetricSample(labels($0.0), .integer($0.1.connects)) }),
            MetricFamily("netwatch_process_connect_failures", .counter,
                         help: "Failed connects toward the destination by cause (eaddrnotavail: no local port was free).",
                         samples: connections.flatMap { row, totals in
                             causes.map { MetricSample(labels(row) + [.init("cause", $0.0)], .integer(totals.failures[keyPath: $0.1])) }
                         }),
            MetricFamily("netwatch_process_accepts", .counter, help: "Connections the process accepted, counted by eBPF.",
                         samples: accepts.map { MetricSample(acceptLabels($0.0), .integer($0.1.accepts)) }),
            MetricFamily("netwatch_process_accept_failures", .counter,
                         help: "Failed accept() calls by cause (emfile: the process's fd limit; enfile: fs.file-max).",
                         samples: accepts.flatMap { row, totals in
                             acceptCauses.map { MetricSample(acceptLabels(row) + [.init("cause", $0.0)], .integer(totals.failures[keyPath: $0.1])) }
                         }),
        ]
    }

    /// The connection-tracking table of the collected namespace against the host's limit, and
    /// the per-CPU event counters summed; nothing when conntrack is not in use.
    static func conntrack(_ snapshot: Snapshot) -> [MetricFamily] {
        guard let conntrack = snapshot.conntrack else { return [] }
        var families = [MetricFamily("netwatch_conntrack_entries", .gauge, help: "Entries in the conntrack table (nf_conntrack_count).",
                                     samples: [MetricSample(.integer(conntrack.count))])]
        if let max = conntrack.max {
            families.append(MetricFamily("netwatch_conntrack_max", .gauge, help: "net.netfilter.nf_conntrack_max, global to the host.",
                                         samples: [MetricSample(.integer(max))]))
        }
        if let buckets = conntrack.buckets {
            families.append(MetricFamily("netwatch_conntrack_buckets", .gauge, help: "net.netfilter.nf_conntrack_buckets (hash size).",
                                         samples: [MetricSample(.integer(buckets))]))
        }
        for name in ConntrackStatistics.rated {
            guard let value = conntrack.statistics?[name] else { continue }
            families.append(MetricFamily("netwatch_conntrack_\(name)", .counter,
                                         help: "\(name) from /proc/net/stat/nf_conntrack, summed over CPUs.",
                                         samples: [MetricSample(.integer(value))]))
        }
        return families
    }

    /// What the collection cost, so a slow exporter shows in Prometheus.
    static func collector(_ snapshot: Snapshot) -> [MetricFamily] {
        [MetricFamily("netwatch_collector_duration_seconds", .gauge, help: "Time the collection behind this scrape took.",
                      unit: "seconds", samples: [MetricSample(.real(snapshot.collector.timings.totalMs / 1000))])]
    }
}
