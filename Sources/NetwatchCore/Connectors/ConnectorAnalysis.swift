/// Builds ``Connectors`` from a sample: rates from the kernel's cumulative counts between two
/// samples, or, without them, the estimate from the live client sockets and their owners.
public enum ConnectorAnalysis {
    /// - Parameters:
    ///   - elapsed: seconds between `previous` and `sample`; `nil` leaves rates `nil`.
    ///   - top: how many rows each list keeps.
    public static func analyse(_ sample: RawSample, previous: RawSample?, elapsed: Double?, top: Int) -> Connectors? {
        if let counts = sample.connectorCounts {
            // Accept rates need the hook over the whole interval: watched at this read and the last.
            let acceptsWatchedThrough = sample.acceptResultsWatched != true || previous?.acceptResultsWatched == true
            var connectors = counted(counts, previous: previous?.connectorCounts, before: sample.connectorCountsBefore,
                                     namespace: sample.namespaceInode, elapsed: elapsed, acceptRates: acceptsWatchedThrough, top: top)
            if sample.acceptResultsWatched == false {
                // Not watched now: the kernel's accept counts stand still, so the accept side is
                // the estimate's (each listener's owner with its server-side TIME_WAIT).
                connectors.accepts = sample.table.map { estimatedAccepts($0, sample: sample, top: top) } ?? []
                connectors.acceptsEstimatedReason = Connectors.acceptsNotWatched
            }
            return connectors
        }
        guard let table = sample.table, sample.ownersScanned else { return nil }
        return estimated(table, sample: sample, previous: previous?.table, elapsed: elapsed, top: top)
    }

    static func counted(_ counts: ConnectorCounts, previous: ConnectorCounts?,
                        before: (seconds: Double, counts: ConnectorCounts)? = nil, namespace: UInt32?, elapsed: Double?,
                        acceptRates: Bool, top: Int) -> Connectors {
        let connections = counts.connectors.lazy.filter { namespace == nil || $0.key.namespace == namespace }
            .map { key, totals -> ConnectorRow in
                var row = ConnectorRow(process: ProcessIdentity(pid: key.pid, command: totals.command),
                                       address: key.address, port: key.port, totals: totals)
                row.recentAddressNotAvailable = before.flatMap { recent(key, totals, $0) }
                if let elapsed, let previous {
                    // A connector new since the last read counted everything in this interval.
                    let before = previous.connectors[key]
                        ?? ConnectorTotals(command: totals.command, connects: 0, established: 0)
                    if totals.connects >= before.connects, totals.established >= before.established,
                       let failures = totals.failures.since(before.failures) {
                        row.connectsPerSecond = Double(totals.connects - before.connects) / elapsed
                        row.establishedPerSecond = Double(totals.established - before.established) / elapsed
                        row.failuresPerSecond = ConnectFailureRates(failures, over: elapsed)
                    }
                }
                return row
            }
        let accepts = counts.acceptors.lazy.filter { namespace == nil || $0.key.namespace == namespace }
            .map { key, totals -> AcceptorRow in
                var row = AcceptorRow(process: ProcessIdentity(pid: key.pid, command: totals.command), totals: totals)
                if acceptRates, let elapsed, let previous {
                    let before = previous.acceptors[key] ?? AcceptorTotals(command: totals.command, accepts: 0)
                    if totals.accepts >= before.accepts, totals.failures.processLimit >= before.failures.processLimit,
                       totals.failures.systemLimit >= before.failures.systemLimit {
                        row.acceptsPerSecond = Double(totals.accepts - before.accepts) / elapsed
                        row.processLimitFailuresPerSecond = Double(totals.failures.processLimit - before.failures.processLimit) / elapsed
                        row.systemLimitFailuresPerSecond = Double(totals.failures.systemLimit - before.failures.systemLimit) / elapsed
                    }
                }
                return row
            }
        return Connectors(source: .ebpf,
                          connections: TopN.of(top, connections, by: busier),
                          accepts: TopN.of(top, accepts) { a, b in
                              let (x, y) = (a.totals?.accepts ?? 0, b.totals?.accepts ?? 0)
                              return x != y ? x > y : a.process.pid < b.process.pid
                          })
    }

