import CNcurses
import FoundationEssentials
import Glibc
import NetwatchCore
import NetwatchCurses
import NetwatchLinux
import NetwatchUI

/// The dashboard's run loop: ask the feed for a frame when it is due, draw, and between frames
/// wait for a key, a signal or the feed's data (never busy, never sleeping through keys).
/// One-way data flow: feed (Collector → SnapshotBuilder → History, or a recording) →
/// DashboardModel → Dashboard.render → CursesTerminal.
final class DashboardSession {
    struct Settings {
        var interval: Double
        /// The trend window, in seconds (`--history`).
        var historySeconds: Double
        var filter: PortSet?
        var exportDirectory: String
        var glyphs: GlyphMode
        var noColor: Bool
        /// Keys come from /dev/tty rather than standard input (which carries a replayed stream).
        var keysFromTerminalDevice = false
        /// Asked once per tick for the header's caption (`netwatch demo` advances its script then).
        var caption: (() -> String?)? = nil
        /// Where the advice rules start to speak (`[advice]` of the config file).
        var advice = AdviceThresholds()
    }

    /// How long the first screen waits for the first collection, in seconds.
    static let firstFrameSeconds = 0.25

    private let catalog: ThemeCatalog
    private let settings: Settings
    private let clock = SystemClock()
    private let signals: Int32
    private let terminal: CursesTerminal
    private let feed: any DashboardFeed
    private var model: DashboardModel
    /// What is on screen while paused; collection and history go on underneath.
    private var frozen: DashboardModel?
    private var themeIndex = 0
    private var theme: Theme
    /// Why the session ended early (the feed failed); printed by the command after the
    /// terminal is restored.
    private(set) var failure: String?

    /// - Parameter makeFeed: builds the feed once the session's clock and signals are set up,
    ///   given the clock's current time.
    init(catalog: ThemeCatalog, theme: Theme, settings: Settings, environment: [String: String],
         makeFeed: (Double) throws -> any DashboardFeed) throws {
        nw_release_large_allocations()
        // Block the signals before curses or any thread starts, then read them as events.
        signals = nw_open_signalfd()
        guard signals >= 0 else { throw DashboardExit(status: 1, message: "cannot set up signal handling: \(String(cString: strerror(errno)))") }
        self.catalog = catalog
        self.settings = settings
        self.theme = theme
        themeIndex = catalog.names().firstIndex(of: theme.name) ?? 0
        var view = ViewState(intervalSeconds: settings.interval)
        view.filter = settings.filter
        model = DashboardModel(snapshot: nil, history: History(windowSeconds: settings.historySeconds, intervalSeconds: settings.interval),
                               view: view, themeName: theme.name, glyphMode: settings.glyphs, clock: Date())
        do {
            feed = try makeFeed(SystemClock().now())
            terminal = try CursesTerminal(theme: theme, noColor: settings.noColor, environment: environment,
                                          keysFromTerminalDevice: settings.keysFromTerminalDevice)
            if !terminal.localeIsUTF8 && model.glyphMode == .unicode {
                model.glyphMode = .ascii
                model.view.statusMessage = DashboardSession.asciiLocaleNotice(environment)
            }
        } catch let error as CursesTerminal.UnknownTerminal {
            close(signals)
            throw DashboardExit(status: 2, message: error.description)
        } catch {
            close(signals)
            throw error
        }
    }

    /// Said on the status line when the locale forces ASCII glyphs.
    static func asciiLocaleNotice(_ environment: [String: String]) -> String {
        let name = ["LC_ALL", "LC_CTYPE", "LANG"].lazy.compactMap { key in environment[key].flatMap { $0.isEmpty ? nil : "\(key)=\($0)" } }.first ?? "LANG unset"
        return "ASCII glyphs: the locale is not UTF-8 (\(name)); LANG=C.UTF-8 gives block charts"
    }

