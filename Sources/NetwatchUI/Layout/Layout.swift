/// Where each pane goes on a screen of a given size.
///
/// - The header is the top row, the footer the bottom row, the advice line the row above it.
/// - From ``twoColumnWidth`` columns the panes sit in three bands of two: states | trend,
///   ports | file descriptors, peers | listeners. Narrower screens stack them in one column.
/// - Each pane has a minimum height; when the screen is too short for all of them, panes fold
///   in ``foldOrder`` (peers first, ports never) until the rest fit. A pane whose partner folded
///   takes the band's whole width. The focused pane folds last: Tab can reach a table the
///   screen is too short to show beside the others, and it then takes the place of the panes
///   that fold for it (``focusablePanes(width:height:)``, ``hiddenTables``).
/// - Height beyond the minimums goes to the bands by weight (the states | trend band most),
///   so taller screens get longer charts and more table rows.
/// - Below ``minimumWidth`` × ``minimumHeight`` no pane is placed (``isTooSmall``): the
///   dashboard shows one line asking for a bigger terminal.
public struct Layout: Equatable, Sendable {
    public static let minimumWidth = 40
    public static let minimumHeight = 10
    /// The narrowest screen that shows two panes side by side (each then at least 36 columns).
    public static let twoColumnWidth = 72
    /// Which panes give way first when the screen is too short. Ports never folds.
    public static let foldOrder: [PaneID] = [.peers, .listeners, .fileDescriptors, .states, .trend]

    public let width: Int
    public let height: Int
    /// The rectangle of every pane on screen; a folded pane has none.
    public let frames: [PaneID: Rect]

    /// The screen is below the minimum size and shows only a message.
    public var isTooSmall: Bool { frames.isEmpty }

    /// Panes on screen, in reading order.
    public var visiblePanes: [PaneID] { PaneID.allCases.filter { frames[$0] != nil } }

    /// Tables folded away that Tab can bring in (they show once focused).
    public var hiddenTables: [PaneID] {
        PaneID.selectable.filter { frames[$0] == nil && Layout.compute(width: width, height: height, focus: $0).frames[$0] != nil }
    }

    /// Selectable panes that are on screen when focused, in Tab order: on a short screen more
    /// than the layout without focus shows.
    public static func focusablePanes(width: Int, height: Int) -> [PaneID] {
        PaneID.selectable.filter { compute(width: width, height: height, focus: $0).frames[$0] != nil }
    }

    /// Computes the layout; any size, including 0 and negative ones, is accepted.
    /// - Parameter focus: the pane with the keyboard focus, which folds only when nothing else
    ///   can make room.
    public static func compute(width: Int, height: Int, focus: PaneID? = nil) -> Layout {
        guard width >= minimumWidth, height >= minimumHeight else {
            return Layout(width: max(0, width), height: max(0, height), frames: [:])
        }
        var frames: [PaneID: Rect] = [
            .header: Rect(x: 0, y: 0, width: width, height: 1),
            .advice: Rect(x: 0, y: height - 2, width: width, height: 1),
            .footer: Rect(x: 0, y: height - 1, width: width, height: 1),
        ]
        let body = Rect(x: 0, y: 1, width: width, height: height - 3)
        let bands = fold(width >= twoColumnWidth ? wideBands : narrowBands, into: body.height, keeping: focus)
        var y = body.y
        for (band, bandHeight) in zip(bands, heights(of: bands, total: body.height)) {
            for (column, pane) in band.enumerated() {
                let left = band.count == 1 || column == 0 ? 0 : width / 2
                let right = band.count == 1 || column == 1 ? width : width / 2
                frames[pane] = Rect(x: left, y: y, width: right - left, height: bandHeight)
            }
            y += bandHeight
        }
        return Layout(width: width, height: height, frames: frames)
    }

    private static let wideBands: [[PaneID]] = [[.states, .trend], [.ports, .fileDescriptors], [.peers, .listeners]]
    private static let narrowBands: [[PaneID]] = [[.states], [.trend], [.ports], [.fileDescriptors], [.peers], [.listeners]]

    /// Rows a pane needs to be worth showing (its border included).
    static func minimumHeight(of pane: PaneID) -> Int {
        switch pane {
        case .ports: 6
        case .states, .trend, .fileDescriptors: 5
        default: 4
        }
    }

    /// Rows beyond which a pane has nothing more to show; `nil` for panes that use any height.
    static func maximumHeight(of pane: PaneID) -> Int? {
        pane == .states ? 2 + 11 : nil
    }

    /// How strongly a pane asks for spare rows.
    static func weight(of pane: PaneID) -> Int {
        pane == .states || pane == .trend ? 3 : 2
    }

    private static func minimumHeight(of band: [PaneID]) -> Int { band.map(minimumHeight(of:)).max() ?? 0 }

    /// Removes panes in ``foldOrder``, `focus` last, until the bands' minimum heights fit
    /// `available` rows.
    private static func fold(_ bands: [[PaneID]], into available: Int, keeping focus: PaneID?) -> [[PaneID]] {
        var bands = bands
        var order = (foldOrder.filter { $0 != focus } + foldOrder.filter { $0 == focus })[...]
        while bands.map(minimumHeight(of:)).reduce(0, +) > available, let pane = order.popFirst() {
            bands = bands.map { $0.filter { $0 != pane } }.filter { !$0.isEmpty }
        }
        return bands
    }

    /// Each band's height: its minimum, plus spare rows handed out one at a time to the band with
    /// the fewest extra rows per unit of weight (earlier bands win ties), never past a band's maximum.
    private static func heights(of bands: [[PaneID]], total: Int) -> [Int] {
        var heights = bands.map(minimumHeight(of:))
        let weights = bands.map { $0.map(weight(of:)).max() ?? 1 }
        let maximums = bands.map { band in band.contains { maximumHeight(of: $0) == nil } ? Int.max
            : band.compactMap(maximumHeight(of:)).max() ?? Int.max }
        var spare = total - heights.reduce(0, +)
        while spare > 0 {
            let open = bands.indices.filter { heights[$0] < maximums[$0] }
            guard let pick = open.min(by: { a, b in
                (heights[a] - minimumHeight(of: bands[a])) * weights[b] < (heights[b] - minimumHeight(of: bands[b])) * weights[a]
            }) else { break }
            heights[pick] += 1
            spare -= 1
        }
        return heights
    }
}
