import FoundationEssentials
import Glibc
import NetwatchCore

/// What one collection pass should do beyond the constant-cost files.
public struct CollectRequest: Sendable {
    /// Walk the whole socket table. Else, with netlink, only listeners are refreshed (a LISTEN-only
    /// dump); from /proc, where listeners cost the whole file, the last walk's listeners stand.
    public var walkSockets = true
    /// Only sockets whose local or remote port is in it (pushed into the kernel with netlink).
    public var filter: PortSet?
    /// How many matching sockets to keep individually (for `sockets[]`).
    public var keepSockets = 0
    /// Keep only this drill target's sockets (a peer's sockets span ports: not a kernel filter;
    /// a process's are those whose inodes its fds hold, read before the dump).
    public var keepOnly: DrillTarget?
    /// Scan every process's fds and limits.
    public var processes = true
    /// Resolve the owners of listeners, kept sockets, CLOSE_WAIT and SYN_SENT sockets (inode → pid).
    public var owners = true
    /// Without a walk, still refresh the listeners (a LISTEN-only dump); `false` reads no sockets.
    public var listeners = true
    /// Read the sysctls (`false`: left unset, for a caller that carries them from an earlier pass).
    public var sysctls = true
    /// Owners already known (from an earlier lookup): only the other inodes are looked up.
    public var knownOwners: [UInt32: ProcessIdentity] = [:]
    /// Inodes an earlier lookup found no process for: not looked up again.
    public var ownersMissing: Set<UInt32> = []
    /// With a walk, tally connection health, asking sock_diag for each socket's `tcp_info`
    /// (the `INET_DIAG_INFO` extension: larger replies, so only on walks).
    public var connectionHealth = true

    public init(walkSockets: Bool = true, filter: PortSet? = nil, keepSockets: Int = 0, keepOnly: DrillTarget? = nil,
                processes: Bool = true, owners: Bool = true, listeners: Bool = true, sysctls: Bool = true) {
        self.walkSockets = walkSockets
        self.filter = filter
        self.keepSockets = keepSockets
        self.keepOnly = keepOnly
        self.processes = processes
        self.owners = owners
        self.listeners = listeners
        self.sysctls = sysctls
    }
}

/// Reads one ``RawSample``: sysctls, sockstat, counters, file-nr every time; the socket table
/// from sock_diag (falling back to /proc/net/tcp{,6} with a warning) or, under an explicit proc
/// root, from /proc; processes and socket owners when asked.
public final class Collector {
    public let root: ProcRoot
    /// `false` under `--proc-root`: the tree may not be this namespace's.
    public let useNetlink: Bool
    let clock: SampleClock
    let readers: KernelReaders
    let client: SockDiagClient
    let processes: ProcessScanner
    /// The network namespace collected when it is not netwatch's own (`--netns`, the namespaces
    /// view): sockets through its own sock_diag socket, sysctls and counters read inside it, and
    /// only its processes.
    public let namespace: NamespaceHandle?
    let conntrack: ConntrackReader
    let conntrackClient = CtnetlinkClient()
    /// Counts connections per process in the kernel (the eBPF tracer); `nil` leaves the
    /// connectors estimated from the live sockets.
    public var connectorCounter: (any ConnectorCounting)?
    /// Why there is no ``connectorCounter`` (put in every sample's warnings); `nil` says nothing,
    /// as under `--proc-root` where a tree is read and no kernel is asked.
    public var connectorsUnavailable: String?
    /// The inode of the network namespace this process sees (`self/ns/net`): the connector
    /// counts shown are this namespace's.
    public private(set) lazy var namespaceInode: UInt32? = {
        var status = stat()
        guard root.isProcfs, stat(root.absolute("self/ns/net"), &status) == 0 else { return nil }
        return UInt32(truncatingIfNeeded: status.st_ino)
    }()
    /// Earlier connector counts, the baseline of "in the last minute".
    private var connectorWindow = ConnectorWindow()
    /// When accept() results are watched where that costs every system call (`--accept-results`).
    public var acceptWatch = AcceptWatchPolicy()
    /// Pids holding a TCP listener in the view, from the last owner scan.
    private var listenerOwners = Set<Int32>()
    /// Whether accept() results were watched at the last read of the counts; `nil` before the first.
    private var acceptsWatchedAtLastRead: Bool?
    /// When each SYN_SENT socket was first seen, carried from walk to walk.
    private var synSentAge = SynSentAge()
    /// Each destination's earlier RTT p99, for "rising".
    private var rttHistory = RTTHistory()
    /// Set after netlink failed once, so later ticks do not retry (and re-warn) every time.
    private var netlinkFailure: String?
    /// Whether one dump takes both address families: `nil` until a walk by family has found
    /// IPv6 there, `false` once the kernel refused the combined request. Every dump goes over
    /// the host-wide socket hash, so one pass instead of two halves the kernel's work.
    private var bothFamiliesInOneDump: Bool?
    /// Set after the ctnetlink dump failed once (no CAP_NET_ADMIN, no ctnetlink); not retried.
    private var conntrackDumpFailure: String?
    /// What the last walk of /proc/net/tcp{,6} found besides the table, repeated on ticks that do
    /// not walk: the listeners, the skipped-line count and the warnings about those files.
    private var lastProcfsWalk: (listeners: [ListenerRecord], skippedLines: Int, warnings: [String])?

