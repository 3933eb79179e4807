import NetwatchCore

/// The live dashboard's collection, one frame at a time: the socket walk on its own cadence
/// (``WalkCadence``), the snapshot built against the previous sample. Socket owners are looked
/// up on every walk for the inodes not seen before (the ones known are carried), and all of them
/// again on a slower cadence; when a lookup costs more than ``ownerBudget`` of the interval the
/// new ones wait for that slower cadence too. It runs on the collection thread
/// (``BackgroundWorker``), away from keys and signals.
public final class LiveCollection {
    /// How often every socket owner is looked up again (an inode → pid scan reads every fd),
    /// so an owner that changed (a socket passed to another process) is seen; more often while
    /// a drill view lists the owners.
    public static let ownerRefreshSeconds = 10.0
    public static let drillOwnerRefreshSeconds = 3.0
    /// The share of the interval a lookup of new owners may cost before it waits for the refresh.
    public static let ownerBudget = 0.05
    /// Sockets kept individually: for a drill view's list, and with a filter to find the owners
    /// whose fds the fd pane shows.
    public static let drillSockets = 5_000
    public static let filterSockets = 20_000
    /// Seconds between socket walks (and process scans) while the namespaces view covers the
    /// panes that show them: the counters behind the trends are still read every tick. Every
    /// sock_diag dump goes over the host-wide socket hash, so a walk costs the same kernel work
    /// for 500 sockets as for none.
    public static let hiddenWalkSeconds = 10.0

    /// What one frame is collected for.
    public struct Request: Sendable {
        /// Seconds (monotonic) the frame is for.
        public var now: Double
        public var interval: Double
        public var filter: PortSet?
        public var drill: DrillTarget?
        /// What was collected before measured other sockets (the filter or drill changed): growth
        /// baselines and per-second changes start over, owners are looked up and the table walked.
        public var startOver: Bool
        /// The namespace to collect (the namespaces view's Enter); `nil`: the one netwatch started on.
        public var namespace: Netns?
        /// Run a namespaces overview pass (``NamespaceMonitor``) too.
        public var overview: OverviewPass?
        /// The namespaces view covers the panes that show sockets and processes: they are walked
        /// every ``LiveCollection/hiddenWalkSeconds``.
        public var panesHidden: Bool

        public init(now: Double, interval: Double, filter: PortSet?, drill: DrillTarget?, startOver: Bool,
                    namespace: Netns? = nil, overview: OverviewPass? = nil, panesHidden: Bool = false) {
            self.now = now
            self.interval = interval
            self.filter = filter
            self.drill = drill
            self.startOver = startOver
            self.namespace = namespace
            self.overview = overview
            self.panesHidden = panesHidden
        }
    }

    /// A namespaces overview pass: every namespace's counters, and the sockets of `all` of them or
    /// of a `share` (the rest carried from earlier passes).
    public enum OverviewPass: Sendable {
        case share, all
    }

    /// One collected frame.
    public struct Frame: Sendable {
        public var snapshot: Snapshot
        /// Monotonic seconds when the table shown was walked.
        public var tableTakenAt: Double?
        /// Whether this frame walked the socket table (else it carries the last walk's).
        public var walked: Bool
        /// The overview pass the request asked for, if it ran.
        public var overview: NamespaceOverview?
        /// The frame is of another namespace than the frame before it: the trend starts over.
        public var namespaceSwitched = false
        /// Why the requested namespace could not be entered (the frame is of the one before).
        public var namespaceError: String?
    }

    private var collector: Collector
    /// The collector netwatch started with (its own namespace, or `--netns`'s).
    private let startCollector: Collector
    /// Every namespace's summary and a collector for each; `nil` under `--proc-root`.
    private let monitor: NamespaceMonitor?
    private var cadence = WalkCadence()
    private var previous: RawSample?
    private var lastWalk: RawSample?
    private var growth = GrowthWindow()
    /// The walk destination growth is measured from, for this frame.
    private var growthBaseline: RawSample?
    private var ownersAt = -Double.infinity
    /// What the last lookup of new owners cost, seconds.
    private var newOwnersCost = 0.0

    public init(collector: Collector, monitor: NamespaceMonitor? = nil) {
        self.collector = collector
        self.startCollector = collector
        self.monitor = monitor
    }

