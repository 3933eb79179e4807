import Glibc
import NetwatchCore

/// The namespaces overview: on each ``overview(walkingAll:)``, discovery, one process scan shared
/// by all, and per namespace its counters and sysctls (constant cost), and a socket walk through
/// its own sock_diag socket (aggregated while streaming; no sockets kept, no owner lookup) —
/// for every namespace, or in the dashboard for the ones walked longest ago, so that each is
/// walked every ``walkSpreadPasses`` passes; the others carry their last walk (sockets, listeners,
/// sysctls) and read only their counters, through a process in them. Each is analysed
/// against its previous pass. The one being viewed gets its full collection from ``collector(for:)``.
public final class NamespaceMonitor {
    public let discovery: NamespaceDiscovery
    let thread: NamespaceThread
    let clock: SampleClock
    let scanner: ProcessScanner
    /// The advice thresholds each namespace's rules run with.
    public var thresholds: AdviceThresholds
    /// Open namespaces by inode, with their last pass.
    private var entries: [UInt64: Entry] = [:]
    /// The names of the namespaces the last pass listed, to say which left.
    private var listed: [UInt64: String] = [:]
    /// netwatch's own namespace: collected without entering it (no privilege needed).
    public let ownInode: UInt64?

    /// How many dashboard passes it takes to walk every namespace's sockets once. A walk costs
    /// the kernel a pass over the host-wide socket hash (shared by all namespaces), so walking
    /// all of them every tick would cost as much as running `ss` in each.
    public static let walkSpreadPasses = 20

    private struct Entry {
        let collector: Collector
        var previous: RawSample?
        /// The last pass that walked the sockets, and the one before (for destination growth).
        var lastWalk: RawSample?
        var walkBefore: RawSample?
        /// The pass number of the last walk.
        var walkedPass = -1
    }

    /// Passes so far.
    private var passes = 0

    public init(root: ProcRoot = ProcRoot(), clock: SampleClock = SystemClock(), thresholds: AdviceThresholds = AdviceThresholds()) throws(NamespaceEntryError) {
        discovery = NamespaceDiscovery(root: root)
        thread = try NamespaceThread()
        self.clock = clock
        scanner = ProcessScanner(root: root, clock: clock)
        self.thresholds = thresholds
        ownInode = root.readLink("self/ns/net").flatMap(NamespaceDiscovery.inode(inLink:))
    }

    /// Every namespace with its summary; the ones that left since the last call in `departed`.
    /// - Parameter walkingAll: walk every namespace's sockets (`snapshot --all-netns`); `false`
    ///   walks only the share of this pass, those never walked first (until then a row has its
    ///   counters but no socket table).
    public func overview(walkingAll: Bool = true) -> NamespaceOverview {
        passes += 1
        let started = Self.processSeconds()
        let found = discovery.discover()
        let walked = walkingAll ? Set(found.namespaces.map(\.inode)) : walkSet(found.namespaces)
        let scan = scanner.scan()
        var processes = [UInt64: [ProcessFDUsage]]()
        for usage in scan.processes {
            if let inode = found.members[usage.process.pid] { processes[inode, default: []].append(usage) }
        }
        var rows = [NamespaceSummary]()
        for namespace in found.namespaces {
            switch entry(for: namespace) {
            case let .failure(error):
                rows.append(NamespaceSummary(namespace: namespace, unavailable: error.description))
            case var .success(entry):
                let walk = walked.contains(namespace.inode)
                // Between walks: counters only; the sockets, listeners and sysctls of the last walk stand.
                var sample = entry.collector.collect(CollectRequest(walkSockets: walk, processes: false, owners: false,
                                                                    listeners: walk, sysctls: walk))
                sample.processes = processes[namespace.inode] ?? []
                if walk {
                    entry.walkBefore = entry.lastWalk
                    entry.walkBefore?.table = entry.lastWalk?.table?.destinationsOnly
                    entry.lastWalk = sample
                    entry.walkedPass = passes
                } else if let last = entry.lastWalk {
                    sample.table = last.table
                    sample.tableTakenAt = last.tableTakenAt
                    sample.ipv6Missing = last.ipv6Missing
                    sample.listeners = last.listeners
                    sample.sysctl = last.sysctl
                }
                let snapshot = SnapshotBuilder.build(sample, previous: entry.previous, tableBaseline: entry.walkBefore,
                                                     options: .init(top: 5, advice: thresholds))
                entry.previous = sample
                entries[namespace.inode] = entry
                rows.append(NamespaceSummary(namespace: namespace, snapshot: snapshot))
            }
        }
        let present = Set(found.namespaces.map(\.inode))
        entries = entries.filter { present.contains($0.key) }
        let departed = listed.filter { !present.contains($0.key) }.map(\.value).sorted()
        listed = Dictionary(uniqueKeysWithValues: found.namespaces.map { ($0.inode, $0.name) })
        var overview = NamespaceOverview(rows: rows, departed: departed, own: ownInode)
        overview.costMs = (Self.processSeconds() - started) * 1000
        return overview
    }

    /// CPU seconds netwatch has used (all threads, user and system: the kernel's socket walks
    /// count): what a pass costs, unlike wall time, which a busy host stretches.
    static func processSeconds() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// The namespaces this pass walks: the share of ``walkSpreadPasses`` walked longest ago.
    private func walkSet(_ namespaces: [Netns]) -> Set<UInt64> {
        let share = (namespaces.count + Self.walkSpreadPasses - 1) / Self.walkSpreadPasses
        let oldest = namespaces.sorted { (entries[$0.inode]?.walkedPass ?? -1) < (entries[$1.inode]?.walkedPass ?? -1) }
        return Set(oldest.prefix(share).map(\.inode))
    }

    /// A full collector for the namespace with `inode` (the one being viewed), sharing its
    /// open handle with the overview; `nil` for netwatch's own namespace (the plain collector).
    /// - Throws: ``NamespaceEntryError`` when it is gone or cannot be entered.
    public func collector(for namespace: Netns) throws(NamespaceEntryError) -> Collector {
        try entry(for: namespace).get().collector
    }

    private func entry(for namespace: Netns) -> Result<Entry, NamespaceEntryError> {
        if let entry = entries[namespace.inode] {
            entry.collector.namespace?.update(namespace)
            return .success(entry)
        }
        let root = discovery.root
        if namespace.inode == ownInode {
            let entry = Entry(collector: Collector(root: root, useNetlink: true, clock: clock))
            entries[namespace.inode] = entry
            return .success(entry)
        }
        do {
            let handle = try NamespaceHandle(namespace, root: root, thread: thread)
            let entry = Entry(collector: Collector(root: root, useNetlink: true, clock: clock, namespace: handle))
            entries[namespace.inode] = entry
            return .success(entry)
        } catch {
            return .failure(error)
        }
    }
}