    public init(root: ProcRoot, useNetlink: Bool, clock: SampleClock = SystemClock(), namespace: NamespaceHandle? = nil) {
        self.root = root
        self.useNetlink = useNetlink
        self.namespace = namespace
        self.client = SockDiagClient(socket: namespace?.diagSocket)
        self.clock = clock
        // The constant-cost files are read every tick: on a real procfs they stay open.
        let files = root.isProcfs ? OpenKernelFiles(root: root) : nil
        self.readers = KernelReaders(root: root, files: files)
        self.processes = ProcessScanner(root: root, clock: clock)
        self.conntrack = ConntrackReader(root: root, files: files)
    }

    public func collect(_ request: CollectRequest) -> RawSample {
        let started = clock.now()
        var sample = RawSample(takenAt: Date(), monotonicSeconds: started,
                               source: useNetlink && netlinkFailure == nil ? .netlink : .procfs)
        var warnings = [String]()
        if let namespace {
            namespace.readKernelFiles(into: &sample, sysctls: request.sysctls, &warnings)
        } else {
            (sample.hostName, sample.kernel) = readers.host(&warnings)
            if request.sysctls { sample.sysctl = readers.sysctls(&warnings) }
            sample.sockstat = readers.sockstat(&warnings)
            sample.tcp = readers.tcpCounters(&warnings)
            sample.tcpExt = readers.tcpExtCounters(&warnings)
            sample.fileNr = readers.fileNr(&warnings)
            sample.conntrack = conntrack.read(&warnings)
        }
        sample.warnings = warnings
        sample.namespace = namespace?.namespace

        // A process's sockets are known by their inodes, read from its fds before the dump.
        let drilled = request.keepOnly?.pid.flatMap { SocketOwnerScanner(root: root).sockets(of: $0) }
        let socketsStarted = clock.now()
        if request.walkSockets || request.listeners {
            collectSockets(request, keepInodes: request.keepOnly?.pid == nil ? nil : drilled?.inodes ?? [], into: &sample)
        }
        sample.timings.socketsMs = (clock.now() - socketsStarted) * 1000
        if request.walkSockets && useNetlink, let count = sample.conntrack?.count {
            // A dump walks the whole host's conntrack hash, whatever this namespace holds: with
            // no entry here there is nothing to find, and the table is known to be empty.
            if count == 0 {
                sample.conntrack?.table = ConntrackTable()
            } else {
                let dumpStarted = clock.now()
                dumpConntrack(into: &sample)
                sample.timings.conntrackMs = (clock.now() - dumpStarted) * 1000
            }
        }
        collectConnectors(into: &sample)

        if request.processes {
            let processesStarted = clock.now()
            let scan = processes.scan()
            sample.processes = namespace.map { namespace in scan.processes.filter { namespace.contains(pid: $0.process.pid) } } ?? scan.processes
            sample.unreadableProcesses = scan.unreadable
            if let malformed = scan.malformedLimits { sample.warnings.append(malformed) }
            sample.timings.processesMs = (clock.now() - processesStarted) * 1000
        }
        if request.owners {
            let ownersStarted = clock.now()
            var wanted = Set(sample.listeners.map(\.inode))
            for socket in sample.table?.sockets ?? [] where socket.inode != 0 { wanted.insert(socket.inode) }
            if let closeWait = sample.table?.closeWaitSockets { wanted.formUnion(closeWait.keys) }
            // Every SYN_SENT socket kept; the connectors estimate's too when eBPF counts are not there.
            let estimated = sample.connectorCounts == nil
            for (inode, client) in sample.table?.clientSockets ?? [:] where estimated || client.state == .synSent { wanted.insert(inode) }
            if let health = sample.table?.healthSockets { wanted.formUnion(health.keys) }
            wanted.remove(0)
            wanted.subtract(drilled?.inodes ?? [])
            var owners = request.knownOwners.filter { wanted.contains($0.key) }
            let unknown = wanted.subtracting(owners.keys).subtracting(request.ownersMissing)
            let lookup = SocketOwnerScanner(root: root).lookUp(unknown)
            owners.merge(lookup.owners) { known, _ in known }
            sample.owners = owners
            sample.ownersMissing = wanted.subtracting(owners.keys)
            for inode in drilled?.inodes ?? [] { sample.owners[inode] = drilled?.process }
            sample.ownersScanned = true
            // As root a refusal is not a permission netwatch could be given: those count as not found.
            sample.ownersUnreadableProcesses = geteuid() == 0 ? 0 : lookup.unreadableProcesses
            sample.timings.ownersMs = (clock.now() - ownersStarted) * 1000
            listenerOwners = Set(sample.listeners.compactMap { sample.owners[$0.inode]?.pid })
        }
        if let connectorCounter, !connectorCounter.watchesAcceptsAlways, request.processes {
            connectorCounter.watchAcceptResults(acceptWatch.shouldWatch(
                processes: sample.processes, listenerOwners: listenerOwners, fileNr: sample.fileNr, now: started))
        }
        sample.timings.totalMs = (clock.now() - started) * 1000
        return sample
    }

