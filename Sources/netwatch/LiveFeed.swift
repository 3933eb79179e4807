import FoundationEssentials
import NetwatchCore
import NetwatchLinux
import NetwatchUI

/// The live dashboard's frames, collected on their own thread (``LiveCollection`` on a
/// ``BackgroundWorker``) so that a tick costing more than the interval never delays keys or
/// signals: the run loop starts a collection when it is due (``TickSchedule``) and takes the
/// frame when the worker's descriptor says it is ready, then records it in the history. The
/// namespaces overview runs on the same thread, as part of a collection when it is due.
final class LiveFeed: DashboardFeed {
    /// How often the namespaces overview runs while its view is closed (for the advice about
    /// other namespaces; a pass scans every process and reads every namespace's counters, about
    /// 0.4 % of a core at a 5 s period on a quiet host, so the closed view waits longer); every
    /// tick while it is open, unless a pass costs more than ``overviewBudget`` of the time between
    /// passes (many namespaces), which spaces passes out.
    static let overviewSeconds = 30.0
    static let overviewBudget = 0.01

    private let worker: BackgroundWorker<LiveCollection.Request, LiveCollection.Frame>
    private var history: History
    private var schedule: TickSchedule
    /// The next collection must start over (the filter, drill or namespace changed since the last started).
    private var startOver = false
    /// The running collection was started for a view that has changed since: its frame is dropped.
    private var runningIsStale = false
    /// Whether there is a namespaces overview to run (not under `--proc-root`).
    private let hasOverview: Bool
    private var overviewCadence = WalkCadence(budget: LiveFeed.overviewBudget)
    /// Overview passes asked for so far: the first walks every namespace (a complete list at once;
    /// its cost, paid once, does not space out the passes after it).
    private var overviewPasses = 0
    /// The namespace netwatch started on, said when a viewed one leaves.
    private let startNamespaceName: String?

    let showsWallClock = true
    let failure: String? = nil

    /// Starts with an empty history sized by the settings' window and interval; the first
    /// collection is due at `now`. Create it after the dashboard's signals are blocked: the
    /// collection thread inherits the mask.
    init(collector: Collector, monitor: NamespaceMonitor?, settings: DashboardSession.Settings, now: Double) throws(DashboardExit) {
        let collection = LiveCollection(collector: collector, monitor: monitor)
        do {
            worker = try BackgroundWorker { collection.frame(for: $0) }
        } catch {
            throw DashboardExit(status: 1, message: error.description)
        }
        hasOverview = monitor != nil
        startNamespaceName = collector.namespace?.namespace.name
        // The first overview waits for `n` or the slow cadence: not before the first frame.
        overviewCadence.recordWalk(at: now, costSeconds: 0)
        history = History(windowSeconds: settings.historySeconds, intervalSeconds: settings.interval)
        schedule = TickSchedule(now: now)
    }

    var nextTick: Double { schedule.nextTick }
    var pollDescriptor: Int32 { worker.finishedDescriptor }

    /// Takes a finished frame (then the model changed) and starts the next collection when it is due.
    func update(_ model: inout DashboardModel, now: Double) -> Bool {
        let interval = model.view.intervalSeconds
        var changed = false
        if schedule.running, let frame = worker.take() {
            schedule.finish(at: now, interval: interval)
            if let overview = frame.overview { show(overview, in: &model, now: now) }
            if runningIsStale {
                runningIsStale = false
                schedule.restart(at: now)
            } else {
                show(frame, in: &model, now: now)
            }
            changed = true
        }
        if schedule.isDue(at: now) {
            schedule.start(at: now, interval: interval)
            worker.submit(LiveCollection.Request(now: now, interval: interval, filter: model.view.filter, drill: model.view.drill,
                                                 startOver: startOver, namespace: model.view.viewedNamespace,
                                                 overview: overviewPass(model.view, now: now),
                                                 panesHidden: model.view.namespacesShown && !model.view.adviceShown))
            startOver = false
        }
        return changed
    }

    /// The overview pass the next collection runs, if one is due: every tick while the view is
    /// open, every ``overviewSeconds`` while it is closed, spaced out when passes cost more.
    private func overviewPass(_ view: ViewState, now: Double) -> LiveCollection.OverviewPass? {
        let interval = view.namespacesShown ? view.intervalSeconds : max(LiveFeed.overviewSeconds, view.intervalSeconds)
        guard hasOverview, overviewCadence.isDue(at: now, interval: interval) else { return nil }
        overviewPasses += 1
        // Its cost is recorded when it comes back; until then it counts as not due again.
        overviewCadence.recordWalk(at: now, costSeconds: 0)
        return overviewPasses == 1 ? .all : .share
    }

    private func show(_ frame: LiveCollection.Frame, in model: inout DashboardModel, now: Double) {
        if frame.namespaceSwitched {
            // Another namespace: its trend starts over.
            history = History(windowSeconds: history.windowSeconds, intervalSeconds: model.view.intervalSeconds)
        }
        if let error = frame.namespaceError { model.view.statusMessage = error }
        history.record(frame.snapshot)
        model.previous = frame.namespaceSwitched ? nil : model.snapshot
        model.snapshot = frame.snapshot
        model.history = history
        model.tableAgeSeconds = frame.tableTakenAt.map { max(0, now - $0) }
        model.clock = Date()
    }

    /// Takes a new overview; a namespace that left is said on the status line, and when it is the
    /// one on screen the view goes back to the one netwatch started on.
    private func show(_ overview: NamespaceOverview, in model: inout DashboardModel, now: Double) {
        if overviewPasses > 1, let cost = overview.costMs {
            overviewCadence.recordWalk(at: now, costSeconds: cost / 1000)
        }
        model.namespaces = overview
        guard !overview.departed.isEmpty else { return }
        var message = "netns \(overview.departed.joined(separator: ", ")) left"
        if let viewed = model.view.viewedNamespace, !overview.rows.contains(where: { $0.namespace.inode == viewed.inode }) {
            model.view.viewedNamespace = nil
            _ = viewChanged(model.view, now: now)
            message += "; back to " + (startNamespaceName ?? "netwatch's own namespace")
        }
        model.view.statusMessage = message
    }

    func handle(_ key: Key, model: inout DashboardModel, now: Double) -> Bool { false }

    /// What was collected before measured other sockets (or another namespace): the next
    /// collection starts over, at once (a running one's frame, for the old view, is dropped).
    func viewChanged(_ view: ViewState, now: Double) -> String? {
        startOver = true
        runningIsStale = schedule.running
        schedule.restart(at: now)
        return nil
    }

    func changeInterval(to seconds: Double, model: inout DashboardModel, now: Double) -> String {
        history = history.rescaled(intervalSeconds: seconds)
        model.history = history
        schedule.restart(at: now + seconds)
        return "interval \(CFormat.string("%g", seconds)) s"
    }
}
