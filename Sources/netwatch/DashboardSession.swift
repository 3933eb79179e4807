import CNcurses
import Foundation
import Glibc
import NetwatchCore
import NetwatchCurses
import NetwatchLinux
import NetwatchUI

/// The dashboard's run loop: collect on the tick, record history, draw, and between ticks wait
/// for a key or a signal (never busy, never sleeping through keys). One-way data flow:
/// Collector → SnapshotBuilder → History → DashboardModel → Dashboard.render → CursesTerminal.
final class DashboardSession {
    struct Settings {
        var interval: Double
        var filter: PortSet?
        var exportDirectory: String
        var glyphs: GlyphMode
        var noColor: Bool
        /// Where the advice rules start to speak (`[advice]` of the config file).
        var advice: AdviceThresholds
    }

    /// How long a status-line message stays, in seconds.
    static let statusSeconds = 8.0
    /// How often socket owners are looked up again (an inode → pid scan reads every fd);
    /// more often while a drill view lists the owners.
    static let ownerRefreshSeconds = 10.0
    static let drillOwnerRefreshSeconds = 3.0
    /// Sockets kept individually: for a drill view's list, and with a filter to find the owners
    /// whose fds the fd pane shows.
    static let drillSockets = 5_000
    static let filterSockets = 20_000

    private let collector: Collector
    private let catalog: ThemeCatalog
    private let settings: Settings
    private let clock = SystemClock()
    private let signals: Int32
    private let terminal: CursesTerminal
    private var model: DashboardModel
    /// What is on screen while paused; collection and history go on underneath.
    private var frozen: DashboardModel?
    private var history: History
    private var cadence = WalkCadence()
    private var previous: RawSample?
    private var lastWalk: RawSample?
    private var walkBefore: RawSample?
    private var ownersAt = -Double.infinity
    private var nextTick = 0.0
    private var statusUntil = 0.0
    private var themeIndex = 0
    private var theme: Theme

    init(collector: Collector, catalog: ThemeCatalog, theme: Theme, settings: Settings,
         environment: [String: String]) throws {
        nw_release_large_allocations()
        // Block the signals before curses or any thread starts, then read them as events.
        signals = nw_open_signalfd()
        guard signals >= 0 else { throw DashboardExit(status: 1, message: "cannot set up signal handling: \(String(cString: strerror(errno)))") }
        self.collector = collector
        self.catalog = catalog
        self.settings = settings
        self.theme = theme
        themeIndex = catalog.names().firstIndex(of: theme.name) ?? 0
        history = History(windowSeconds: 15 * 60, intervalSeconds: settings.interval)
        var view = ViewState(intervalSeconds: settings.interval)
        view.filter = settings.filter
        model = DashboardModel(snapshot: nil, history: history, view: view,
                               themeName: theme.name, glyphMode: settings.glyphs, clock: Date())
        do {
            terminal = try CursesTerminal(theme: theme, noColor: settings.noColor, environment: environment)
        } catch {
            close(signals)
            throw DashboardExit(status: 2, message: error.description)
        }
        nextTick = clock.now()
    }

    /// Runs until `q` or a terminating signal; returns the exit status. The terminal is always
    /// restored before this returns.
    func run() -> Int32 {
        defer {
            terminal.end()
            close(signals)
        }
        tick()
        draw()
        while true {
            let now = clock.now()
            if now >= nextTick {
                tick()
                draw()
                continue
            }
            let waitMs = Int32(min(1000, max(1, ((nextTick - now) * 1000).rounded(.up))))
            let ready = nw_poll2(STDIN_FILENO, signals, waitMs)
            if ready & 2 != 0, let status = handleSignals() { return status }
            if ready & 1 != 0 {
                for key in terminal.pendingKeys() {
                    if handle(key) { return 0 }
                }
                draw()
            }
            if statusUntil > 0, clock.now() >= statusUntil { setStatus(nil) }
        }
    }

    // MARK: Collection

