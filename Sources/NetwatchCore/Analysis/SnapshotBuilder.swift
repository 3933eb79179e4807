/// Turns a ``RawSample`` (and optionally an earlier one, for rates) into a ``Snapshot``.
/// Pure: same inputs, same snapshot.
public enum SnapshotBuilder {
    public struct Options: Sendable {
        /// How many rows each list keeps (peers, destinations, listeners, processes, sockets).
        public var top: Int
        public var filter: PortSet?
        public var drill: DrillTarget?
        /// How many individual sockets to list (the drill view scrolls through more than `top`).
        public var socketLimit: Int
        /// The thresholds the advice rules run with (without history: rates only); `nil` leaves
        /// `advice` empty for a caller that runs the rules itself with its history (the dashboard).
        public var advice: AdviceThresholds?

        public init(top: Int = 100, filter: PortSet? = nil, drill: DrillTarget? = nil, socketLimit: Int? = nil,
                    advice: AdviceThresholds? = AdviceThresholds()) {
            self.top = top
            self.filter = filter
            self.drill = drill
            self.socketLimit = socketLimit ?? top
            self.advice = advice
        }

        /// Individual sockets are listed when the view is narrowed to a port set or a target.
        public var listsSockets: Bool { filter != nil || drill != nil }
    }

    /// - Parameters:
    ///   - previous: the sample before, for counter rates.
    ///   - tableBaseline: the sample whose socket table destination growth is measured from
    ///     (defaults to `previous`; the dashboard passes the walk at the start of its ``GrowthWindow``).
    public static func build(_ sample: RawSample, previous: RawSample?, tableBaseline: RawSample? = nil,
                             options: Options) -> Snapshot {
        let elapsed = previous.map { sample.monotonicSeconds - $0.monotonicSeconds }
        let baseline = tableBaseline ?? previous
        let tableElapsed: Double? = {
            guard let now = sample.tableTakenAt, let then = baseline?.tableTakenAt, now > then else { return nil }
            return now - then
        }()
        var warnings = sample.warnings
        if let elapsed, elapsed <= 0 { warnings.append("samples are not in time order; rates left null") }
        if let unlisted = sample.table?.unlistedPeerSockets.total, unlisted > 0 {
            warnings.append("more than \(SocketAggregator.peerLimit) remote addresses: \(unlisted) socket(s) toward those "
                            + "seen after the first \(SocketAggregator.peerLimit) are counted in the states, not among the peers")
        }
        let usableElapsed = elapsed.flatMap { $0 > 0 ? $0 : nil }
        var snapshot = Snapshot(
            takenAt: sample.takenAt,
            hostName: sample.hostName,
            kernel: sample.kernel,
            intervalSeconds: usableElapsed,
            filter: options.filter,
            drill: options.drill,
            collector: .init(source: sample.source, timings: sample.timings,
                             skippedLines: sample.skippedLines, warnings: warnings,
                             ownersUnreadableProcesses: sample.ownersUnreadableProcesses),
            sysctl: sample.sysctl,
            sockstat: sample.sockstat,
            states: sample.table.map { table in
                let closers = timeWaitClosers(table, sample)
                return .init(ipv4: table.ipv4, ipv6: sample.ipv6Missing ? nil : table.ipv6, orphanedFinWait2: table.orphanedFinWait2,
                             timeWaitClientsClosed: closers?.clients, timeWaitServersClosed: closers?.servers)
            },
            rates: rates(sample, previous: previous, elapsed: usableElapsed),
            counters: Dictionary(uniqueKeysWithValues: RateCounter.allCases.map { ($0, $0.value(in: sample)) }),
            ports: PortExhaustion.analyse(table: sample.table, previous: tableElapsed == nil ? nil : baseline?.table,
                                          elapsed: tableElapsed,
                                          sysctl: sample.sysctl, listeners: sample.listeners, top: options.top),
            fds: fileDescriptors(sample, top: options.top, ownersOnly: options.listsSockets, drilled: options.drill?.pid),
            peers: peers(sample.table, top: options.top),
            listeners: listeners(sample, top: options.top),
            localPorts: localPorts(sample.table, top: options.top),
            sockets: options.listsSockets ? sockets(sample, top: options.socketLimit) : nil,
            socketsMatched: sample.table?.socketsSeen ?? 0,
            socketsMatchedByState: sample.table?.socketsSeenByState ?? StateCounts(),
            socketsMatchedByPeer: peers(sample.table?.socketsSeenByPeer ?? [:], top: options.top),
            socketsMatchedByPort: TopN.of(options.top, (sample.table?.socketsSeenByServicePort ?? [:]).map {
                Snapshot.LocalPort(port: $0.key, counts: $0.value)
            }) { $0.counts.total != $1.counts.total ? $0.counts.total > $1.counts.total : $0.port < $1.port },
            closeWaitOwners: closeWaitOwners(sample, top: options.top),
            connectors: ConnectorAnalysis.analyse(sample, previous: previous, elapsed: usableElapsed, top: options.top),
            synSent: synSent(sample, top: options.top),
            conntrack: .analyse(sample.conntrack, previous: previous?.conntrack, elapsed: usableElapsed, top: options.top)
        )
        snapshot.namespace = sample.namespace
        snapshot.health = ConnectionHealth.analyse(sample, top: options.top)
        if let thresholds = options.advice { snapshot.advice = AdviceEngine.findings(for: snapshot, thresholds: thresholds) }
        return snapshot
    }

