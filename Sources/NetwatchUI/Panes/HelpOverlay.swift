/// The help overlay (`?` or F1): every key the dashboard answers to, in a box over the panes.
/// Any key closes it. On a screen too small for the full list, the keys are listed in two
/// columns with one-word actions.
enum HelpOverlay {
    /// A key (or keys), what it does in full, and in one word.
    struct Entry {
        let keys: String
        let action: String
        let word: String
    }

    static func entries(_ glyphs: Glyphs) -> [Entry] {
        [Entry(keys: "q", action: "quit", word: "quit"),
         Entry(keys: "? F1", action: "this help; any key closes it", word: "help"),
         Entry(keys: "space p", action: "pause the display (collection goes on)", word: "pause"),
         Entry(keys: "Tab S-Tab", action: "focus the next / previous table", word: "focus"),
         Entry(keys: "\(glyphs.upDown) j k", action: "move the selection in the focused table", word: "select"),
         Entry(keys: "s", action: "change the sort of the focused table", word: "sort"),
         Entry(keys: "g", action: "group by peer, port, process, health", word: "group"),
         Entry(keys: "/ f", action: "filter by port: 80, 80,443, 8000-8100", word: "filter"),
         Entry(keys: "Enter", action: "drill into the selected row or process", word: "drill"),
         Entry(keys: "Esc Bksp", action: "back from a drill; Esc clears a filter", word: "back"),
         Entry(keys: "a", action: "advice: findings with evidence and fixes", word: "advice"),
         Entry(keys: "n", action: "namespaces: Enter shows one, Esc returns", word: "netns"),
         Entry(keys: "c", action: "conntrack: states, destinations, SNAT", word: "ct"),
         Entry(keys: "e", action: "export a JSON snapshot with the history", word: "export"),
         Entry(keys: "t", action: "switch to the next theme", word: "theme"),
         Entry(keys: "+ -", action: "lengthen / shorten interval (0.5 to 60 s)", word: "interval")]
    }

    /// Width of the full list's box: keys column, action column, borders and margins.
    static let fullWidth = 56

    /// The replay's keys, which replace pause and the interval keys.
    static func replayEntries(_ ascii: Bool) -> [Entry] {
        [Entry(keys: ascii ? "Left Right" : "← →", action: "step one recorded snapshot back / on", word: "step"),
         Entry(keys: "space p", action: "play or pause the recording", word: "play"),
         Entry(keys: "[ ]", action: "play slower / faster (0.25× to 64×)", word: "speed"),
         Entry(keys: "Home End", action: "first snapshot / newest, following", word: "jump")]
    }

    static func draw(_ model: DashboardModel, in area: Rect, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let list = model.replay == nil ? entries(glyphs)
            : replayEntries(model.glyphMode == .ascii) + entries(glyphs).filter { !["space p", "+ -"].contains($0.keys) }
        let full = area.width >= fullWidth && area.height >= list.count + 4
        let rows = full ? list.count : (list.count + 1) / 2
        let width = min(area.width, fullWidth)
        let height = min(area.height, rows + (full ? 4 : 2))
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        let inner = PaneFrame.draw([PaneFrame.name("Keys")], in: box, focused: true, marksFocus: false, glyphs: glyphs, on: &buffer)
        for (index, entry) in list.enumerated() {
            let column = full ? 0 : index / rows
            let row = inner.row(index % rows)
            let x = row.x + 1 + column * (inner.width / 2)
            buffer.write(entry.keys, x: x, y: row.y, role: .keyHint, clip: row)
            buffer.write(full ? entry.action : entry.word, x: x + (full ? 12 : 10), y: row.y, role: .label, clip: row)
        }
        guard full else { return }
        let footer = inner.row(list.count + 1)
        buffer.write("theme \(model.themeName); any key closes this", x: footer.x + 1, y: footer.y, role: .dim, clip: footer)
    }
}
