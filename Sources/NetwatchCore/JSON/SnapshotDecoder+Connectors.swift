/// Reading `connectors` back (replay). Optional: a document without it decodes with none. The
/// lifetime quantiles are derived from the histogram again, not read.
extension SnapshotDecoder {
    static func connectors(_ field: JSONField) throws(SnapshotDecodeError) -> Connectors? {
        guard !field.isNull else { return nil }
        let sourceField = field.member("source")
        guard let source = Connectors.Source(rawValue: try sourceField.string()) else {
            throw sourceField.error("expected \"ebpf\" or \"sockets\"")
        }
        return Connectors(source: source, unavailableReason: try field.member("unavailable_reason").optionalString(),
                          connections: try field.member("connections").list(connector),
                          accepts: try field.member("accepts").list(acceptor))
    }

    static func connector(_ field: JSONField) throws(SnapshotDecodeError) -> ConnectorRow {
        let process = try identity(field)
        let failuresField = try field.member("failures").object()
        var totals: ConnectorTotals?
        if let connects = try field.member("connects").optionalInt() {
            totals = ConnectorTotals(
                command: process.command, connects: connects, established: try field.member("established").int(),
                failures: failuresField.isNull ? ConnectFailures() : try failures(failuresField),
                lifetimes: LifetimeHistogram(buckets: try field.member("lifetime_histogram_us").list { (f) throws(SnapshotDecodeError) in try f.int() }))
        }
        let rates = try field.member("failures_per_s").object()
        let live = try field.member("live").object()
        let recent = try field.member("addr_not_avail_recent").object()
        var row = ConnectorRow(
            process: process, address: try field.member("address").address(), port: try port(field.member("port")),
            totals: totals,
            connectsPerSecond: try field.member("connects_per_s").optionalDouble(),
            establishedPerSecond: try field.member("established_per_s").optionalDouble(),
            failuresPerSecond: rates.isNull ? nil : ConnectFailureRates(
                addressNotAvailable: try rates.member("addr_not_avail").double(), refused: try rates.member("refused").double(),
                timedOut: try rates.member("timed_out").double(), reset: try rates.member("reset").double(),
                other: try rates.member("other").double()),
            live: live.isNull ? nil : LiveConnections(synSent: try live.member("syn_sent").int(Int.self),
                                                      established: try live.member("established").int(Int.self)))
        if !recent.isNull {
            row.recentAddressNotAvailable = RecentCount(seconds: try recent.member("seconds").double(),
                                                        count: try recent.member("count").int())
        }
        return row
    }

    static func failures(_ field: JSONField) throws(SnapshotDecodeError) -> ConnectFailures {
        ConnectFailures(addressNotAvailable: try field.member("addr_not_avail").int(), refused: try field.member("refused").int(),
                        timedOut: try field.member("timed_out").int(), reset: try field.member("reset").int(),
                        other: try field.member("other").int())
    }

    static func acceptor(_ field: JSONField) throws(SnapshotDecodeError) -> AcceptorRow {
        let process = try identity(field)
        let failures = try field.member("failures").object()
        var totals: AcceptorTotals?
        if let accepts = try field.member("accepts").optionalInt() {
            totals = AcceptorTotals(command: process.command, accepts: accepts, failures: failures.isNull ? AcceptFailures() : AcceptFailures(
                processLimit: try failures.member("emfile").int(), systemLimit: try failures.member("enfile").int(),
                other: try failures.member("other").int()))
        }
        return AcceptorRow(process: process, totals: totals,
                           acceptsPerSecond: try field.member("accepts_per_s").optionalDouble(),
                           processLimitFailuresPerSecond: try field.member("emfile_per_s").optionalDouble(),
                           systemLimitFailuresPerSecond: try field.member("enfile_per_s").optionalDouble(),
                           listenerPort: try field.member("listener_port").optionalInt(UInt16.self),
                           timeWait: try field.member("time_wait").optionalInt(Int.self))
    }
}
