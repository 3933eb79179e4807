import NetwatchCore

/// The dashboard's key bindings as a pure function from state and key to the next state and the
/// effects the run loop must carry out.
///
/// `q` quit · `?`/F1 help (any key closes it) · space/`p` pause · Tab/Shift-Tab focus ·
/// ↑↓/`j` `k` select · `s` sort · `e` export · `t` theme · `+`/`-` lengthen/shorten the interval (as btop) ·
/// `/`/`f` filter prompt · Enter drill into the selected row · Esc/Backspace back from a drill ·
/// Esc (on the dashboard) clear the filter · `g` group the Peers pane by peer or by local port ·
/// `a` the advice list · `n` the namespaces view · `c` the conntrack view.
///
/// While the filter prompt is open it takes every key (`q` types a `q`): characters edit it,
/// Backspace deletes, Enter applies, Esc cancels. In a drill view the selection keys, Home/End
/// and `s` act on its socket list; Tab does nothing there (the list is the view's only table).
/// The advice list takes the selection keys, Enter (drill into the finding's target) and
/// Esc/Backspace/`a` (close); `q`, `?`, space, `e` and `t` keep their meaning there.
public enum KeyReducer {
    /// - Parameters:
    ///   - selectedTarget: what the selected row of the focused table (or the selected finding of
    ///     the advice list) drills into, which the reducer cannot see
    ///     (``DashboardModel/drillTarget(forSelectionIn:)`` resolves it); only read for Enter.
    ///     ``DashboardModel/handle(_:)`` passes it.
    ///   - selectedNamespace: the namespace under the namespaces view's selection; only read for
    ///     Enter there.
    public static func reduce(_ state: ViewState, _ key: Key, selectedTarget: DrillTarget? = nil,
                              selectedNamespace: Netns? = nil) -> (ViewState, [Effect]) {
        var next = state
        if state.helpShown, key != .resize {
            next.helpShown = false
            return (next, [.redraw])
        }
        if let prompt = state.prompt { return edit(prompt, in: state, key) }
        if state.adviceShown, let answer = advice(state, key, target: selectedTarget) { return answer }
        if state.namespacesShown, let answer = namespaces(state, key, selected: selectedNamespace) { return answer }
        if state.conntrackShown, let answer = conntrack(state, key) { return answer }
        switch key {
        case .character("q"): return (state, [.quit])
        case .character("?"), .f1: next.helpShown = true
        case .character(" "), .character("p"): next.paused.toggle()
        case .character("/"), .character("f"): next.prompt = FilterPrompt(text: state.filter?.description ?? "")
        case .enter: return openDrill(state, target: selectedTarget)
        case .escape, .backspace: return back(state, key)
        case .tab where state.drill == nil: next.focus = neighbour(of: state, step: 1)
        case .backTab where state.drill == nil: next.focus = neighbour(of: state, step: -1)
        case .up, .character("k"): moveSelection(&next, by: -1)
        case .down, .character("j"): moveSelection(&next, by: 1)
        case .home where state.drill != nil: next.drillSelection = 0
        case .end where state.drill != nil: next.drillSelection = state.clamp(state.drillRowCount - 1, rows: state.drillRowCount)
        case .character("s"): cycleSort(&next)
        case .character("g") where state.drill == nil: next.togglePeersGrouping()
        case .character("n"):
            next.namespacesShown = true
            next.namespaceSelection = 0
        case .character("a"):
            next.adviceShown = true
            next.adviceSelection = 0
        case .character("c"): next.conntrackShown = true
        case .character("e"): return (state, [.export])
        case .character("t"): return (state, [.cycleTheme])
        case .character("+"): return changeInterval(state, up: true)
        case .character("-"): return changeInterval(state, up: false)
        case .resize: return (state, [.redraw])
        default: return (state, [])
        }
        return (next, next == state ? [] : [.redraw])
    }

    /// A key while the advice list is open: its own keys, or `nil` for the keys that keep their
    /// dashboard meaning (quit, help, pause, export, theme, resize); any other key does nothing.
    private static func advice(_ state: ViewState, _ key: Key, target: DrillTarget?) -> (ViewState, [Effect])? {
        var next = state
        let last = state.clamp(state.adviceRowCount - 1, rows: state.adviceRowCount)
        switch key {
        case .up, .character("k"): next.adviceSelection = state.clamp(state.adviceSelection - 1, rows: state.adviceRowCount)
        case .down, .character("j"): next.adviceSelection = state.clamp(state.adviceSelection + 1, rows: state.adviceRowCount)
        case .home: next.adviceSelection = 0
        case .end: next.adviceSelection = last
        case .escape, .backspace, .character("a"): next.adviceShown = false
        case .enter:
            guard let target else {
                next.statusMessage = "this finding concerns no port, peer or process to drill into"
                return (next, [.redraw])
            }
            next.adviceShown = false
            next.drill = target
            next.drillSelection = 0
            return (next, target == state.drill ? [.redraw] : [.drillChanged, .redraw])
        case .character("q"), .character("?"), .f1, .character(" "), .character("p"), .character("e"), .character("t"), .resize:
            return nil
        default: return (state, [])
        }
        return (next, next == state ? [] : [.redraw])
    }

