/// Draws a whole frame: the layout for the size and focus, every pane on it (or, with the advice list, the
/// namespaces view, the conntrack view or a drill view open, the header, that view and the footer; the advice list over a drill view), the filter prompt over the footer, and the help
/// overlay when shown. Pure: the same model and size give the same buffer.
public enum Dashboard {
    public static func render(_ model: DashboardModel, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        let layout = Layout.compute(width: width, height: height, focus: model.view.focus)
        guard !layout.isTooSmall else {
            TooSmallNotice.draw(on: &buffer, glyphs: model.glyphMode.glyphs)
            return buffer
        }
        if model.view.adviceShown || model.view.drill != nil || model.view.namespacesShown || model.view.conntrackShown {
            let (header, footer) = (layout.frames[.header] ?? buffer.bounds.row(0), layout.frames[.footer] ?? buffer.bounds.row(height - 1))
            let body = Rect(x: 0, y: header.maxY, width: width, height: footer.y - header.maxY)
            HeaderPane.draw(model, in: header, on: &buffer)
            if model.view.namespacesShown && !model.view.adviceShown {
                NamespacesView.draw(model, in: body, on: &buffer)
            } else if model.view.conntrackShown && !model.view.adviceShown {
                ConntrackView.draw(model, in: body, on: &buffer)
            } else if let target = model.view.drill, !model.view.adviceShown {
                DrillView.draw(model, target: target, in: body, on: &buffer)
            } else {
                AdviceView.draw(model, in: body, on: &buffer)
            }
            FooterPane.draw(model, in: footer, on: &buffer)
        } else {
            for pane in layout.visiblePanes {
                guard let rect = layout.frames[pane] else { continue }
                draw(pane, model: model, hidden: layout.hiddenTables, in: rect, on: &buffer)
            }
        }
        if model.view.helpShown {
            HelpOverlay.draw(model, in: buffer.bounds, on: &buffer)
        }
        return buffer
    }

    /// - Parameter hidden: the tables the layout folded away, which the footer names.
    private static func draw(_ pane: PaneID, model: DashboardModel, hidden: [PaneID], in rect: Rect, on buffer: inout ScreenBuffer) {
        let focused = model.view.focus == pane
        switch pane {
        case .header: HeaderPane.draw(model, in: rect, on: &buffer)
        case .states: StatesPane.draw(model, in: rect, focused: focused, on: &buffer)
        case .trend: TrendPane.draw(model, in: rect, focused: focused, on: &buffer)
        case .ports: PortsPane.draw(model, in: rect, focused: focused, on: &buffer)
        case .fileDescriptors: FileDescriptorsPane.draw(model, in: rect, focused: focused, on: &buffer)
        case .peers: PeersPane.draw(model, in: rect, focused: focused, on: &buffer)
        case .listeners: ListenersPane.draw(model, in: rect, focused: focused, on: &buffer)
        case .advice: AdvicePane.draw(model, in: rect, on: &buffer)
        case .footer: FooterPane.draw(model, hidden: hidden, in: rect, on: &buffer)
        }
    }
}