    private func tick() {
        let now = clock.now()
        nextTick = max(nextTick + model.view.intervalSeconds, now + model.view.intervalSeconds / 2)
        let walk = cadence.isDue(at: now, interval: model.view.intervalSeconds)
        let view = model.view
        let ownerRefresh = view.drill == nil ? DashboardSession.ownerRefreshSeconds : DashboardSession.drillOwnerRefreshSeconds
        let owners = walk && now - ownersAt >= ownerRefresh
        // A drill narrows collection to its port (in the kernel) and keeps its sockets; a filter
        // keeps the matching sockets so their owners can be found for the fd pane.
        let filter = view.drill?.ports ?? view.filter
        let keep = view.drill != nil ? DashboardSession.drillSockets : (filter == nil ? 0 : DashboardSession.filterSockets)
        var sample = collector.collect(CollectRequest(walkSockets: walk, filter: filter, keepSockets: keep, keepOnly: view.drill,
                                                      processes: walk, owners: owners))
        if walk {
            cadence.recordWalk(at: now, costSeconds: (sample.timings.socketsMs + sample.timings.processesMs) / 1000)
            if owners { ownersAt = now } else { carryOwners(into: &sample) }
            walkBefore = lastWalk
            walkBefore?.table = lastWalk?.table?.destinationsOnly
            lastWalk = sample
        } else if let lastWalk {
            sample.table = lastWalk.table
            sample.tableTakenAt = lastWalk.tableTakenAt
            sample.ipv6Missing = lastWalk.ipv6Missing
            sample.processes = lastWalk.processes
            sample.unreadableProcesses = lastWalk.unreadableProcesses
            carryOwners(into: &sample)
        }
        // Destination growth is measured between the last two walks, also on ticks that carry a table.
        var snapshot = SnapshotBuilder.build(sample, previous: previous, tableBaseline: walkBefore,
                                             options: .init(top: 100, filter: view.filter, drill: view.drill,
                                                            socketLimit: view.drill == nil ? 100 : DashboardSession.drillSockets,
                                                            advice: settings.advice))
        previous = sample
        history.record(snapshot)
        // The rules again, now with the history (spikes against their usual rate, "still rising").
        snapshot.advice = AdviceEngine.findings(for: snapshot, history: history, thresholds: settings.advice)
        let age = sample.tableTakenAt.map { max(0, clock.now() - $0) }
        model.previous = model.snapshot
        model.snapshot = snapshot
        model.history = history
        model.tableAgeSeconds = age
        model.clock = Date()
    }

    /// Owners are looked up on a slower cadence; between lookups the last ones stand.
    private func carryOwners(into sample: inout RawSample) {
        guard let lastWalk, lastWalk.ownersScanned else { return }
        sample.owners = lastWalk.owners
        sample.ownersScanned = true
    }

    // MARK: Input

    /// Applies one key to what is on screen (the frozen model while paused); returns true to quit.
    private func handle(_ key: Key) -> Bool {
        let effects: [Effect]
        if var shown = frozen {
            effects = shown.handle(key)
            frozen = shown
            model.view = shown.view
        } else {
            effects = model.handle(key)
        }
        if model.view.paused && frozen == nil { frozen = model }
        if !model.view.paused { frozen = nil }
        for effect in effects {
            switch effect {
            case .quit: return true
            case .export: export()
            case .cycleTheme: cycleTheme()
            case let .setInterval(seconds): changeInterval(to: seconds)
            case .redraw: terminal.invalidate()
            case .filterChanged, .drillChanged: restartCollection()
            }
        }
        return false
    }

    /// The filter or drill target changed: what was collected before measured other sockets, so
    /// growth baselines and per-second changes start over, owners are looked up now, and the
    /// next tick walks at once.
    private func restartCollection() {
        walkBefore = nil
        lastWalk = nil
        previous?.table = nil   // its counters still give rates; its sockets were another view's
        cadence = WalkCadence()
        ownersAt = -Double.infinity
        model.previous = nil
        nextTick = clock.now()
    }

    private func export() {
        guard let snapshot = (frozen ?? model).snapshot else { return setStatus("nothing to export yet") }
        do {
            let path = try SnapshotExport.write(snapshot, history: history, directory: settings.exportDirectory, at: Date())
            setStatus("exported \(path)")
        } catch {
            setStatus("export failed: \(error)")
        }
    }

    private func cycleTheme() {
        let (index, result) = catalog.cycle(from: themeIndex)
        themeIndex = index
        switch result {
        case let .success(next):
            theme = next
            terminal.apply(next)
            model.themeName = next.name
            frozen?.themeName = next.name
            setStatus("theme \(next.name)")
        case let .failure(error):
            setStatus("theme not changed: \(error)")
        }
    }

    private func changeInterval(to seconds: Double) {
        history = history.rescaled(intervalSeconds: seconds)
        model.history = history
        nextTick = clock.now() + seconds
        setStatus("interval \(String(format: "%g", seconds)) s")
    }

    private func setStatus(_ message: String?) {
        model.view.statusMessage = message
        frozen?.view.statusMessage = message
        statusUntil = message == nil ? 0 : clock.now() + DashboardSession.statusSeconds
        draw()
    }

    // MARK: Signals

    /// Handles pending signals; returns an exit status when one ends the dashboard.
    private func handleSignals() -> Int32? {
        while true {
            let signal = nw_read_signal(signals)
            switch signal {
            case 0: return nil
            case SIGINT, SIGTERM, SIGHUP: return 128 + signal
            case SIGWINCH:
                var rows: Int32 = 0, columns: Int32 = 0
                nw_terminal_size(STDOUT_FILENO, &rows, &columns)
                terminal.resize(rows: Int(rows), columns: Int(columns))
                draw()
            case SIGTSTP:
                terminal.suspend()
                nw_stop_self()
                terminal.resume()
                draw()
            case SIGCONT:
                terminal.resume()
                draw()
            default: continue
            }
        }
    }

    // MARK: Drawing

    private func draw() {
        let (width, height) = terminal.size
        var shown = frozen ?? model
        shown.clock = frozen == nil ? Date() : shown.clock
        shown.syncView(width: width, height: height)
        model.view = shown.view
        terminal.present(Dashboard.render(shown, width: width, height: height))
    }
}
