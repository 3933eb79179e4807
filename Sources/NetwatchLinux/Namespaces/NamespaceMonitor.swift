import Foundation
import NetwatchCore

/// The namespaces overview: on each ``overview()``, discovery, one process scan shared by all,
/// and per namespace its counters, sysctls and a socket walk through its own sock_diag socket
/// (aggregated while streaming; no sockets kept, no owner lookup), analysed against its previous
/// pass. The one being viewed gets its full collection from ``collector(for:)``.
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

    private struct Entry {
        let collector: Collector
        var previous: RawSample?
    }

    public init(root: ProcRoot = ProcRoot(), clock: SampleClock = SystemClock(), thresholds: AdviceThresholds = AdviceThresholds()) throws(NamespaceEntryError) {
        discovery = NamespaceDiscovery(root: root)
        thread = try NamespaceThread()
        self.clock = clock
        scanner = ProcessScanner(root: root, clock: clock)
        self.thresholds = thresholds
        ownInode = root.readLink("self/ns/net").flatMap(NamespaceDiscovery.inode(inLink:))
    }

    /// Every namespace with its summary; the ones that left since the last call in `departed`.
    public func overview() -> NamespaceOverview {
        let found = discovery.discover()
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
                var sample = entry.collector.collect(CollectRequest(processes: false, owners: false))
                sample.processes = processes[namespace.inode] ?? []
                let snapshot = SnapshotBuilder.build(sample, previous: entry.previous, options: .init(top: 5, advice: thresholds))
                entry.previous = sample
                entries[namespace.inode] = entry
                rows.append(NamespaceSummary(namespace: namespace, snapshot: snapshot))
            }
        }
        let present = Set(found.namespaces.map(\.inode))
        entries = entries.filter { present.contains($0.key) }
        let departed = listed.filter { !present.contains($0.key) }.map(\.value).sorted()
        listed = Dictionary(uniqueKeysWithValues: found.namespaces.map { ($0.inode, $0.name) })
        return NamespaceOverview(rows: rows, departed: departed, own: ownInode)
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
