import Foundation
import NetwatchCore
import NetwatchLinux
import NetwatchUI

/// The live dashboard's frames, collected on their own thread (``LiveCollection`` on a
/// ``BackgroundWorker``) so that a tick costing more than the interval never delays keys or
/// signals: the run loop starts a collection when it is due (``TickSchedule``) and takes the
/// frame when the worker's descriptor says it is ready, then records it in the history.
final class LiveFeed: DashboardFeed {
    private let worker: BackgroundWorker<LiveCollection.Request, LiveCollection.Frame>
    private var history: History
    private var schedule: TickSchedule
    /// The next collection must start over (the filter or drill changed since the last started).
    private var startOver = false
    /// The running collection was started for a view that has changed since: its frame is dropped.
    private var runningIsStale = false

    let showsWallClock = true
    let failure: String? = nil

    /// Starts with an empty history sized by the settings' window and interval; the first
    /// collection is due at `now`. Create it after the dashboard's signals are blocked: the
    /// collection thread inherits the mask.
    init(collector: Collector, settings: DashboardSession.Settings, now: Double) throws(DashboardExit) {
        let collection = LiveCollection(collector: collector)
        do {
            worker = try BackgroundWorker { collection.frame(for: $0) }
        } catch {
            throw DashboardExit(status: 1, message: error.description)
        }
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
            if runningIsStale {
                runningIsStale = false
                schedule.restart(at: now)
            } else {
                show(frame, in: &model, now: now)
                changed = true
            }
        }
        if schedule.isDue(at: now) {
            schedule.start(at: now, interval: interval)
            worker.submit(LiveCollection.Request(now: now, interval: interval, filter: model.view.filter, drill: model.view.drill,
                                                 startOver: startOver))
            startOver = false
        }
        return changed
    }

    private func show(_ frame: LiveCollection.Frame, in model: inout DashboardModel, now: Double) {
        history.record(frame.snapshot)
        model.previous = model.snapshot
        model.snapshot = frame.snapshot
        model.history = history
        model.tableAgeSeconds = frame.tableTakenAt.map { max(0, now - $0) }
        model.clock = Date()
    }

    func handle(_ key: Key, model: inout DashboardModel, now: Double) -> Bool { false }

    /// What was collected before measured other sockets: the next collection starts over, at
    /// once (a running one's frame, for the old view, is dropped).
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
        return "interval \(String(format: "%g", seconds)) s"
    }
}
