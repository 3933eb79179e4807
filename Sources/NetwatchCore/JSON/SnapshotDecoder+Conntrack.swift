/// Reading `conntrack` back; a document without it (older recordings) decodes as not in use.
extension SnapshotDecoder {
    static func conntrack(_ field: JSONField) throws(SnapshotDecodeError) -> Snapshot.Conntrack? {
        guard !field.isNull else { return nil }
        var c = Snapshot.Conntrack(count: try field.member("count").int(), max: try field.member("max").optionalInt(),
                                   buckets: try field.member("buckets").optionalInt(),
                                   growthPerSecond: try field.member("growth_per_s").optionalDouble())
        let stats = try field.member("stats").object()
        if !stats.isNull {
            var totals = [String: Int64]()
            for name in ConntrackStatistics.rated { totals[name] = try stats.member(name).optionalInt() }
            c.statistics = totals
            let rates = try field.member("stats_per_s").object()
            for name in ConntrackStatistics.rated { c.ratesPerSecond[name] = .some(try rates.member(name).optionalDouble()) }
        }
        let timeouts = try field.member("tcp_timeouts").object()
        if case let .object(members) = timeouts.value {
            for (name, _) in members { c.tcpTimeouts[name] = try timeouts.member(name).int() }
        }
        let byState = try field.member("by_state").object()
        if case let .object(members) = byState.value {
            var counts = [ConntrackTCPState: Int]()
            for (name, _) in members {
                guard let state = ConntrackTCPState(name: name) else { throw byState.member(name).error("unknown conntrack TCP state") }
                counts[state] = try byState.member(name).int(Int.self)
            }
            c.byState = counts
        }
        c.dumped = try field.member("dumped").optionalInt(Int.self)
        c.destinations = try field.member("destinations").optionalItems().map { (items) throws(SnapshotDecodeError) in
            var out = [Snapshot.ConntrackDestination]()
            for item in items { out.append(try conntrackDestination(item)) }
            return out
        }
        c.destinationCount = try field.member("destination_count").optionalInt(Int.self)
        return c
    }

    static func conntrackDestination(_ field: JSONField) throws(SnapshotDecodeError) -> Snapshot.ConntrackDestination {
        Snapshot.ConntrackDestination(
            ipProtocol: try field.member("protocol").int(UInt8.self), address: try field.member("address").address(),
            port: try port(field.member("port")), entries: try field.member("entries").int(Int.self),
            timeWait: try field.member("time_wait").int(Int.self),
            sourceNAT: try field.member("snat").list { (f) throws(SnapshotDecodeError) in
                Snapshot.NATSource(address: try f.member("address").address(), entries: try f.member("entries").int(Int.self))
            })
    }
}
