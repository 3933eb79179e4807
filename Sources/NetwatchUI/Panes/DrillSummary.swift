import NetwatchCore

/// The summary lines of a drill view, most important first (the view shows as many as fit).
enum DrillSummary {
    /// One summary row: labelled items that adapt to the width, or an exhaustion gauge.
    enum Line {
        case items([FittedLine.Item])
        case gauge(label: String, ratio: Double?, counts: String)
        /// Connection lifetimes in log2 buckets of microseconds.
        case histogram([Int64])

        func draw(in row: Rect, glyphs: Glyphs, on buffer: inout ScreenBuffer) {
            switch self {
            case let .items(items):
                buffer.write(FittedLine.fit(items, width: row.width), x: row.x, y: row.y, clip: row)
            case let .gauge(label, ratio, counts):
                HorizontalBar.drawGaugeLine(label: label, ratio: ratio, counts: counts, in: row, glyphs: glyphs, on: &buffer)
            case let .histogram(buckets):
                DrillSummary.drawHistogram(buckets, in: row, glyphs: glyphs, on: &buffer)
            }
        }
    }

    static func lines(_ report: DrillReport, model: DashboardModel) -> [Line] {
        switch report.target {
        case .serverPort:
            listeners(report, model: model) + [states(report)] + report.peers.prefix(peerLimit).map(peer) + owners(report)
        case .localPort:
            [states(report)] + report.peers.prefix(peerLimit).map(peer) + owners(report)
        case let .destination(address, port):
            report.destinations.flatMap(destination) + [states(report)] + destinationHealth(address, port, model: model)
                + connectors(toward: address, port, model: model) + owners(report)
        case .peer:
            [states(report)] + report.ports.map { port($0.port, $0.counts) } + owners(report)
        case let .process(pid):
            (model.processReport.map { ProcessSummary.lines($0, states: states(report), model: model) } ?? [states(report)])
                + processHealth(pid, model: model)
        }
    }

    /// Connection health toward the destination, when the snapshot has it.
    static func destinationHealth(_ address: IPAddress, _ port: UInt16, model: DashboardModel) -> [Line] {
        guard let snapshot = model.snapshot, let row = snapshot.health?.destination(address, port) else { return [] }
        return health(row.figures, earlier: row.earlierRTT, sysctl: snapshot.sysctl)
    }

    /// Connection health of the process's client connections (its pools), when the snapshot has it.
    static func processHealth(_ pid: Int32, model: DashboardModel) -> [Line] {
        guard let snapshot = model.snapshot, let row = snapshot.health?.process(pid) else { return [] }
        return health(row.figures, sysctl: snapshot.sysctl)
    }

    /// Columns of an accept queue / backlog: `4096/4096` exact.
    static let queueWidth = 11

    /// Peers listed in a server-side summary (the socket list has them all).
    static let peerLimit = 5

    /// Listen overflows/s (namespace-wide: the counter is not per port), then one line per listener.
    private static func listeners(_ report: DrillReport, model: DashboardModel) -> [Line] {
        [listenersHead(report.listeners.count, model: model)] + report.listeners.map { listenerLine($0, owner: true) }
    }

    /// `listeners 2  listen overflows 37/s (all ports)`.
    static func listenersHead(_ count: Int, model: DashboardModel) -> Line {
        let overflows = model.snapshot?.rates[.listenOverflows] ?? nil
        return .items([
            .init([TextRun("listeners ", .label), TextRun("\(count)", .value)]),
            .init([TextRun("listen overflows ", .label),
                   TextRun(DisplayFormat.perSecond(overflows), (overflows ?? 0) > 0 ? .critical : .value),
                   TextRun(" (all ports)", .dim)],
                  short: [TextRun("ovf ", .label), TextRun(DisplayFormat.perSecond(overflows), (overflows ?? 0) > 0 ? .critical : .value)]),
        ])
    }

    /// `0.0.0.0:8080  accept queue 128/128  owner 812 nginx` (the owner left out in a process view).
    static func listenerLine(_ listener: Snapshot.Listener, owner: Bool) -> Line {
        let record = listener.record
        let queue = DisplayFormat.fraction(record.acceptQueue, of: record.backlog, width: queueWidth)
        let role = Severity(ratio: TableOrder.fill(record)).textRole
        let name = listener.owner.map { "\($0.pid) \($0.command)" } ?? DisplayFormat.missing
        return .items([
            .init([TextRun(DisplayFormat.endpoint(record.address, record.port), .value)]),
            .init([TextRun("accept queue ", .label), TextRun(queue, role)], short: [TextRun("q ", .label), TextRun(queue, role)]),
        ] + (owner ? [.init([TextRun("owner ", .label), TextRun(name, listener.owner == nil ? .dim : .value)])] : []))
    }

