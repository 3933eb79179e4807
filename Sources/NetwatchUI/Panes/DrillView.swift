import NetwatchCore

/// The drill view (Enter on a listener, destination, peer or local port), filling the screen
/// between header and footer: a summary box for the target's kind above a scrollable, sortable list of its
/// sockets.
///
/// - server port: the listeners with accept queue / backlog, listen overflows/s (namespace-wide),
///   states, peers with per-state counts, owners with their fd usage;
/// - destination: exhaustion gauges per local address, states, owners;
/// - peer: states, then its sockets per service port and state, owners;
/// - local port (not listening): states, peers with per-state counts, owners;
/// - process (Enter on a row of the fd table, or on a finding about a process): open fds against
///   the soft and hard limit with their trend and time to each, states, listeners with their
///   accept queues, sockets by listener and by destination (``ProcessReport``).
///
/// The summary takes at most half the rows; the socket list the rest. Time-wait and request
/// sockets are owned by the kernel; sockets whose owner could not be read are counted.
enum DrillView {
    static func draw(_ model: DashboardModel, target: DrillTarget, in rect: Rect, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        guard let report = model.drillReport else {
            let inner = PaneFrame.draw([PaneFrame.name(title(target))], in: rect, focused: false, glyphs: glyphs, on: &buffer)
            buffer.write("collecting sockets for \(target) \(glyphs.ellipsis)", x: inner.x, y: inner.y, role: .dim, clip: inner)
            return
        }
        let lines = DrillSummary.lines(report, model: model)
        let summaryHeight = min(lines.count, max(1, (rect.height - 2) / 2 - 2)) + 2
        let summary = Rect(x: rect.x, y: rect.y, width: rect.width, height: summaryHeight)
        let inner = PaneFrame.draw([PaneFrame.name(title(target))], in: summary, focused: false, glyphs: glyphs, on: &buffer)
        for (index, line) in lines.prefix(inner.height).enumerated() {
            line.draw(in: inner.row(index), glyphs: glyphs, on: &buffer)
        }
        let list = Rect(x: rect.x, y: summary.maxY, width: rect.width, height: rect.height - summaryHeight)
        drawSockets(report, model: model, in: list, on: &buffer)
    }

    /// `Server :8080`, `Destination 10.0.3.17:5432`, `Peer 10.0.3.17`, `Local port :40000`, `Process 812`.
    static func title(_ target: DrillTarget) -> String {
        switch target {
        case let .serverPort(port): "Server :\(port)"
        case let .localPort(port): "Local port :\(port)"
        case let .destination(address, port): "Destination " + DisplayFormat.endpoint(address, port)
        case let .peer(address): "Peer \(address)"
        case let .process(pid): "Process \(pid)"
        }
    }

    private static func drawSockets(_ report: DrillReport, model: DashboardModel, in rect: Rect, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let title = [FittedLine.Item([TextRun("Sockets ", .title), TextRun(DisplayFormat.exact(report.socketsMatched), .value)]),
                     FittedLine.Item([TextRun(model.view.drillSort.label, .dim)])]
        let inner = PaneFrame.draw(title, in: rect, focused: true, marksFocus: false, glyphs: glyphs, on: &buffer)
        guard inner.height > 0 else { return }
        let notes = notes(report)
        if !notes.isEmpty {
            buffer.write(FittedLine.fit(notes, width: inner.width), x: inner.x, y: inner.y, clip: inner)
        }
        let tableArea = Rect(x: inner.x, y: inner.y + (notes.isEmpty ? 0 : 1), width: inner.width,
                             height: inner.height - (notes.isEmpty ? 0 : 1))
        let rows = TableOrder.sockets(report.sockets, by: model.view.drillSort)
        // A replay shows only what was recorded: sockets are kept by `record --port` alone.
        let unrecorded = model.replay != nil && model.snapshot?.sockets == nil
        let empty = unrecorded ? "sockets were not recorded (netwatch record --port PORTS keeps them)" : "no sockets"
        TableView(columns: socketColumns, rows: rows, cells: cells, selected: model.view.drillSelection,
                  emptyText: empty).draw(in: tableArea, glyphs: glyphs, on: &buffer)
    }

