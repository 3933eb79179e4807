import NetwatchCore

extension KeyReducer {
    /// A key while the namespaces view is open: ↑↓/`j` `k`/Home/End select, `/` types a name
    /// filter, Enter shows the selected namespace everywhere, Esc/Backspace/`n` close the view;
    /// `nil` for the keys that keep their dashboard meaning (quit, help, pause, export, theme,
    /// resize); any other key does nothing.
    static func namespaces(_ state: ViewState, _ key: Key, selected: Netns?) -> (ViewState, [Effect])? {
        if let prompt = state.namespacePrompt { return editNamespaceQuery(prompt, in: state, key) }
        var next = state
        let rows = state.namespaceRowCount
        switch key {
        case .up, .character("k"): next.namespaceSelection = state.clamp(state.namespaceSelection - 1, rows: rows)
        case .down, .character("j"): next.namespaceSelection = state.clamp(state.namespaceSelection + 1, rows: rows)
        case .home: next.namespaceSelection = 0
        case .end: next.namespaceSelection = state.clamp(rows - 1, rows: rows)
        case .character("/"), .character("f"): next.namespacePrompt = state.namespaceQuery
        case .escape, .backspace, .character("n"): next.namespacesShown = false
        case .enter:
            guard let selected else { return (state, []) }
            next.namespacesShown = false
            next.viewedNamespace = selected
            next.drill = nil
            next.selection = [:]
            next.statusMessage = "showing netns \(selected.name); Esc returns"
            return (next, selected == state.viewedNamespace ? [.redraw] : [.namespaceChanged, .redraw])
        case .character("q"), .character("?"), .f1, .character(" "), .character("p"), .character("e"), .character("t"), .resize:
            return nil
        default: return (state, [])
        }
        return (next, next == state ? [] : [.redraw])
    }

    /// The name filter prompt: characters edit it, Enter applies it, Esc cancels.
    private static func editNamespaceQuery(_ prompt: String, in state: ViewState, _ key: Key) -> (ViewState, [Effect]) {
        var next = state
        switch key {
        case let .character(character) where prompt.count < FilterPrompt.maximumLength: next.namespacePrompt = prompt + String(character)
        case .backspace: next.namespacePrompt = String(prompt.dropLast())
        case .escape: next.namespacePrompt = nil
        case .enter:
            next.namespaceQuery = prompt.trimming(while: \.isWhitespace)
            next.namespacePrompt = nil
            next.namespaceSelection = 0
        case .resize: return (state, [.redraw])
        default: return (state, [])
        }
        return (next, next == state ? [] : [.redraw])
    }
}
