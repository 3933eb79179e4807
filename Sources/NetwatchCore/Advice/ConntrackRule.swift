/// The connection-tracking table, which on NAT and stateful-filtering hosts fills before the socket
/// table does (docs/KERNEL.md §9): near `nf_conntrack_max` or already dropping; `insert_failed`
/// rising (under SNAT: translated-port collisions); one destination's closed flows filling it as
/// conntrack TIME_WAIT.
enum ConntrackRule {
    static let fullID = "conntrack_table_full"
    static let insertFailedID = "conntrack_insert_failed"
    static let timeWaitID = "conntrack_time_wait_destination"
    static let reference = "Documentation/networking/nf_conntrack-sysctl.rst (nf_conntrack_max, nf_conntrack_buckets, "
        + "nf_conntrack_tcp_timeout_*); /proc/net/stat/nf_conntrack in net/netfilter/nf_conntrack_standalone.c"

    /// Fill of `nf_conntrack_max` that warns, and that is critical (new flows are then dropped
    /// unless an entry can be evicted early).
    static let warningRatio = 0.8
    static let criticalRatio = 0.95
    /// One destination holds at least this share of the dumped entries, mostly in TIME_WAIT …
    static let destinationShare = 0.5
    static let timeWaitShare = 0.8
    /// … and at least this many, so a quiet host's few flows never make a finding.
    static let minimumTimeWait = 1000

    static func findings(_ context: AdviceContext) -> [Finding] {
        guard let conntrack = context.snapshot.conntrack else { return [] }
        return [full(conntrack), insertFailed(conntrack), timeWait(conntrack)].compactMap { $0 }
    }

    static func rate(_ conntrack: Snapshot.Conntrack, _ name: String) -> Double? { conntrack.ratesPerSecond[name] ?? nil }

    static func full(_ c: Snapshot.Conntrack) -> Finding? {
        let dropping = (rate(c, "drop") ?? 0) > 0 || (rate(c, "early_drop") ?? 0) > 0
        let byRatio = FindingSeverity.of(c.ratio, warning: warningRatio, critical: criticalRatio)
        guard let severity = dropping ? .critical : byRatio, let max = c.max else { return nil }

        var title = "conntrack table at \(c.ratio.map(AdviceText.percent) ?? "?") of nf_conntrack_max (\(c.count) of \(max))"
        if dropping { title += ": new flows are being dropped" }
        var evidence = [Evidence("conntrack_count", c.count), Evidence("nf_conntrack_max", max)]
        if let ratio = c.ratio { evidence.append(Evidence("ratio", ratio)) }
        if let buckets = c.buckets { evidence.append(Evidence("nf_conntrack_buckets", buckets)) }
        for name in ["drop", "early_drop"] { if let r = rate(c, name) { evidence.append(Evidence(name + "_per_s", r)) } }
        if let growth = c.growthPerSecond { evidence.append(Evidence("growth_per_s", growth)) }
        let timeWaitEntries = c.byState?[.timeWait]
        if let timeWaitEntries { evidence.append(Evidence("time_wait_entries", timeWaitEntries)) }
        let timeWaitTimeout = c.tcpTimeouts["nf_conntrack_tcp_timeout_time_wait"]
        if let timeWaitTimeout { evidence.append(Evidence("nf_conntrack_tcp_timeout_time_wait", timeWaitTimeout)) }

        var suggestion = [
            "nf_conntrack_max is one limit for every network namespace on the host together, and only the initial "
                + "namespace can change it (a container cannot): "
                + AdviceText.sysctl("net.netfilter.nf_conntrack_max", String(max * 2))
                + "; each entry is a few hundred bytes of kernel memory (the nf_conntrack line of /proc/slabinfo).",
        ]
        if let buckets = c.buckets, buckets > 0 {
            suggestion.append("Lookups walk one hash chain: now \(AdviceText.number(Double(c.count) / Double(buckets))) "
                + "entries per bucket (\(c.count) over nf_conntrack_buckets \(buckets)). When raising the limit, raise the "
                + "hash size with it, also only in the initial namespace: "
                + AdviceText.sysctl("net.netfilter.nf_conntrack_buckets", String(Swift.max(buckets, max * 2)))
                + " (the nf_conntrack module's hashsize parameter at load time).")
        }
        if let timeWaitEntries, let timeWaitTimeout, timeWaitEntries > 0 {
            suggestion.append("\(timeWaitEntries) entries are closed TCP flows kept as conntrack TIME_WAIT for "
                + "nf_conntrack_tcp_timeout_time_wait (\(timeWaitTimeout) s); shortening it frees them sooner and is "
                + "set per namespace: " + AdviceText.sysctl("net.netfilter.nf_conntrack_tcp_timeout_time_wait", "30")
                + ". Fewer closed connections (keep-alive, pooling) helps more.")
        }
        if let established = c.byState?[.established], let timeout = c.tcpTimeouts["nf_conntrack_tcp_timeout_established"],
           established > 0 {
            suggestion.append("\(established) ESTABLISHED entries stay until nf_conntrack_tcp_timeout_established "
                + "(\(timeout) s) of silence; flows that vanish without FIN or RST (crashed peers) hold them that long.")
        }
        return Finding(id: fullID, severity: severity, title: title, evidence: evidence, suggestion: suggestion, reference: reference)
    }

