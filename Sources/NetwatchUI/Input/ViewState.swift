import NetwatchCore

/// Everything about the dashboard that keys change: focus, selection and sort per table, the
/// help overlay, pause, theme, interval, the status message, the port filter and its prompt, the
/// drill view and the advice list. A value; ``KeyReducer`` makes the next one.
///
/// The run loop reads ``filter`` and ``drill`` after every key to decide what to collect.
public struct ViewState: Equatable, Sendable {
    /// The selectable pane that has the keyboard focus.
    public var focus: PaneID = .ports
    /// Selected row per pane, 0-based, within the pane's sorted rows.
    public var selection: [PaneID: Int] = [:]
    /// Chosen sort per pane; absent means the pane's first ``PaneID/sortKeys``.
    public var sort: [PaneID: SortKey] = [:]
    /// The help overlay is shown; the next key closes it.
    public var helpShown = false
    /// The display is frozen; collection and history go on.
    public var paused = false
    /// Position of the current theme in ``ThemeCatalog/names()``.
    public var themeIndex = 0
    /// Seconds between collections.
    public var intervalSeconds: Double
    /// One line for the footer: the export path, an error, the new interval. Whoever sets it,
    /// it goes ``statusSeconds`` after ``expireStatus(now:)`` first sees it.
    public var statusMessage: String?
    /// The message ``expireStatus(now:)`` timed, and when it goes (seconds on the caller's clock).
    private var statusExpiry: StatusExpiry?
    /// The port filter chosen in the prompt (or `--port`); `nil` shows every socket.
    public var filter: PortSet?
    /// The filter prompt while it is open; it takes every key until `Enter` or `Esc`.
    public var prompt: FilterPrompt?
    /// The drill view on screen, `nil` for the dashboard.
    public var drill: DrillTarget?
    /// Selected row of the drill view's socket list, within its sorted rows.
    public var drillSelection = 0
    /// Order of the drill view's socket list.
    public var drillSort: SocketSortKey = .state
    /// The advice list (`a`) is on screen, over the dashboard or a drill view.
    public var adviceShown = false
    /// Selected finding in the advice list, in the snapshot's order (most severe first).
    public var adviceSelection = 0
    /// What the Peers pane lists: remote addresses or local ports (`g`).
    public var peersGrouping: PeersGrouping = .peer
    /// The namespaces view (`n`) is on screen, over the dashboard.
    public var namespacesShown = false
    /// The conntrack view (`c`) is on screen, over the dashboard or a drill view.
    public var conntrackShown = false
    /// Selected row of the namespaces view, in its order (most trouble first).
    public var namespaceSelection = 0
    /// The namespaces view's name filter (`/` there); empty lists them all.
    public var namespaceQuery = ""
    /// The name filter being typed in the namespaces view; it takes every key until Enter or Esc.
    public var namespacePrompt: String?
    /// The namespace every pane, the advice and the export show, chosen with Enter in the
    /// namespaces view; `nil`: the one netwatch started on.
    public var viewedNamespace: Netns?
    /// Rows of the namespaces view as filtered. Set by ``sync(rowCounts:focusablePanes:drillRows:peersRows:adviceRows:namespaceRows:)``.
    public internal(set) var namespaceRowCount = 0
    /// Rows each table has, so moving the selection can stop at the last one. Set by ``sync(rowCounts:focusablePanes:drillRows:peersRows:adviceRows:namespaceRows:)``.
    public private(set) var rowCounts: [PaneID: Int] = [:]
    /// Panes the layout shows when focused (``Layout/focusablePanes(width:height:)``); Tab skips
    /// the others. `nil` until the first sync: all.
    public private(set) var focusablePanes: [PaneID]?
    /// Rows of the drill view's socket list. Set by ``sync(rowCounts:focusablePanes:drillRows:peersRows:adviceRows:namespaceRows:)``.
    public private(set) var drillRowCount = 0
    /// Rows the Peers pane has in each grouping, so `g` can clamp the selection at once. Set by
    /// ``sync(rowCounts:focusablePanes:drillRows:peersRows:adviceRows:namespaceRows:)``.
    public private(set) var peersRowCounts: [PeersGrouping: Int] = [:]
    /// Findings in the advice list. Set by ``sync(rowCounts:focusablePanes:drillRows:peersRows:adviceRows:namespaceRows:)``.
    public private(set) var adviceRowCount = 0

