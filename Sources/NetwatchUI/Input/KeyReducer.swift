/// The dashboard's key bindings as a pure function from state and key to the next state and the
/// effects the run loop must carry out.
///
/// `q` quit · `?`/F1 help (any key closes it) · space/`p` pause · Tab/Shift-Tab focus ·
/// ↑↓/`j` `k` select · `s` sort · `e` export · `t` theme · `+`/`-` interval.
/// `/`, `f`, Enter, `a`, Esc and Backspace are kept free for the filter, drill-down and advice
/// views and do nothing yet.
public enum KeyReducer {
    public static func reduce(_ state: ViewState, _ key: Key) -> (ViewState, [Effect]) {
        var next = state
        if state.helpShown, key != .resize {
            next.helpShown = false
            return (next, [.redraw])
        }
        switch key {
        case .character("q"): return (state, [.quit])
        case .character("?"), .f1: next.helpShown = true
        case .character(" "), .character("p"): next.paused.toggle()
        case .tab: next.focus = neighbour(of: state, step: 1)
        case .backTab: next.focus = neighbour(of: state, step: -1)
        case .up, .character("k"): moveSelection(&next, by: -1)
        case .down, .character("j"): moveSelection(&next, by: 1)
        case .character("s"): cycleSort(&next)
        case .character("e"): return (state, [.export])
        case .character("t"): return (state, [.cycleTheme])
        case .character("+"): return changeInterval(state, up: true)
        case .character("-"): return changeInterval(state, up: false)
        case .resize: return (state, [.redraw])
        default: return (state, [])
        }
        return (next, next == state ? [] : [.redraw])
    }

    private static func neighbour(of state: ViewState, step: Int) -> PaneID {
        let order = state.focusOrder
        guard !order.isEmpty else { return state.focus }
        guard let current = order.firstIndex(of: state.focus) else { return order[0] }
        return order[(current + step + order.count) % order.count]
    }

    private static func moveSelection(_ state: inout ViewState, by delta: Int) {
        let pane = state.focus
        let row = state.clamp(state.selectedRow(in: pane) + delta, rows: state.rowCounts[pane] ?? 0)
        if row != state.selectedRow(in: pane) { state.selection[pane] = row }
    }

    private static func cycleSort(_ state: inout ViewState) {
        let keys = state.focus.sortKeys
        guard let current = state.sortKey(for: state.focus), let index = keys.firstIndex(of: current) else { return }
        state.sort[state.focus] = keys[(index + 1) % keys.count]
        state.selection[state.focus] = 0
    }

    /// The next step of ``ViewState/intervalSteps`` above or below the current interval (which
    /// may lie between steps when set by `--interval`).
    private static func changeInterval(_ state: ViewState, up: Bool) -> (ViewState, [Effect]) {
        let steps = ViewState.intervalSteps
        let current = state.intervalSeconds
        var next = state
        guard let target = up ? steps.first(where: { $0 > current }) : steps.last(where: { $0 < current }) else {
            next.statusMessage = "interval already at its \(up ? "longest" : "shortest"): \(DisplayFormat.seconds(current))"
            return (next, [.redraw])
        }
        next.intervalSeconds = target
        next.statusMessage = "interval \(DisplayFormat.seconds(target))"
        return (next, [.setInterval(target), .redraw])
    }
}
