/// The bottom row: the filter prompt while it is open; otherwise the status message (export
/// path, errors, the new interval) first, in a replay a notice about the file and the lines
/// skipped, the tables the screen is too small to show (Tab brings them in), then as many key
/// hints as fit — the advice list's, the conntrack view's or the drill view's own keys while
/// one is open, the replay's in a replay.
enum FooterPane {
    /// - Parameter hidden: tables the layout folded away; named with the key that reaches them.
    static func draw(_ model: DashboardModel, hidden: [PaneID] = [], in rect: Rect, on buffer: inout ScreenBuffer) {
        buffer.fill(rect, role: .normal)
        if let prompt = model.view.prompt { return drawPrompt(prompt, glyphs: model.glyphMode.glyphs, in: rect, on: &buffer) }
        if model.view.namespacesShown, let query = model.view.namespacePrompt {
            return drawPrompt(FilterPrompt(text: query), label: " namespace name: ", glyphs: model.glyphMode.glyphs, in: rect, on: &buffer)
        }
        var runs = [TextRun]()
        if let status = model.view.statusMessage { runs.append(TextRun(" " + status + " ", .status)) }
        if let notice = model.replay?.notice { runs.append(TextRun(" " + notice + " ", .warning)) }
        if let skipped = model.replay?.skippedText { runs.append(TextRun(" " + skipped + " ", .warning)) }
        if !hidden.isEmpty {
            runs += [TextRun(" hidden: " + hidden.map(\.rawValue).joined(separator: ","), .warning), TextRun(" tab ", .keyHint)]
        }
        var used = FittedLine.columns(runs)
        for (key, action) in hints(model) {
            let hint = [TextRun(" " + key, .keyHint), TextRun(" " + action + " ", .label)]
            guard used + FittedLine.columns(hint) <= rect.width else { break }
            runs += hint
            used += FittedLine.columns(hint)
        }
        buffer.write(runs, x: rect.x, y: rect.y, clip: rect)
    }

    /// ` filter ports: 80,44█  invalid port list …` — the text so far, the cursor, and the
    /// error of the last refused Enter in the warning role. A text longer than the row shows its end.
    private static func drawPrompt(_ prompt: FilterPrompt, label: String = " filter ports: ", glyphs: Glyphs, in rect: Rect,
                                   on buffer: inout ScreenBuffer) {
        let room = max(0, rect.width - label.count - 1)
        let text = String(String.UnicodeScalarView(prompt.text.unicodeScalars.suffix(room)))
        var runs = [TextRun(label, .keyHint), TextRun(text, .value), TextRun(String(glyphs.barFull), .keyHint)]
        if let error = prompt.error { runs += [TextRun("  " + error, .warning)] }
        buffer.write(runs, x: rect.x, y: rect.y, clip: rect)
    }

    /// Key and what it does, most useful first.
    static func hints(_ model: DashboardModel) -> [(key: String, action: String)] {
        let upDown = model.glyphMode.glyphs.upDown
        if model.view.namespacesShown && !model.view.adviceShown {
            return [("esc", "back"), (upDown, "select"), ("enter", "show"), ("/", "name"), ("q", "quit"), ("?", "help")]
        }
        if model.view.adviceShown {
            return [("esc", "back"), (upDown, "select"), ("enter", "drill"), ("e", "export"), ("q", "quit"), ("?", "help")]
        }
        if model.view.conntrackShown {
            return [("esc", "back"), ("e", "export"), ("q", "quit"), ("?", "help")]
        }
        if model.view.drill != nil {
            return [("esc", "back"), (upDown, "scroll"), ("s", "sort"), ("e", "export"), ("/", "filter"), ("q", "quit"), ("?", "help")]
        }
        let escape: [(key: String, action: String)] = model.view.filter != nil ? [("esc", "clear filter")]
            : model.view.viewedNamespace != nil ? [("esc", "back to own netns")] : []
        if let replay = model.replay {
            let arrows = model.glyphMode == .ascii ? "Left/Right" : "←/→"
            return [("q", "quit"), ("?", "help"), (arrows, "step"), ("space", replay.playing ? "pause" : "play"),
                    ("[/]", "speed"), ("home/end", "jump"), ("a", "advice")] + escape
                + [("/", "filter"), ("enter", "drill"), ("c", "conntrack"), ("tab", "focus"), (upDown, "select"), ("e", "export")]
        }
        return [("q", "quit"), ("?", "help"), ("a", "advice"), ("n", "netns")] + escape
            + [("/", "filter"), ("enter", "drill"), ("space", model.view.paused ? "resume" : "pause"), ("c", "conntrack"), ("tab", "focus"),
               (upDown, "select"), ("s", "sort"), ("e", "export"), ("t", "theme"), ("+/-", "lengthen/shorten interval"), ("g", "group")]
    }
}
