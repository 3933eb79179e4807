/// The `conntrack` object: `null` when conntrack is not in use; `by_state`, `dumped` and
/// `destinations` are `null` when no ctnetlink dump was taken.
extension SnapshotEncoder {
    static func conntrack(_ c: Snapshot.Conntrack?) -> JSONValue {
        guard let c else { return .null }
        return .object([
            ("count", .int(c.count)),
            ("max", JSONValue(c.max)),
            ("buckets", JSONValue(c.buckets)),
            ("ratio", JSONValue(c.ratio)),
            ("growth_per_s", JSONValue(c.growthPerSecond)),
            ("stats", c.statistics.map { stats in
                .object(ConntrackStatistics.rated.map { ($0, JSONValue(stats[$0])) })
            } ?? .null),
            ("stats_per_s", c.statistics == nil ? .null
                : .object(ConntrackStatistics.rated.map { ($0, JSONValue(c.ratesPerSecond[$0] ?? nil)) })),
            ("tcp_timeouts", .object(c.tcpTimeouts.sorted { $0.key < $1.key }.map { ($0.key, .int($0.value)) })),
            ("by_state", c.byState.map { byState in
                .object(ConntrackTCPState.allCases.compactMap { state in byState[state].map { (state.name, .int(Int64($0))) } })
            } ?? .null),
            ("dumped", JSONValue(c.dumped.map(Int64.init))),
            ("destinations", c.destinations.map { .array($0.map(conntrackDestination)) } ?? .null),
            ("destination_count", JSONValue(c.destinationCount.map(Int64.init))),
        ])
    }

    static func conntrackDestination(_ d: Snapshot.ConntrackDestination) -> JSONValue {
        .object([
            ("protocol", .int(Int64(d.ipProtocol))),
            ("address", .string(d.address.description)),
            ("port", .int(Int64(d.port))),
            ("entries", .int(Int64(d.entries))),
            ("time_wait", .int(Int64(d.timeWait))),
            ("snat", .array(d.sourceNAT.map { .object([("address", .string($0.address.description)), ("entries", .int(Int64($0.entries)))]) })),
        ])
    }
}