    /// The interval steps `+` (longer) and `-` (shorter) move between, in seconds: the range
    /// `--interval` accepts, 0.5 to 60.
    public static let intervalSteps: [Double] = [0.5, 1, 2, 5, 10, 30, 60]

    /// How long a status message stays, in seconds.
    public static let statusSeconds = 8.0

    public init(intervalSeconds: Double = 1) {
        self.intervalSeconds = intervalSeconds
    }

    /// The selected row of `pane` (0 when none was chosen).
    public func selectedRow(in pane: PaneID) -> Int { selection[pane] ?? 0 }

    /// The sort in force for `pane`: the chosen one when the pane's rows (in their grouping) have it.
    public func sortKey(for pane: PaneID) -> SortKey? {
        let keys = sortKeys(for: pane)
        return sort[pane].flatMap { keys.contains($0) ? $0 : nil } ?? keys.first
    }

    /// The orders `s` cycles through in `pane`: the Peers pane grouped by health has its own.
    public func sortKeys(for pane: PaneID) -> [SortKey] {
        pane == .peers && peersGrouping == .health ? SortKey.health : pane.sortKeys
    }

    /// Tells the state what the screen now holds: clamps every selection to its table's rows and
    /// moves the focus off a pane the screen cannot show.
    /// - Parameters:
    ///   - rowCounts: rows of each table as shown (the Peers pane's in the current grouping).
    ///   - drillRows: rows of the drill view's socket list (0 without a drill view).
    ///   - peersRows: rows of the Peers pane in each grouping; when given, the Peers pane's count
    ///     is taken from it for ``peersGrouping``.
    ///   - adviceRows: findings in the advice list.
    ///   - namespaceRows: rows of the namespaces view as filtered.
    public mutating func sync(rowCounts: [PaneID: Int], focusablePanes: [PaneID], drillRows: Int = 0,
                              peersRows: [PeersGrouping: Int] = [:], adviceRows: Int = 0, namespaceRows: Int = 0) {
        var rowCounts = rowCounts
        if let peers = peersRows[peersGrouping] { rowCounts[.peers] = peers }
        self.rowCounts = rowCounts
        peersRowCounts = peersRows
        self.focusablePanes = focusablePanes
        drillRowCount = drillRows
        drillSelection = clamp(drillSelection, rows: drillRows)
        adviceRowCount = adviceRows
        adviceSelection = clamp(adviceSelection, rows: adviceRows)
        namespaceRowCount = namespaceRows
        namespaceSelection = clamp(namespaceSelection, rows: namespaceRows)
        for (pane, row) in selection { selection[pane] = clamp(row, rows: rowCounts[pane] ?? 0) }
        if !focusablePanes.contains(focus), let first = focusOrder.first { focus = first }
    }

    /// Times the status message and clears it once its time is up: a message not seen before
    /// (set by a key, the run loop or a feed) gets ``statusSeconds`` from `now`.
    /// - Returns: whether the message was cleared.
    public mutating func expireStatus(now: Double) -> Bool {
        guard let message = statusMessage else {
            statusExpiry = nil
            return false
        }
        guard let expiry = statusExpiry, expiry.message == message else {
            statusExpiry = StatusExpiry(message: message, at: now + ViewState.statusSeconds)
            return false
        }
        guard now >= expiry.at else { return false }
        statusMessage = nil
        statusExpiry = nil
        return true
    }

    /// Selectable panes the screen can show, in Tab order.
    var focusOrder: [PaneID] {
        PaneID.selectable.filter { focusablePanes?.contains($0) ?? true }
    }

    /// `g`: the Peers pane switches grouping; its selection keeps its row number, clamped to the
    /// new grouping's rows.
    mutating func togglePeersGrouping() {
        peersGrouping = peersGrouping.toggled
        if let rows = peersRowCounts[peersGrouping] { rowCounts[.peers] = rows }
        if let row = selection[.peers] { selection[.peers] = clamp(row, rows: rowCounts[.peers] ?? 0) }
    }

    func clamp(_ row: Int, rows: Int) -> Int { min(max(0, row), max(0, rows - 1)) }
}

/// When a status message goes.
private struct StatusExpiry: Equatable, Sendable {
    let message: String
    /// Seconds on the clock ``ViewState/expireStatus(now:)`` is given.
    let at: Double
}
