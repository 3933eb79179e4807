/// Reading `connectors` back (replay). Optional: a document without it decodes with none. The
/// lifetime quantiles are derived from the histogram again, not read.
extension SnapshotDecoder {
    /// How far back a recent count may reach, in seconds.
    static let windowSeconds = 0.0...1e9

    static func connectors(_ field: JSONField) throws(SnapshotDecodeError) -> Connectors? {
        guard !field.isNull else { return nil }
        let sourceField = field.member("source")
        guard let source = Connectors.Source(rawValue: try sourceField.string()) else {
            throw sourceField.error("expected \"ebpf\" or \"sockets\"")
        }
        return Connectors(source: source, unavailableReason: try field.member("unavailable_reason").optionalString(),
                          connections: try field.member("connections").list(connector),
                          accepts: try field.member("accepts").list(acceptor),
                          acceptsEstimatedReason: try field.member("accepts_estimated_reason").optionalString())
    }

    static func connector(_ field: JSONField) throws(SnapshotDecodeError) -> ConnectorRow {
        let process = try identity(field)
        let failuresField = try field.member("failures").object()
        var totals: ConnectorTotals?
        if let connects = try field.member("connects").optionalCount(Int64.self) {
            totals = ConnectorTotals(
                command: process.command, connects: connects, established: try field.member("established").count(Int64.self),
                failures: failuresField.isNull ? ConnectFailures() : try failures(failuresField),
                lifetimes: LifetimeHistogram(buckets: try field.member("lifetime_histogram_us").list { (f) throws(SnapshotDecodeError) in try f.count(Int64.self) }))
        }
        let rates = try field.member("failures_per_s").object()
        let live = try field.member("live").object()
        let recent = try field.member("addr_not_avail_recent").object()
        var row = ConnectorRow(
            process: process, address: try field.member("address").address(), port: try port(field.member("port")),
            totals: totals,
            connectsPerSecond: try field.member("connects_per_s").optionalDouble(in: perSecond),
            establishedPerSecond: try field.member("established_per_s").optionalDouble(in: perSecond),
            failuresPerSecond: rates.isNull ? nil : ConnectFailureRates(
                addressNotAvailable: try rates.member("addr_not_avail").double(in: perSecond), refused: try rates.member("refused").double(in: perSecond),
                timedOut: try rates.member("timed_out").double(in: perSecond), reset: try rates.member("reset").double(in: perSecond),
                other: try rates.member("other").double(in: perSecond)),
            live: live.isNull ? nil : LiveConnections(synSent: try live.member("syn_sent").count(Int.self),
                                                      established: try live.member("established").count(Int.self)))
        if !recent.isNull {
            row.recentAddressNotAvailable = RecentCount(seconds: try recent.member("seconds").double(in: windowSeconds),
                                                        count: try recent.member("count").count(Int64.self))
        }
        return row
    }

    static func failures(_ field: JSONField) throws(SnapshotDecodeError) -> ConnectFailures {
        ConnectFailures(addressNotAvailable: try field.member("addr_not_avail").count(Int64.self), refused: try field.member("refused").count(Int64.self),
                        timedOut: try field.member("timed_out").count(Int64.self), reset: try field.member("reset").count(Int64.self),
                        other: try field.member("other").count(Int64.self))
    }

    static func acceptor(_ field: JSONField) throws(SnapshotDecodeError) -> AcceptorRow {
        let process = try identity(field)
        let failures = try field.member("failures").object()
        var totals: AcceptorTotals?
        if let accepts = try field.member("accepts").optionalCount(Int64.self) {
            totals = AcceptorTotals(command: process.command, accepts: accepts, failures: failures.isNull ? AcceptFailures() : AcceptFailures(
                processLimit: try failures.member("emfile").count(Int64.self), systemLimit: try failures.member("enfile").count(Int64.self),
                other: try failures.member("other").count(Int64.self)))
        }
        return AcceptorRow(process: process, totals: totals,
                           acceptsPerSecond: try field.member("accepts_per_s").optionalDouble(in: perSecond),
                           processLimitFailuresPerSecond: try field.member("emfile_per_s").optionalDouble(in: perSecond),
                           systemLimitFailuresPerSecond: try field.member("enfile_per_s").optionalDouble(in: perSecond),
                           listenerPort: try field.member("listener_port").optionalInt(UInt16.self),
                           timeWait: try field.member("time_wait").optionalCount(Int.self))
    }
}