    /// Which side of this host closed first, read from where its TIME_WAIT entries sit: on an
    /// ephemeral port no listener holds (a client's) or on a listening port (a server's).
    /// `nil` without the port range.
    static func timeWaitClosers(_ table: SocketTable, _ sample: RawSample) -> (clients: Int, servers: Int)? {
        guard let range = sample.sysctl.ipLocalPortRange else { return nil }
        let listening = Set(sample.listeners.map(\.port))
        let servers = listening.reduce(0) { $0 + table.localPorts[$1][.timeWait] }
        let onListenersInRange = listening.filter { range.contains($0) }.reduce(0) { $0 + table.localPorts[$1][.timeWait] }
        let ephemeral = table.destinations.values.reduce(0) { $0 + $1.timeWait }
        return (ephemeral - onListenersInRange, servers)
    }

    /// The processes owning the kept CLOSE_WAIT sockets, most sockets first (then lowest pid),
    /// each with the local port holding most of its sockets.
    static func closeWaitOwners(_ sample: RawSample, top: Int) -> [CloseWaitOwner] {
        guard let sockets = sample.table?.closeWaitSockets, !sockets.isEmpty else { return [] }
        var ports = [ProcessIdentity: [UInt16: Int]]()
        for (inode, port) in sockets {
            guard let owner = sample.owners[inode] else { continue }
            ports[owner, default: [:]][port, default: 0] += 1
        }
        let owners = ports.compactMap { process, byPort -> CloseWaitOwner? in
            guard let busiest = byPort.max(by: { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }) else { return nil }
            return CloseWaitOwner(process: process, count: byPort.values.reduce(0, +), localPort: busiest.key)
        }
        return TopN.of(top, owners) { $0.count != $1.count ? $0.count > $1.count : $0.process.pid < $1.process.pid }
    }

