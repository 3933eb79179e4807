import Foundation
import NetwatchCore
import NetwatchLinux
import NetwatchUI

/// The live dashboard's frames: collect on the tick (the socket walk on its own cadence), build
/// the snapshot against the previous sample, record history. Socket owners are looked up on
/// every walk for the inodes not seen before (the ones known are carried), and all of them
/// again on a slower cadence; when a lookup costs more than ``ownerBudget`` of the interval the
/// new ones wait for that slower cadence too.
final class LiveFeed: DashboardFeed {
    /// How often every socket owner is looked up again (an inode → pid scan reads every fd),
    /// so an owner that changed (a socket passed to another process) is seen; more often while
    /// a drill view lists the owners.
    static let ownerRefreshSeconds = 10.0
    static let drillOwnerRefreshSeconds = 3.0
    /// The share of the interval a lookup of new owners may cost before it waits for the refresh.
    static let ownerBudget = 0.05
    /// Sockets kept individually: for a drill view's list, and with a filter to find the owners
    /// whose fds the fd pane shows.
    static let drillSockets = 5_000
    static let filterSockets = 20_000

    private let collector: Collector
    private var history: History
    private var cadence = WalkCadence()
    private var previous: RawSample?
    private var lastWalk: RawSample?
    private var growth = GrowthWindow()
    /// The walk destination growth is measured from, for this tick.
    private var growthBaseline: RawSample?
    private var ownersAt = -Double.infinity
    /// What the last lookup of new owners cost, seconds.
    private var newOwnersCost = 0.0
    private(set) var nextTick: Double

    let pollDescriptor: Int32 = -1
    let showsWallClock = true
    let failure: String? = nil

    /// Starts with an empty history sized by the settings' window and interval; the first tick is due at `now`.
    init(collector: Collector, settings: DashboardSession.Settings, now: Double) {
        self.collector = collector
        history = History(windowSeconds: settings.historySeconds, intervalSeconds: settings.interval)
        nextTick = now
    }

    func update(_ model: inout DashboardModel, now: Double) {
        let interval = model.view.intervalSeconds
        nextTick = max(nextTick + interval, now + interval / 2)
        let walk = cadence.isDue(at: now, interval: interval)
        let view = model.view
        let ownerRefresh = view.drill == nil ? LiveFeed.ownerRefreshSeconds : LiveFeed.drillOwnerRefreshSeconds
        let refresh = now - ownersAt >= ownerRefresh
        let owners = walk && (refresh || newOwnersCost <= interval * LiveFeed.ownerBudget)
        // A drill narrows collection to its port (in the kernel) and keeps its sockets; a filter
        // keeps the matching sockets so their owners can be found for the fd pane.
        let filter = view.drill?.ports ?? view.filter
        let keep = view.drill != nil ? LiveFeed.drillSockets : (filter == nil ? 0 : LiveFeed.filterSockets)
        var request = CollectRequest(walkSockets: walk, filter: filter, keepSockets: keep, keepOnly: view.drill,
                                     processes: walk, owners: owners)
        if owners, !refresh, let lastWalk, lastWalk.ownersScanned { request.knownOwners = lastWalk.owners }
        var sample = collector.collect(request)
        if walk {
            cadence.recordWalk(at: now, costSeconds: (sample.timings.socketsMs + sample.timings.processesMs) / 1000)
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
            sample.ipv6Missing = lastWalk.ipv6Missing
            sample.processes = lastWalk.processes
            sample.unreadableProcesses = lastWalk.unreadableProcesses
            carryOwners(into: &sample)
        }
        // Destination growth is measured over the growth window, also on ticks that carry a table.
        let snapshot = SnapshotBuilder.build(sample, previous: previous, tableBaseline: growthBaseline,
                                             options: .init(top: 100, filter: view.filter, drill: view.drill,
                                                            socketLimit: view.drill == nil ? 100 : LiveFeed.drillSockets,
                                                            advice: nil))   // the session runs the rules with the history
        previous = sample
        history.record(snapshot)
        model.previous = model.snapshot
        model.snapshot = snapshot
        model.history = history
        model.tableAgeSeconds = sample.tableTakenAt.map { max(0, now - $0) }
        model.clock = Date()
    }

    /// Owners are looked up on a slower cadence; between lookups the last ones stand.
    private func carryOwners(into sample: inout RawSample) {
        guard let lastWalk, lastWalk.ownersScanned else { return }
        sample.owners = lastWalk.owners
        sample.ownersScanned = true
    }

    func handle(_ key: Key, model: inout DashboardModel, now: Double) -> Bool { false }

    /// What was collected before measured other sockets, so growth baselines and per-second
    /// changes start over, owners are looked up now, and the next tick walks at once.
    func viewChanged(_ view: ViewState, now: Double) -> String? {
        growth.reset()
        growthBaseline = nil
        lastWalk = nil
        previous?.table = nil   // its counters still give rates; its sockets were another view's
        cadence = WalkCadence()
        ownersAt = -Double.infinity
        newOwnersCost = 0
        nextTick = now
        return nil
    }

    func changeInterval(to seconds: Double, model: inout DashboardModel, now: Double) -> String {
        history = history.rescaled(intervalSeconds: seconds)
        model.history = history
        nextTick = now + seconds
        return "interval \(String(format: "%g", seconds)) s"
    }
}
