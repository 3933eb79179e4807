import FoundationEssentials
import NetwatchCore

/// Everything one frame of the dashboard shows, as a value: the run loop builds it, the panes
/// draw it. Nothing in it is read from the system while drawing.
public struct DashboardModel: Sendable {
    /// The newest snapshot (the frozen one while paused); `nil` before the first collection.
    public var snapshot: Snapshot?
    /// The snapshot before it, for per-second changes of the state counts; `nil` with one sample.
    public var previous: Snapshot?
    /// The trend window.
    public var history: History
    /// Focus, selection, sort, help, pause, theme index, interval and the status message.
    public var view: ViewState
    /// The theme's name, shown in the help overlay.
    public var themeName: String
    /// Seconds since the socket table was last walked; shown in the header once it is older than
    /// ``staleTableIntervals`` intervals, i.e. on every tick that shows a table walked on an
    /// earlier tick (walks are spaced out when they cost too much). `nil`: unknown.
    public var tableAgeSeconds: Double?
    public var glyphMode: GlyphMode
    /// The wall-clock time shown in the header.
    public var clock: Date
    /// The time zone of the header clock.
    public var timeZone: ClockZone
    /// Where a replay stands; `nil` on the live dashboard.
    public var replay: ReplayStatus?
    /// A line the header shows before everything but PAUSED (`netwatch demo` names its phase); `nil`: none.
    public var caption: String?
    /// Every network namespace with its summary (live only; `nil` until the first overview, and
    /// in a replay or under `--proc-root`).
    public var namespaces: NamespaceOverview?

    /// Intervals after which the socket table counts as stale: half an interval, so a table
    /// carried over from the previous tick always says how old it is.
    public static let staleTableIntervals = 0.5

    public init(snapshot: Snapshot?, previous: Snapshot? = nil, history: History, view: ViewState,
                themeName: String = Theme.default.name, tableAgeSeconds: Double? = nil, glyphMode: GlyphMode = .unicode,
                clock: Date, timeZone: ClockZone = .local) {
        self.snapshot = snapshot
        self.previous = previous
        self.history = history
        self.view = view
        self.themeName = themeName
        self.tableAgeSeconds = tableAgeSeconds
        self.glyphMode = glyphMode
        self.clock = clock
        self.timeZone = timeZone
    }

    /// Rows of each selectable table in the current snapshot (the Peers pane's in its current
    /// grouping).
    public var rowCounts: [PaneID: Int] {
        [.ports: snapshot?.ports.destinations.count ?? 0,
         .fileDescriptors: snapshot?.fds.processes.count ?? 0,
         .peers: peersRowCounts[view.peersGrouping] ?? 0,
         .listeners: snapshot?.listeners.count ?? 0]
    }

    /// Rows of the Peers pane in each grouping.
    public var peersRowCounts: [PeersGrouping: Int] {
        [.peer: snapshot?.peers.count ?? 0, .localPort: snapshot?.localPorts.count ?? 0,
         .process: snapshot?.connectors?.connections.count ?? 0, .health: snapshot?.health?.destinations.count ?? 0]
    }

    /// Brings ``view`` in line with this frame: selections clamped to the tables' rows, focus on
    /// a pane that the layout for `width` × `height` shows when focused. Call after each new
    /// snapshot or resize.
    public mutating func syncView(width: Int, height: Int) {
        view.sync(rowCounts: rowCounts, focusablePanes: Layout.focusablePanes(width: width, height: height),
                  drillRows: drillReport?.sockets.count ?? 0, peersRows: peersRowCounts, adviceRows: advice.count,
                  namespaceRows: namespaceRows.count)
    }

    /// The findings of the snapshot on screen, most severe first.
    public var advice: [Finding] { snapshot?.advice ?? [] }

    /// Applies one key to ``view`` and returns the effects: ``KeyReducer`` with the one fact it
    /// cannot see, the target under the selection — the selected finding's in the advice list —
    /// resolved only for Enter.
    public mutating func handle(_ key: Key) -> [Effect] {
        let target = key == .enter ? (view.adviceShown ? selectedFindingTarget : drillTarget(forSelectionIn: view.focus)) : nil
        let namespace = key == .enter && view.namespacesShown ? selectedNamespace : nil
        let (next, effects) = KeyReducer.reduce(view, key, selectedTarget: target, selectedNamespace: namespace)
        view = next
        return effects
    }

    /// What Enter in the advice list drills into: the selected finding's port, destination or peer.
    var selectedFindingTarget: DrillTarget? {
        advice.indices.contains(view.adviceSelection) ? advice[view.adviceSelection].target : nil
    }

    /// What Enter on the selected row of `pane` drills into, in the row order the pane shows
    /// (``TableOrder``): a listener its port's server side, a destination its client side, a peer
    /// its address, a process row (the Peers pane grouped by process) its destination; a local port
    /// (the Peers pane grouped by local port) its server side when a listener holds it, else the
    /// local port; a process of the file-descriptor table the process view. `nil` for an empty
    /// table or no snapshot.
    public func drillTarget(forSelectionIn pane: PaneID) -> DrillTarget? {
        guard let snapshot else { return nil }
        let row = view.selectedRow(in: pane)
        let sort = view.sortKey(for: pane)
        switch pane {
        case .ports:
            let rows = TableOrder.destinations(snapshot.ports.destinations, by: sort)
            return rows.indices.contains(row) ? .destination(address: rows[row].remoteAddress, port: rows[row].remotePort) : nil
        case .peers where view.peersGrouping == .process:
            let rows = snapshot.connectors?.connections ?? []
            return rows.indices.contains(row) ? .destination(address: rows[row].address, port: rows[row].port) : nil
        case .peers where view.peersGrouping == .health:
            let rows = TableOrder.health(snapshot.health?.destinations ?? [], by: sort)
            return rows.indices.contains(row) ? .destination(address: rows[row].address, port: rows[row].port) : nil
        case .peers where view.peersGrouping == .localPort:
            let rows = TableOrder.localPorts(snapshot.localPorts, by: sort)
            guard rows.indices.contains(row) else { return nil }
            let port = rows[row].port
            return snapshot.listeners.contains { $0.record.port == port } ? .serverPort(port) : .localPort(port)
        case .peers:
            let rows = TableOrder.peers(snapshot.peers, by: sort)
            return rows.indices.contains(row) ? .peer(rows[row].address) : nil
        case .listeners:
            let rows = TableOrder.listeners(snapshot.listeners, by: sort)
            return rows.indices.contains(row) ? .serverPort(rows[row].record.port) : nil
        case .fileDescriptors:
            let rows = TableOrder.processes(snapshot.fds.processes, by: sort)
            return rows.indices.contains(row) ? .process(pid: rows[row].process.pid) : nil
        default:
            return nil
        }
    }

    /// The open drill view's content; `nil` on the dashboard and until a snapshot collected for
    /// the target arrives (the view then says it is collecting).
    public var drillReport: DrillReport? {
        guard let target = view.drill, let snapshot, snapshot.drill == target else { return nil }
        return DrillReport(snapshot: snapshot, target: target)
    }

    /// The process view's fd figures and socket groups; `nil` unless a process view is open
    /// and its snapshot has arrived.
    public var processReport: ProcessReport? {
        guard let pid = view.drill?.pid, let snapshot, let report = drillReport else { return nil }
        return ProcessReport(report, pid: pid, snapshot: snapshot, history: history)
    }

    /// The socket table is older than ``staleTableIntervals`` intervals.
    var tableIsStale: Bool {
        guard let age = tableAgeSeconds else { return false }
        return age >= DashboardModel.staleTableIntervals * view.intervalSeconds
    }
}