    /// `states  ESTABLISHED 180  TIME_WAIT 26.1k …`: the states present, in the dashboard's order.
    static func states(_ report: DrillReport) -> Line {
        let present = StatesPane.order.filter { report.states[$0] > 0 }
        let label = FittedLine.Item([TextRun("states", .label)])
        guard !present.isEmpty else { return .items([label, .init([TextRun("none", .dim)])]) }
        return .items([label] + present.map(count(report.states)))
    }

    private static func count(_ counts: StateCounts) -> (TCPState) -> FittedLine.Item {
        { state in
            let role = ColorRole.emphasis(for: state) ?? .label
            return FittedLine.Item([TextRun(state.name + " ", role), TextRun(DisplayFormat.exact(counts[state]), .value)],
                                   short: [TextRun(shortName(state) + " ", role), TextRun(DisplayFormat.compact(counts[state]), .value)])
        }
    }

    /// The peers pane's column names: `ESTAB`, `TW`, `CW`, …
    private static func shortName(_ state: TCPState) -> String {
        PeersPane.stateColumns.first { $0.state == state }?.title ?? state.name
    }

    private static func peer(_ peer: Snapshot.Peer) -> Line {
        breakdown(title: peer.address.description, peer.counts)
    }

    private static func port(_ port: UInt16, _ counts: StateCounts) -> Line {
        breakdown(title: ":\(port)", counts)
    }

    /// `10.0.3.17  total 26,331  ESTAB 180  TW 26,120`: a row of counts per state, present ones only.
    static func breakdown(title: String, _ counts: StateCounts) -> Line {
        let present = StatesPane.order.filter { counts[$0] > 0 }
        return .items([.init([TextRun(title, .value)]),
                       .init([TextRun("total ", .label), TextRun(DisplayFormat.exact(counts.total), .value)],
                             short: [TextRun("total ", .label), TextRun(DisplayFormat.compact(counts.total), .value)])]
                      + present.map { state in
                          let role = ColorRole.emphasis(for: state) ?? .label
                          return FittedLine.Item([TextRun(shortName(state) + " ", role), TextRun(DisplayFormat.exact(counts[state]), .value)],
                                                 short: [TextRun(shortName(state) + " ", role), TextRun(DisplayFormat.compact(counts[state]), .value)])
                      })
    }

    /// A gauge of the ports used toward the destination from one local address, then its figures.
    private static func destination(_ destination: Snapshot.Destination) -> [Line] {
        let counts = DisplayFormat.fraction(destination.used, of: destination.usable, width: queueWidth + 4)
        let full = DisplayFormat.timeLeft(destination)
        return [
            .gauge(label: "from \(destination.localAddress)", ratio: destination.ratio, counts: counts),
            .items([.init([TextRun("time-wait ", .label), TextRun(DisplayFormat.exact(destination.timeWait), .timeWait)],
                          short: [TextRun("TW ", .timeWait), TextRun(DisplayFormat.compact(destination.timeWait), .value)]),
                    .init([TextRun("full in ", .label), TextRun(full, .value)]),
                    .init([TextRun("with reuse ", .label), TextRun(DisplayFormat.percent(destination.ratioWithReuse), .value)])]),
        ]
    }

    /// One line per owning process: sockets it holds here, fds open / soft limit.
    private static func owners(_ report: DrillReport) -> [Line] {
        report.owners.map { owner in
            let usage = owner.fds
            let fds = usage.map { FileDescriptorsPane.openLimit($0, width: FileDescriptorsPane.openLimitWidth) }
                ?? DisplayFormat.missing + "/" + DisplayFormat.missing
            return .items([
                .init([TextRun("\(owner.process.pid) \(owner.process.command)", .value)]),
                .init([TextRun("sockets ", .label), TextRun(DisplayFormat.exact(owner.sockets), .value)]),
                .init([TextRun("fds ", .label), TextRun(fds, .value), TextRun(" " + DisplayFormat.percent(usage?.ratio),
                                                                                         Severity(ratio: usage?.ratio).textRole)]),
            ])
        }
    }
}