    /// SYN_SENT sockets per remote endpoint, most first (then by address and port), each with
    /// the processes owning the kept ones.
    static func synSent(_ sample: RawSample, top: Int) -> [SynSentTarget] {
        guard let table = sample.table, !table.synSent.isEmpty else { return [] }
        var owners = [RemoteEndpoint: [ProcessIdentity: Int]]()
        for (inode, socket) in table.clientSockets where socket.state == .synSent {
            guard let owner = sample.owners[inode] else { continue }
            owners[RemoteEndpoint(address: socket.remoteAddress, port: socket.remotePort), default: [:]][owner, default: 0] += 1
        }
        let targets = table.synSent.map { endpoint, count in
            SynSentTarget(address: endpoint.address, port: endpoint.port, count: count,
                          owners: (owners[endpoint] ?? [:]).map { SynSentTarget.Owner(process: $0.key, count: $0.value) }
                              .sorted { $0.count != $1.count ? $0.count > $1.count : $0.process.pid < $1.process.pid })
        }
        return TopN.of(top, targets) {
            if $0.count != $1.count { return $0.count > $1.count }
            if $0.port != $1.port { return $0.port < $1.port }
            return $0.address.description < $1.address.description
        }
    }

    /// Per-second rates; a counter that went backwards (namespace change, wrap), or whose change
    /// does not fit 64 bits (a negative value before), gives `nil`.
    static func rates(_ sample: RawSample, previous: RawSample?, elapsed: Double?) -> [RateCounter: Double?] {
        var rates = [RateCounter: Double?]()
        for counter in RateCounter.allCases {
            guard let previous, let elapsed, let now = counter.value(in: sample), let before = counter.value(in: previous),
                  now >= before, case let (change, false) = now.subtractingReportingOverflow(before) else {
                rates[counter] = .some(nil)
                continue
            }
            rates[counter] = Double(change) / elapsed
        }
        return rates
    }

    /// Processes by fd use against their limit; with a port filter or a drill target, only the
    /// owners of the matching sockets (when owners were looked up) and a drilled process.
    static func fileDescriptors(_ sample: RawSample, top: Int, ownersOnly: Bool, drilled: Int32? = nil) -> Snapshot.FileDescriptors {
        var processes = sample.processes
        if ownersOnly && sample.ownersScanned {
            let owners = Set(sample.owners.values.map(\.pid) + (drilled.map { [$0] } ?? []))
            processes = processes.filter { owners.contains($0.process.pid) }
        }
        let sorted = processes.sorted { a, b in
            switch (a.ratio, b.ratio) {
            case let (x?, y?) where x != y: return x > y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.open != b.open ? a.open > b.open : a.process.pid < b.process.pid
            }
        }
        return .init(systemAllocated: sample.fileNr?.allocated, systemMax: sample.fileNr?.max ?? sample.sysctl.fileMax,
                     nrOpen: sample.sysctl.nrOpen, processes: Array(sorted.prefix(top)),
                     processCount: processes.count, unreadableProcesses: sample.unreadableProcesses)
    }

    static func peers(_ table: SocketTable?, top: Int) -> [Snapshot.Peer] {
        peers(table?.peers ?? [:], top: top)
    }

    /// The busiest `top` of `counts`, most sockets first (lowest address among equals).
    static func peers(_ counts: [IPAddress: StateCounts], top: Int) -> [Snapshot.Peer] {
        TopN.of(top, counts.lazy.map { Snapshot.Peer(address: $0.key, counts: $0.value) }) {
            $0.total != $1.total ? $0.total > $1.total : $0.address.description < $1.address.description
        }
    }

    static func listeners(_ sample: RawSample, top: Int) -> [Snapshot.Listener] {
        sample.listeners
            .sorted { ($0.port, $0.address.description) < ($1.port, $1.address.description) }
            .prefix(top)
            .map { Snapshot.Listener(record: $0, owner: sample.owners[$0.inode]) }
    }

    static func localPorts(_ table: SocketTable?, top: Int) -> [Snapshot.LocalPort] {
        guard let table else { return [] }
        return table.localPorts.busiest(top).map { Snapshot.LocalPort(port: $0.port, counts: $0.counts) }
    }

    static func sockets(_ sample: RawSample, top: Int) -> [Snapshot.Socket] {
        (sample.table?.sockets ?? []).prefix(top).map {
            Snapshot.Socket(record: $0, owner: $0.inode == 0 ? nil : sample.owners[$0.inode])
        }
    }
}