    /// A connector's EADDRNOTAVAIL failures since `before`: all of them for a connector that
    /// appeared since; `nil` when the count went backwards (evicted and counted anew).
    static func recent(_ key: ConnectorKey, _ totals: ConnectorTotals,
                       _ before: (seconds: Double, counts: ConnectorCounts)) -> RecentCount? {
        let earlier = before.counts.connectors[key]?.failures.addressNotAvailable ?? 0
        guard totals.failures.addressNotAvailable >= earlier else { return nil }
        return RecentCount(seconds: before.seconds, count: totals.failures.addressNotAvailable - earlier)
    }

    /// Owners of SYN_SENT and ESTABLISHED client sockets per destination, new sockets between
    /// walks as the connect rate; each owned listener with the server-side TIME_WAIT on its port.
    static func estimated(_ table: SocketTable, sample: RawSample, previous: SocketTable?, elapsed: Double?,
                          top: Int) -> Connectors {
        struct RowKey: Hashable { var process: ProcessIdentity; var address: IPAddress; var port: UInt16 }
        var live = [RowKey: LiveConnections]()
        var opened = [RowKey: Int]()
        for (inode, socket) in table.clientSockets where socket.connector {
            guard let owner = sample.owners[inode] else { continue }
            let key = RowKey(process: owner, address: socket.remoteAddress, port: socket.remotePort)
            if socket.state == .synSent { live[key, default: LiveConnections()].synSent += 1 }
            else { live[key, default: LiveConnections()].established += 1 }
            if previous?.clientSockets[inode]?.connector != true { opened[key, default: 0] += 1 }
        }
        let connections = live.map { key, counts in
            ConnectorRow(process: key.process, address: key.address, port: key.port,
                         connectsPerSecond: elapsed.flatMap { previous == nil ? nil : Double(opened[key] ?? 0) / $0 },
                         live: counts)
        }
        return Connectors(source: .sockets, unavailableReason: sample.connectorsUnavailable,
                          connections: TopN.of(top, connections, by: busier), accepts: estimatedAccepts(table, sample: sample, top: top))
    }

    /// Each owned listener's process with the server-side TIME_WAIT on its port (the busiest
    /// listener of a process with several), most TIME_WAIT first.
    static func estimatedAccepts(_ table: SocketTable, sample: RawSample, top: Int) -> [AcceptorRow] {
        var accepts = [ProcessIdentity: (port: UInt16, timeWait: Int)]()
        for listener in sample.listeners {
            guard let owner = sample.owners[listener.inode] else { continue }
            let timeWait = table.localPorts[listener.port][.timeWait]
            if let known = accepts[owner], known.timeWait >= timeWait { continue }
            accepts[owner] = (listener.port, timeWait)
        }
        return TopN.of(top, accepts.map { AcceptorRow(process: $0.key, listenerPort: $0.value.port, timeWait: $0.value.timeWait) }) {
            $0.timeWait != $1.timeWait ? ($0.timeWait ?? 0) > ($1.timeWait ?? 0) : $0.process.pid < $1.process.pid
        }
    }

    /// Busiest first: connect rate, then total connects (or live sockets), then pid and destination.
    static func busier(_ a: ConnectorRow, _ b: ConnectorRow) -> Bool {
        let (ra, rb) = (a.connectsPerSecond ?? 0, b.connectsPerSecond ?? 0)
        if ra != rb { return ra > rb }
        let (ta, tb) = (weight(a), weight(b))
        if ta != tb { return ta > tb }
        if a.process.pid != b.process.pid { return a.process.pid < b.process.pid }
        return (a.address.description, a.port) < (b.address.description, b.port)
    }

    private static func weight(_ row: ConnectorRow) -> Int64 {
        row.totals?.connects ?? Int64((row.live?.synSent ?? 0) + (row.live?.established ?? 0))
    }
}