    /// What the list does not show plainly: the cap, sockets with unreadable owners, kernel-held ones.
    static func notes(_ report: DrillReport) -> [FittedLine.Item] {
        var items = [FittedLine.Item]()
        if report.socketsMatched > report.sockets.count {
            items.append(FittedLine.Item([TextRun("showing \(report.sockets.count) of \(report.socketsMatched)", .warning)]))
        }
        if report.ownerUnknown > 0 {
            let count = report.ownerUnknown
            switch report.ownersUnreadableProcesses {
            case let unreadable? where unreadable > 0:
                items.append(FittedLine.Item([TextRun("\(count) sockets without owner: \(unreadable) processes' fds not readable "
                                                      + "(run as root)", .warning)],
                                             short: [TextRun("\(count) owners unreadable", .warning)]))
            case .some:
                items.append(FittedLine.Item([TextRun("\(count) sockets without owner: closed before they were looked up, or held "
                                                      + "outside this PID namespace", .dim)],
                                             short: [TextRun("\(count) owners gone", .dim)]))
            case nil:
                items.append(FittedLine.Item([TextRun("\(count) sockets whose owners were not looked up", .dim)],
                                             short: [TextRun("\(count) owners not looked up", .dim)]))
            }
        }
        if report.kernelHeld > 0 {
            items.append(FittedLine.Item([TextRun("\(report.kernelHeld) held by the kernel (time-wait, request, not yet accepted)", .dim)],
                                         short: [TextRun("\(report.kernelHeld) kernel", .dim)]))
        }
        return items
    }

    /// Columns in the order they give way from the right: queues first, then the owner.
    static let socketColumns = [
        TableColumn("STATE", width: 11, align: .left), TableColumn("LOCAL", width: 16, align: .left),
        TableColumn("REMOTE", width: 16, align: .left), TableColumn("TIMER", width: 7),
        TableColumn("OWNER", width: 12, align: .left, flexible: true), TableColumn("RECV-Q", width: 6),
        TableColumn("SEND-Q", width: 6),
    ]

    private static func cells(_ socket: Snapshot.Socket) -> [TextRun] {
        let r = socket.record
        return [TextRun(r.state.name, ColorRole.emphasis(for: r.state) ?? .value),
                TextRun(DisplayFormat.endpoint(r.localAddress, r.localPort), .value),
                TextRun(DisplayFormat.endpoint(r.remoteAddress, r.remotePort), .value),
                TextRun(timer(r), r.timer == 0 ? .dim : .value),
                owner(socket),
                TextRun(DisplayFormat.count(Int(r.rxQueue), width: 6), r.rxQueue == 0 ? .dim : .value),
                TextRun(DisplayFormat.count(Int(r.txQueue), width: 6), r.txQueue == 0 ? .dim : .value)]
    }

    /// Time until the socket's timer fires: `55.2s` below 100 s, `12m` below an hour, then hours
    /// and minutes (`1h59m`: a keep-alive timer of 7,140 s is not "1h"); `-` without a timer.
    static func timer(_ socket: SocketRecord) -> String {
        guard socket.timer != 0 else { return "-" }
        let seconds = Double(socket.expiresMs) / 1000
        if seconds < 100 { return DisplayFormat.tenths(seconds) + "s" }
        let minutes = Int(saturating: seconds / 60)
        return minutes < 60 ? "\(minutes)m" : "\(minutes / 60)h\(minutes % 60)m"
    }

    /// `812 nginx`; `kernel` for time-wait and request sockets (inode 0); `unknown` when the
    /// owner could not be read.
    private static func owner(_ socket: Snapshot.Socket) -> TextRun {
        if socket.record.inode == 0 { return TextRun("kernel", .dim) }
        guard let owner = socket.owner else { return TextRun("unknown", .warning) }
        return TextRun("\(owner.pid) \(owner.command)", .value)
    }
}
