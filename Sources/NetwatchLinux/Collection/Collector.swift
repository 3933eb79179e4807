import Foundation
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
    /// Keep only this drill target's sockets (a peer's sockets span ports: not a kernel filter).
    public var keepOnly: DrillTarget?
    /// Scan every process's fds and limits.
    public var processes = true
    /// Resolve the owners of listeners, kept sockets, CLOSE_WAIT and SYN_SENT sockets (inode → pid).
    public var owners = true
    /// Owners already known (from an earlier lookup): only the other inodes are looked up.
    public var knownOwners: [UInt32: ProcessIdentity] = [:]
    /// Inodes an earlier lookup found no process for: not looked up again.
    public var ownersMissing: Set<UInt32> = []

    public init(walkSockets: Bool = true, filter: PortSet? = nil, keepSockets: Int = 0, keepOnly: DrillTarget? = nil,
                processes: Bool = true, owners: Bool = true) {
        self.walkSockets = walkSockets
        self.filter = filter
        self.keepSockets = keepSockets
        self.keepOnly = keepOnly
        self.processes = processes
        self.owners = owners
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
    let client = SockDiagClient()
    let processes: ProcessScanner
    /// Set after netlink failed once, so later ticks do not retry (and re-warn) every time.
    private var netlinkFailure: String?
    /// What the last walk of /proc/net/tcp{,6} found besides the table, repeated on ticks that do
    /// not walk: the listeners, the skipped-line count and the warnings about those files.
    private var lastProcfsWalk: (listeners: [ListenerRecord], skippedLines: Int, warnings: [String])?

    public init(root: ProcRoot, useNetlink: Bool, clock: SampleClock = SystemClock()) {
        self.root = root
        self.useNetlink = useNetlink
        self.clock = clock
        self.readers = KernelReaders(root: root)
        self.processes = ProcessScanner(root: root, clock: clock)
    }

    public func collect(_ request: CollectRequest) -> RawSample {
        let started = clock.now()
        var sample = RawSample(takenAt: Date(), monotonicSeconds: started,
                               source: useNetlink && netlinkFailure == nil ? .netlink : .procfs)
        var warnings = [String]()
        (sample.hostName, sample.kernel) = readers.host(&warnings)
        sample.sysctl = readers.sysctls(&warnings)
        sample.sockstat = readers.sockstat(&warnings)
        sample.tcp = readers.tcpCounters(&warnings)
        sample.tcpExt = readers.tcpExtCounters(&warnings)
        sample.fileNr = readers.fileNr(&warnings)
        sample.warnings = warnings

        let socketsStarted = clock.now()
        collectSockets(request, into: &sample)
        sample.timings.socketsMs = (clock.now() - socketsStarted) * 1000

        if request.processes {
            let processesStarted = clock.now()
            let scan = processes.scan()
            sample.processes = scan.processes
            sample.unreadableProcesses = scan.unreadable
            if let malformed = scan.malformedLimits { sample.warnings.append(malformed) }
            sample.timings.processesMs = (clock.now() - processesStarted) * 1000
        }
        if request.owners {
            let ownersStarted = clock.now()
            var wanted = Set(sample.listeners.map(\.inode))
            for socket in sample.table?.sockets ?? [] where socket.inode != 0 { wanted.insert(socket.inode) }
            if let closeWait = sample.table?.closeWaitSockets { wanted.formUnion(closeWait.keys) }
            if let synSent = sample.table?.synSentSockets { wanted.formUnion(synSent.keys) }
            wanted.remove(0)
            var owners = request.knownOwners.filter { wanted.contains($0.key) }
            let unknown = wanted.subtracting(owners.keys).subtracting(request.ownersMissing)
            let lookup = SocketOwnerScanner(root: root).lookUp(unknown)
            owners.merge(lookup.owners) { known, _ in known }
            sample.owners = owners
            sample.ownersMissing = wanted.subtracting(owners.keys)
            sample.ownersScanned = true
            // As root a refusal is not a permission netwatch could be given: those count as not found.
            sample.ownersUnreadableProcesses = geteuid() == 0 ? 0 : lookup.unreadableProcesses
            sample.timings.ownersMs = (clock.now() - ownersStarted) * 1000
        }
        sample.timings.totalMs = (clock.now() - started) * 1000
        return sample
    }

    private func collectSockets(_ request: CollectRequest, into sample: inout RawSample) {
        if sample.source == .netlink {
            do {
                try collectFromNetlink(request, into: &sample)
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
        collectFromProcfs(request, into: &sample)
    }

    private func aggregator(_ request: CollectRequest, _ sample: RawSample) -> SocketAggregator {
        SocketAggregator(ephemeralRange: sample.sysctl.ipLocalPortRange,
                         reuseDelayMs: Int(sample.sysctl.tcpTwReuseDelay ?? 1000),
                         keepSockets: request.keepSockets, keepOnly: request.keepOnly)
    }

    private func collectFromNetlink(_ request: CollectRequest, into sample: inout RawSample) throws(SockDiagError) {
        var aggregator = aggregator(request, sample)
        var listeners = [ListenerRecord]()
        let states = request.walkSockets ? SockDiagClient.allStates : SockDiagClient.listenOnly
        for family in AddressFamily.allCases {
            do {
                _ = try client.dump(family: family, states: states, filter: request.filter) { socket in
                    if request.walkSockets { aggregator.add(socket) }
                    if socket.state == .listen { listeners.append(ListenerRecord(socket, backlogKnown: true)) }
                }
            } catch where family == .ipv6 && [ENOENT, EAFNOSUPPORT, EPROTONOSUPPORT].contains(error.errno) {
                sample.ipv6Missing = true
                sample.warnings.append("no IPv6 sockets: \(error)")
            }
        }
        sample.table = request.walkSockets ? aggregator.table : nil
        sample.tableTakenAt = request.walkSockets ? clock.now() : nil
        sample.listeners = listeners
    }

    private func collectFromProcfs(_ request: CollectRequest, into sample: inout RawSample) {
        if !request.walkSockets, let last = lastProcfsWalk {
            sample.listeners = last.listeners
            sample.skippedLines = last.skippedLines
            sample.warnings += last.warnings
            return
        }
        let warningsBefore = sample.warnings.count
        var aggregator = aggregator(request, sample)
        var listeners = [ListenerRecord]()
        var readAny = false
        for (file, family) in [("net/tcp", AddressFamily.ipv4), ("net/tcp6", .ipv6)] {
            switch root.readBytes(file, limit: ProcRoot.socketTableLimit) {
            case let .failure(error):
                if family == .ipv6 { sample.ipv6Missing = true }
                sample.warnings.append(error.description + (family == .ipv6 ? "; IPv6 sockets unknown" : "; IPv4 sockets unknown"))
            case let .success(bytes):
                readAny = true
                let outcome = bytes.withUnsafeBufferPointer { buffer in
                    ProcNetTCPParser.parse(bytes: buffer, family: family, filter: request.filter) { socket in
                        aggregator.add(socket)
                        if socket.state == .listen { listeners.append(ListenerRecord(socket, backlogKnown: false)) }
                    }
                }
                if outcome.skipped > 0 {
                    sample.skippedLines += outcome.skipped
                    sample.warnings.append("\(root.absolute(file)): skipped \(outcome.skipped) malformed line(s), first: '\(outcome.firstSkipped ?? "")'")
                }
            }
        }
        sample.table = readAny ? aggregator.table : nil
        sample.tableTakenAt = readAny ? clock.now() : nil
        sample.listeners = listeners
        lastProcfsWalk = (listeners, sample.skippedLines, Array(sample.warnings[warningsBefore...]))
    }
}