    private func collectConnectors(into sample: inout RawSample) {
        sample.namespaceInode = namespace.map { UInt32(truncatingIfNeeded: $0.namespace.inode) } ?? namespaceInode
        if let connectorCounter {
            // --accept-results always: watched from the first read on, whatever the limits.
            if acceptWatch.mode == .always { connectorCounter.watchAcceptResults(true) }
            let counts = connectorCounter.read(), now = clock.now()
            sample.connectorCounts = counts
            if !connectorCounter.watchesAcceptsAlways {
                // The counts run from the tracer's load: a hook attached at the first read (with
                // --accept-results always, before it) has watched all along.
                let watched = connectorCounter.acceptResultsWatched
                sample.acceptResultsWatched = watched && (acceptsWatchedAtLastRead ?? true)
                acceptsWatchedAtLastRead = watched
            }
            if let notice = connectorCounter.notice { sample.warnings.append(notice) }
            sample.connectorCountsBefore = connectorWindow.baseline(at: now)
            connectorWindow.record(counts, at: now)
        } else if let connectorsUnavailable {
            sample.connectorsUnavailable = connectorsUnavailable
            sample.warnings.append("eBPF unavailable: \(connectorsUnavailable); connectors estimated from live sockets")
        }
    }


    /// The ctnetlink dump of this namespace's table, aggregated while streaming; on the walk cadence.
    private static func dump(_ client: CtnetlinkClient) -> Result<ConntrackTable, NetlinkError> {
        var table = ConntrackTable()
        do {
            _ = try client.dump { table.add($0) }
            return .success(table)
        } catch {
            return .failure(error)
        }
    }

    private func dumpConntrack(into sample: inout RawSample) {
        if let conntrackDumpFailure {
            sample.warnings.append(conntrackDumpFailure)
            return
        }
        // The dump's socket answers for the namespace it is created in: another one's is made inside it.
        let client = conntrackClient
        let dumped: Result<ConntrackTable, NetlinkError>? = namespace.map { $0.inside { Self.dump(client) } }
            ?? Self.dump(client)
        do {
            guard let dumped else { throw NetlinkError(.ctnetlink, "setns", errno: EPERM) }
            sample.conntrack?.table = try dumped.get()
        } catch {
            let warning = "\(error); conntrack states and destinations not shown"
            conntrackDumpFailure = warning
            sample.warnings.append(warning)
        }
    }

    private func collectSockets(_ request: CollectRequest, keepInodes: Set<UInt32>?, into sample: inout RawSample) {
        if sample.source == .netlink {
            do {
                try collectFromNetlink(request, keepInodes: keepInodes, into: &sample)
                return
            } catch {
                netlinkFailure = error.description
                sample.warnings.append("\(error); reading /proc/net/tcp and /proc/net/tcp6 instead")
                sample.source = .procfs
                sample.table = nil
                sample.listeners = []
                sample.ipv6Missing = false
            }
        } else if let netlinkFailure {
            sample.warnings.append("\(netlinkFailure); reading /proc/net/tcp and /proc/net/tcp6 instead")
        }
        collectFromProcfs(request, keepInodes: keepInodes, into: &sample)
    }

    private func aggregator(_ request: CollectRequest, keepInodes: Set<UInt32>?, _ sample: RawSample) -> SocketAggregator {
        SocketAggregator(ephemeralRange: sample.sysctl.ipLocalPortRange,
                         reuseDelayMs: Int(sample.sysctl.tcpTwReuseDelay ?? 1000),
                         keepSockets: request.keepSockets, keepOnly: request.keepOnly, keepInodes: keepInodes,
                         health: request.walkSockets && request.connectionHealth ? (synSentAge, sample.monotonicSeconds) : nil)
    }