    /// A key while the conntrack view is open: Esc/Backspace/`c` close it; `nil` for the keys that
    /// keep their dashboard meaning (quit, help, pause, export, theme, resize); any other key does
    /// nothing (the view has no selection).
    private static func conntrack(_ state: ViewState, _ key: Key) -> (ViewState, [Effect])? {
        switch key {
        case .escape, .backspace, .character("c"):
            var next = state
            next.conntrackShown = false
            return (next, [.redraw])
        case .character("q"), .character("?"), .f1, .character(" "), .character("p"), .character("e"), .character("t"), .resize:
            return nil
        default: return (state, [])
        }
    }

    /// A key while the prompt is open: nothing but the prompt changes, unless Enter applies a
    /// valid port list.
    private static func edit(_ prompt: FilterPrompt, in state: ViewState, _ key: Key) -> (ViewState, [Effect]) {
        var next = state
        switch key {
        case let .character(character) where prompt.text.count < FilterPrompt.maximumLength:
            next.prompt = FilterPrompt(text: prompt.text + String(character))
        case .backspace:
            next.prompt = FilterPrompt(text: String(prompt.text.dropLast()))
        case .escape:
            next.prompt = nil
        case .enter:
            return applyFilter(prompt, in: state)
        case .resize:
            return (state, [.redraw])
        default:
            return (state, [])
        }
        return (next, next == state ? [] : [.redraw])
    }

    /// Enter in the prompt: an empty text clears the filter, a valid one sets it, an invalid one
    /// keeps the prompt open with the parser's message. `.filterChanged` only when it changed.
    private static func applyFilter(_ prompt: FilterPrompt, in state: ViewState) -> (ViewState, [Effect]) {
        var next = state
        do {
            next.filter = prompt.text.allSatisfy(\.isWhitespace) ? nil : try PortSet.parse(prompt.text)
        } catch {
            next.prompt = FilterPrompt(text: prompt.text, error: error.description)
            return (next, next == state ? [] : [.redraw])
        }
        next.prompt = nil
        return (next, next.filter == state.filter ? [.redraw] : [.filterChanged, .redraw])
    }

    /// Enter outside the prompt: opens the drill view on the selected row's target, if any.
    private static func openDrill(_ state: ViewState, target: DrillTarget?) -> (ViewState, [Effect]) {
        guard state.drill == nil, let target else { return (state, []) }
        var next = state
        next.drill = target
        next.drillSelection = 0
        return (next, [.drillChanged, .redraw])
    }

    /// Esc or Backspace: closes the drill view; on the dashboard, Esc clears the filter, else
    /// returns from a namespace chosen in the namespaces view to the one netwatch started on.
    private static func back(_ state: ViewState, _ key: Key) -> (ViewState, [Effect]) {
        var next = state
        if state.drill != nil {
            next.drill = nil
            next.drillSelection = 0
            return (next, [.drillChanged, .redraw])
        }
        guard key == .escape else { return (state, []) }
        if state.filter != nil {
            next.filter = nil
            return (next, [.filterChanged, .redraw])
        }
        guard state.viewedNamespace != nil else { return (state, []) }
        next.viewedNamespace = nil
        next.statusMessage = nil
        return (next, [.namespaceChanged, .redraw])
    }

    private static func neighbour(of state: ViewState, step: Int) -> PaneID {
        let order = state.focusOrder
        guard !order.isEmpty else { return state.focus }
        guard let current = order.firstIndex(of: state.focus) else { return order[0] }
        return order[(current + step + order.count) % order.count]
    }

    private static func moveSelection(_ state: inout ViewState, by delta: Int) {
        guard state.drill == nil else {
            state.drillSelection = state.clamp(state.drillSelection + delta, rows: state.drillRowCount)
            return
        }
        let pane = state.focus
        let row = state.clamp(state.selectedRow(in: pane) + delta, rows: state.rowCounts[pane] ?? 0)
        if row != state.selectedRow(in: pane) { state.selection[pane] = row }
    }

    private static func cycleSort(_ state: inout ViewState) {
        guard state.drill == nil else {
            state.drillSort = state.drillSort.next
            state.drillSelection = 0
            return
        }
        let keys = state.sortKeys(for: state.focus)
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