    public func frame(for request: Request) -> Frame {
        let overview = request.overview.flatMap { monitor?.overview(walkingAll: $0 == .all) }
        let (switched, namespaceError) = switchNamespace(to: request.namespace)
        if request.startOver || switched { startOver() }
        if switched { previous = nil }   // another namespace's counters: no rates against them
        let now = request.now
        let walk = cadence.isDue(at: now, interval: request.interval,
                                 atLeast: request.panesHidden ? LiveCollection.hiddenWalkSeconds : 0)
        let ownerRefresh = request.drill == nil ? LiveCollection.ownerRefreshSeconds : LiveCollection.drillOwnerRefreshSeconds
        let refresh = now - ownersAt >= ownerRefresh
        let owners = walk && (refresh || newOwnersCost <= request.interval * LiveCollection.ownerBudget)
        // A drill narrows collection to its port (in the kernel) and keeps its sockets; a filter
        // keeps the matching sockets so their owners can be found for the fd pane.
        let filter = request.drill?.ports ?? request.filter
        let keep = request.drill != nil ? LiveCollection.drillSockets : (filter == nil ? 0 : LiveCollection.filterSockets)
        var collect = CollectRequest(walkSockets: walk, filter: filter, keepSockets: keep, keepOnly: request.drill,
                                     processes: walk, owners: owners)
        if owners, !refresh, let lastWalk, lastWalk.ownersScanned {
            // Each inode is looked up once per refresh period, found or not.
            collect.knownOwners = lastWalk.owners
            collect.ownersMissing = lastWalk.ownersMissing
        }
        var sample = collector.collect(collect)
        if walk {
            cadence.recordWalk(at: now, costSeconds: (sample.timings.socketsMs + sample.timings.processesMs
                                                      + (sample.timings.conntrackMs ?? 0)) / 1000)
            // After each full lookup new owners are tried again: an over-budget lookup then waits a refresh period.
            if owners { newOwnersCost = refresh ? 0 : (sample.timings.ownersMs ?? 0) / 1000 }
            if owners, refresh { ownersAt = now }
            if !owners { carryOwners(into: &sample) }
            if let lastWalk { growth.record(lastWalk) }
            growthBaseline = sample.tableTakenAt.flatMap { growth.baseline(at: $0) }
            lastWalk = sample
        } else if let lastWalk {
            sample.table = lastWalk.table
            sample.tableTakenAt = lastWalk.tableTakenAt
            sample.conntrack?.table = lastWalk.conntrack?.table
            sample.ipv6Missing = lastWalk.ipv6Missing
            sample.processes = lastWalk.processes
            sample.unreadableProcesses = lastWalk.unreadableProcesses
            carryOwners(into: &sample)
        }
        // Destination growth is measured over the growth window, also on ticks that carry a table.
        let snapshot = SnapshotBuilder.build(sample, previous: previous, tableBaseline: growthBaseline,
                                             options: .init(top: 100, filter: request.filter, drill: request.drill,
                                                            socketLimit: request.drill == nil ? 100 : LiveCollection.drillSockets,
                                                            advice: nil))   // the session runs the rules with the history
        previous = sample
        return Frame(snapshot: snapshot, tableTakenAt: sample.tableTakenAt, walked: walk, overview: overview,
                     namespaceSwitched: switched, namespaceError: namespaceError)
    }

    /// Collects `wanted` from now on (`nil`: the namespace netwatch started on).
    /// - Returns: whether the collector changed, and why `wanted` could not be entered.
    private func switchNamespace(to wanted: Netns?) -> (Bool, String?) {
        let shown = collector
        if let wanted, let monitor {
            if wanted.inode != (collector.namespace?.namespace.inode ?? monitor.ownInode) {
                do {
                    collector = try monitor.collector(for: wanted)
                } catch {
                    return (false, "\(error)")
                }
            }
        } else {
            collector = startCollector
        }
        guard collector !== shown else { return (false, nil) }
        // The tracer counts every namespace: the collector shown reads it, for its own namespace.
        if shown !== startCollector {
            shown.connectorCounter = nil
            shown.connectorsUnavailable = nil
        }
        collector.connectorCounter = startCollector.connectorCounter
        collector.connectorsUnavailable = startCollector.connectorsUnavailable
        collector.acceptWatch.mode = startCollector.acceptWatch.mode   // --accept-results
        return (true, nil)
    }

    /// Between lookups (and for a walk over the owner budget) the last owners stand.
    private func carryOwners(into sample: inout RawSample) {
        guard let lastWalk, lastWalk.ownersScanned else { return }
        sample.owners = lastWalk.owners
        sample.ownersMissing = lastWalk.ownersMissing
        sample.ownersScanned = true
    }

    private func startOver() {
        growth.reset()
        growthBaseline = nil
        lastWalk = nil
        previous?.table = nil   // its counters still give rates; its sockets were another view's
        cadence = WalkCadence()
        ownersAt = -Double.infinity
        newOwnersCost = 0
    }
}