    static func insertFailed(_ c: Snapshot.Conntrack) -> Finding? {
        guard let failures = rate(c, "insert_failed"), failures > 0 else { return nil }
        let natted = c.destinations?.filter { !$0.sourceNAT.isEmpty } ?? []
        let busiest = natted.max { a, b in a.entries != b.entries ? a.entries < b.entries : a.address.description > b.address.description }
        var evidence = [Evidence("insert_failed_per_s", failures)]
        if let total = c.statistics?["insert_failed"] { evidence.append(Evidence("insert_failed", total)) }
        var suggestion = [String]()
        var title = "conntrack insert_failed rising: \(AdviceText.perSecond(failures))"
        var target: DrillTarget?
        if let busiest {
            let endpoint = AdviceText.endpoint(busiest.address, busiest.port)
            let translated = busiest.sourceNAT.reduce(0) { $0 + $1.entries }
            title += " under SNAT toward \(endpoint)"
            target = .destination(address: busiest.address, port: busiest.port)
            evidence += [Evidence("destination", endpoint), Evidence("snat_entries", translated),
                         Evidence("snat_addresses", busiest.sourceNAT.count)]
            if let top = busiest.sourceNAT.first { evidence.append(Evidence("busiest_snat_address", top.address.description)) }
            suggestion += [
                "Each SNAT address has one 16-bit source-port space per destination address and port; two flows "
                    + "translated to the same tuple at once clash and the second is dropped (insert_failed). "
                    + "\(translated) translated entries toward \(endpoint) share \(busiest.sourceNAT.count) address(es).",
                "Add SNAT addresses (a range: `snat to 192.0.2.10-192.0.2.13`) or pick ports fully at random: iptables "
                    + "`-j MASQUERADE --random-fully` / `-j SNAT --random-fully`, nft `masquerade fully-random`.",
                "Reusing connections (keep-alive, pooling) toward \(endpoint) needs fewer translated ports.",
            ]
        } else if c.destinations == nil {
            suggestion.append("No ctnetlink dump to tell whether SNAT applies (it needs CAP_NET_ADMIN). Under SNAT "
                + "insert_failed means translated source ports colliding toward one destination: more SNAT addresses or "
                + "`--random-fully`.")
        } else {
            suggestion.append("The last dump shows no source-NAT entries: not SNAT port collisions. insert_failed also "
                + "counts races where two packets of one new flow are handled at once on different CPUs (parallel UDP "
                + "queries with the same tuple, such as DNS A and AAAA).")
        }
        return Finding(id: insertFailedID, severity: busiest == nil ? .info : .warning, title: title, evidence: evidence,
                       suggestion: suggestion, reference: reference, target: target)
    }

    static func timeWait(_ c: Snapshot.Conntrack) -> Finding? {
        guard let dumped = c.dumped, dumped > 0,
              let top = c.destinations?.first(where: {
                  $0.timeWait >= minimumTimeWait && Double($0.entries) >= destinationShare * Double(dumped)
                      && Double($0.timeWait) >= timeWaitShare * Double($0.entries)
              }) else { return nil }
        let endpoint = AdviceText.endpoint(top.address, top.port)
        let timeout = c.tcpTimeouts["nf_conntrack_tcp_timeout_time_wait"]
        var evidence = [Evidence("destination", endpoint), Evidence("entries", top.entries), Evidence("time_wait", top.timeWait),
                        Evidence("dumped_entries", dumped)]
        if let timeout { evidence.append(Evidence("nf_conntrack_tcp_timeout_time_wait", timeout)) }
        let lasting = timeout.map { "for \($0) s each" } ?? "for nf_conntrack_tcp_timeout_time_wait"
        return Finding(
            id: timeWaitID, severity: (c.ratio ?? 0) >= warningRatio ? .warning : .info,
            title: "\(AdviceText.percent(Double(top.entries) / Double(dumped))) of conntrack entries are toward \(endpoint), "
                + "\(top.timeWait) of them TIME_WAIT",
            evidence: evidence,
            suggestion: [
                "Every connection to \(endpoint) that closes stays in the conntrack table as TIME_WAIT \(lasting): "
                    + "the table holds the last \(timeout.map { "\($0) s" } ?? "minutes") of churn. Keep-alive or "
                    + "connection pooling toward \(endpoint) removes it at the source.",
            ],
            reference: reference, target: .destination(address: top.address, port: top.port))
    }
}
