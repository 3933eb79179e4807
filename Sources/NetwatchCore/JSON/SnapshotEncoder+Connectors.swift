/// The `connectors` object: who opens and accepts connections (eBPF counts or the estimate).
extension SnapshotEncoder {
    static func connectors(_ connectors: Connectors?) -> JSONValue {
        guard let connectors else { return .null }
        return .object([
            ("source", .string(connectors.source.rawValue)),
            ("unavailable_reason", JSONValue(connectors.unavailableReason)),
            ("note", JSONValue(connectors.note)),
            ("accepts_estimated_reason", JSONValue(connectors.acceptsEstimatedReason)),
            ("connections", .array(connectors.connections.map(connector))),
            ("accepts", .array(connectors.accepts.map(acceptor))),
        ])
    }

    static func connector(_ row: ConnectorRow) -> JSONValue {
        let totals = row.totals
        return .object([
            ("pid", .int(Int64(row.process.pid))),
            ("command", .string(row.process.command)),
            ("address", .string(row.address.description)),
            ("port", .int(Int64(row.port))),
            ("connects", JSONValue(totals?.connects)),
            ("established", JSONValue(totals?.established)),
            ("failures", totals.map { failures($0.failures) } ?? .null),
            ("connects_per_s", JSONValue(row.connectsPerSecond)),
            ("established_per_s", JSONValue(row.establishedPerSecond)),
            ("failures_per_s", row.failuresPerSecond.map(failureRates) ?? .null),
            ("median_lifetime_ms", JSONValue(row.medianLifetimeMs)),
            ("p99_lifetime_ms", JSONValue(row.p99LifetimeMs)),
            ("lifetime_histogram_us", totals.map { .array($0.lifetimes.buckets.map { .int($0) }) } ?? .null),
            ("addr_not_avail_recent", row.recentAddressNotAvailable.map {
                .object([("seconds", .double($0.seconds)), ("count", .int($0.count))])
            } ?? .null),
            ("live", row.live.map { .object([("syn_sent", .int(Int64($0.synSent))), ("established", .int(Int64($0.established)))]) } ?? .null),
        ])
    }

    static func failures(_ f: ConnectFailures) -> JSONValue {
        .object([("addr_not_avail", .int(f.addressNotAvailable)), ("refused", .int(f.refused)),
                 ("timed_out", .int(f.timedOut)), ("reset", .int(f.reset)), ("other", .int(f.other))])
    }

    static func failureRates(_ f: ConnectFailureRates) -> JSONValue {
        .object([("addr_not_avail", .double(f.addressNotAvailable)), ("refused", .double(f.refused)),
                 ("timed_out", .double(f.timedOut)), ("reset", .double(f.reset)), ("other", .double(f.other))])
    }

    static func acceptor(_ row: AcceptorRow) -> JSONValue {
        .object([
            ("pid", .int(Int64(row.process.pid))),
            ("command", .string(row.process.command)),
            ("accepts", JSONValue(row.totals?.accepts)),
            ("failures", row.totals.map {
                .object([("emfile", .int($0.failures.processLimit)), ("enfile", .int($0.failures.systemLimit)),
                         ("other", .int($0.failures.other))])
            } ?? .null),
            ("accepts_per_s", JSONValue(row.acceptsPerSecond)),
            ("emfile_per_s", JSONValue(row.processLimitFailuresPerSecond)),
            ("enfile_per_s", JSONValue(row.systemLimitFailuresPerSecond)),
            ("listener_port", JSONValue(row.listenerPort.map(Int.init))),
            ("time_wait", JSONValue(row.timeWait)),
        ])
    }
}