    /// Carries the walk's SYN_SENT first-seen times to the next walk, and gives the sample each
    /// destination's earlier RTT p99.
    private func rememberHealth(_ sample: inout RawSample) {
        guard let table = sample.table, let now = sample.tableTakenAt else { return }
        synSentAge = table.synSentAge
        guard !table.health.isEmpty else { return }
        if rttHistory.wants(at: now) { rttHistory.record(ConnectionHealth.destinations(table.health), at: now) }
        for endpoint in table.health.keys {
            if let earlier = rttHistory.earlier(endpoint, at: now) { sample.earlierRTT[endpoint] = earlier }
        }
    }

    private func collectFromNetlink(_ request: CollectRequest, keepInodes: Set<UInt32>?,
                                    into sample: inout RawSample) throws(NetlinkError) {
        var aggregator = aggregator(request, keepInodes: keepInodes, sample)
        var listeners = [ListenerRecord]()
        let states = request.walkSockets ? SockDiagClient.allStates : SockDiagClient.listenOnly
        let info = request.walkSockets && request.connectionHealth
        func take(_ socket: SocketRecord) {
            if request.walkSockets { aggregator.add(socket) }
            if socket.state == .listen { listeners.append(ListenerRecord(socket, backlogKnown: true)) }
        }
        if bothFamiliesInOneDump == true {
            do {
                _ = try client.dump(family: nil, states: states, filter: request.filter, info: info, take)
                finishNetlinkWalk(request, aggregator, listeners, into: &sample)
                return
            } catch {
                bothFamiliesInOneDump = false
                aggregator = self.aggregator(request, keepInodes: keepInodes, sample)
                listeners = []
            }
        }
        for family in AddressFamily.allCases {
            do {
                _ = try client.dump(family: family, states: states, filter: request.filter, info: info, take)
            } catch where family == .ipv6 && [ENOENT, EAFNOSUPPORT, EPROTONOSUPPORT].contains(error.errno) {
                sample.ipv6Missing = true
                sample.warnings.append("no IPv6 sockets: \(error)")
            }
        }
        if bothFamiliesInOneDump == nil, !sample.ipv6Missing { bothFamiliesInOneDump = true }
        finishNetlinkWalk(request, aggregator, listeners, into: &sample)
    }

    private func finishNetlinkWalk(_ request: CollectRequest, _ aggregator: SocketAggregator, _ listeners: [ListenerRecord],
                                   into sample: inout RawSample) {
        sample.table = request.walkSockets ? aggregator.table : nil
        sample.tableTakenAt = request.walkSockets ? clock.now() : nil
        sample.listeners = listeners
        rememberHealth(&sample)
    }

    private func collectFromProcfs(_ request: CollectRequest, keepInodes: Set<UInt32>?, into sample: inout RawSample) {
        if !request.walkSockets, let last = lastProcfsWalk {
            sample.listeners = last.listeners
            sample.skippedLines = last.skippedLines
            sample.warnings += last.warnings
            return
        }
        let warningsBefore = sample.warnings.count
        var aggregator = aggregator(request, keepInodes: keepInodes, sample)
        var listeners = [ListenerRecord]()
        var readAny = false
        // A namespace's tables are read through a process in it (/proc/net is netwatch's own).
        let root = namespace?.namespace.pid.map { ProcRoot(path: self.root.absolute("\($0)")) } ?? self.root
        for (file, family) in [("net/tcp", AddressFamily.ipv4), ("net/tcp6", .ipv6)] {
            // Parsed while read, a chunk at a time: memory stays flat however many sockets there are.
            var stream = ProcNetTCPStream(family: family, filter: request.filter)
            func add(_ socket: SocketRecord) {
                aggregator.add(socket)
                if socket.state == .listen { listeners.append(ListenerRecord(socket, backlogKnown: false)) }
            }
            switch root.stream(file, limit: ProcRoot.socketTableLimit, { stream.feed($0, add) }) {
            case .success:
                break
            case let .failure(error) where error.readUpToBound:
                // The sockets up to the bound are counted; the warning says the rest are not.
                sample.warnings.append(error.description)
            case let .failure(error):
                if family == .ipv6 { sample.ipv6Missing = true }
                sample.warnings.append(error.description + (family == .ipv6 ? "; IPv6 sockets unknown" : "; IPv4 sockets unknown"))
                continue
            }
            readAny = true
            let outcome = stream.finish(add)
            if outcome.skipped > 0 {
                sample.skippedLines += outcome.skipped
                sample.warnings.append("\(root.absolute(file)): skipped \(outcome.skipped) malformed line(s), first: '\(outcome.firstSkipped ?? "")'")
            }
        }
        sample.table = readAny ? aggregator.table : nil
        sample.tableTakenAt = readAny ? clock.now() : nil
        sample.listeners = listeners
        rememberHealth(&sample)
        lastProcfsWalk = (listeners, sample.skippedLines, Array(sample.warnings[warningsBefore...]))
    }
}