    /// Runs until `q`, a terminating signal or a feed failure; returns the exit status. The
    /// terminal is always restored before this returns.
    func run() -> Int32 {
        defer {
            terminal.end()
            close(signals)
        }
        _ = tick()
        awaitFirstFrame()
        draw()
        while failure == nil {
            if clock.now() >= feed.nextTick, tick() { draw() }
            if failure != nil { break }
            // Keys and signals are looked at between any two ticks, also when the next is due at
            // once (a replay reading a large file in bounded steps).
            let now = clock.now()
            let waitMs = now >= feed.nextTick ? 0 : Int32(min(1000, max(1, ((feed.nextTick - now) * 1000).rounded(.up))))
            let ready = nw_poll3(terminal.keyDescriptor, signals, feed.pollDescriptor, waitMs)
            if ready & 2 != 0, let status = handleSignals() { return status }
            // The terminal is gone (its tmux or ssh ended) and no SIGHUP came: end as if it had.
            if ready & 8 != 0 { return 128 + SIGHUP }
            if ready & 1 != 0 {
                for key in terminal.pendingKeys() {
                    if handle(key) { return 0 }
                }
                draw()
            }
            if ready & 4 != 0, tick() { draw() }
            expireStatus()
        }
        return 1
    }

    /// The first screen shows data when the first collection (on the feed's thread) takes less than
    /// ``firstFrameSeconds``; a slower one (a huge proc tree) gets the dashboard at once and its data
    /// when it comes. A signal ends the wait, to be handled by the loop.
    private func awaitFirstFrame() {
        guard model.snapshot == nil, feed.pollDescriptor >= 0 else { return }
        let ready = nw_poll3(-1, signals, feed.pollDescriptor, Int32(DashboardSession.firstFrameSeconds * 1000))
        if ready & 4 != 0, ready & 2 == 0 { _ = tick() }
    }

    /// Asks the feed for its frame; returns whether the model changed (a live tick that only
    /// starts a collection does not: its frame comes later).
    private func tick() -> Bool {
        let changed = feed.update(&model, now: clock.now())
        failure = feed.failure
        guard changed else { return false }
        model.caption = settings.caption?()
        diagnose()
        return true
    }

    /// The advice rules on the frame, with the history (spikes against their usual rate, "still
    /// rising"): live, on what was just collected; in a replay, on the recorded frame shown.
    private func diagnose() {
        guard var snapshot = model.snapshot else { return }
        snapshot.advice = AdviceEngine.findings(for: snapshot, history: model.history, thresholds: settings.advice)
        if let namespaces = model.namespaces { snapshot.advice = namespaces.adding(to: snapshot.advice, besides: snapshot.namespace) }
        model.snapshot = snapshot
    }

    // MARK: Input

    /// Applies one key to what is on screen (the frozen model while paused); returns true to quit.
    private func handle(_ key: Key) -> Bool {
        let view = model.view
        if !view.helpShown, view.prompt == nil, !view.adviceShown, feed.handle(key, model: &model, now: clock.now()) {
            diagnose()
            return false
        }
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
            case let .setInterval(seconds): setStatus(feed.changeInterval(to: seconds, model: &model, now: clock.now()))
            case .redraw: terminal.invalidate()
            case .filterChanged, .drillChanged, .namespaceChanged:
                model.previous = nil
                if let message = feed.viewChanged(model.view, now: clock.now()) { setStatus(message) }
            }
        }
        return false
    }

    private func export() {
        let shown = frozen ?? model
        guard let snapshot = shown.snapshot else { return setStatus("nothing to export yet") }
        do {
            let path = try SnapshotExport.write(snapshot, history: shown.history, directory: settings.exportDirectory, at: Date())
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

    private func setStatus(_ message: String?) {
        model.view.statusMessage = message
        frozen?.view.statusMessage = message
        draw()
    }

    /// Clears the status message once its time is up, whoever set it (a key, a feed, this loop),
    /// in the view on screen and the live one alike.
    private func expireStatus() {
        var view = (frozen ?? model).view
        let cleared = view.expireStatus(now: clock.now())
        model.view = view
        frozen?.view = view
        if cleared { draw() }
    }

    // MARK: Signals

    /// Handles pending signals; returns an exit status when one ends the dashboard.
    private func handleSignals() -> Int32? {
        while true {
            let signal = nw_read_signal(signals)
            switch signal {
            case 0: return nil
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
            default:
                // SIGINT, SIGTERM, SIGHUP, SIGQUIT and every other signal that would end the process.
                return 128 + signal
            }
        }
    }

    // MARK: Drawing

    private func draw() {
        let (width, height) = terminal.size
        var shown = frozen ?? model
        if frozen == nil && feed.showsWallClock { shown.clock = Date() }
        shown.caption = model.caption
        shown.syncView(width: width, height: height)
        model.view = shown.view
        terminal.present(Dashboard.render(shown, width: width, height: height))
    }
}
