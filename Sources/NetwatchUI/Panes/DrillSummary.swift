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
            report.destinations.flatMap(destination) + [states(report)] + connectors(toward: address, port, model: model)
                + owners(report)
        case .peer:
            [states(report)] + report.ports.map { port($0.port, $0.counts) } + owners(report)
        }
    }

    /// Peers listed in a server-side summary (the socket list has them all).
    static let peerLimit = 5

    /// Listen overflows/s (namespace-wide: the counter is not per port), then one line per listener.
    private static func listeners(_ report: DrillReport, model: DashboardModel) -> [Line] {
        let overflows = model.snapshot?.rates[.listenOverflows] ?? nil
        let head = Line.items([
            .init([TextRun("listeners ", .label), TextRun("\(report.listeners.count)", .value)]),
            .init([TextRun("listen overflows ", .label),
                   TextRun(DisplayFormat.perSecond(overflows), (overflows ?? 0) > 0 ? .critical : .value),
                   TextRun(" (all ports)", .dim)],
                  short: [TextRun("ovf ", .label), TextRun(DisplayFormat.perSecond(overflows), (overflows ?? 0) > 0 ? .critical : .value)]),
        ])
        return [head] + report.listeners.map { listener in
            let record = listener.record
            let backlog = record.backlog.map { DisplayFormat.compact($0) } ?? DisplayFormat.missing
            let owner = listener.owner.map { "\($0.pid) \($0.command)" } ?? DisplayFormat.missing
            return .items([
                .init([TextRun(DisplayFormat.endpoint(record.address, record.port), .value)]),
                .init([TextRun("accept queue ", .label),
                       TextRun(DisplayFormat.compact(record.acceptQueue) + "/" + backlog, Severity(ratio: TableOrder.fill(record)).textRole)],
                      short: [TextRun("q ", .label),
                              TextRun(DisplayFormat.compact(record.acceptQueue) + "/" + backlog, Severity(ratio: TableOrder.fill(record)).textRole)]),
                .init([TextRun("owner ", .label), TextRun(owner, listener.owner == nil ? .dim : .value)]),
            ])
        }
    }

    /// `states  ESTABLISHED 180  TIME_WAIT 26.1k …`: the states present, in the dashboard's order.
    private static func states(_ report: DrillReport) -> Line {
        let present = StatesPane.order.filter { report.states[$0] > 0 }
        let label = FittedLine.Item([TextRun("states", .label)])
        guard !present.isEmpty else { return .items([label, .init([TextRun("none", .dim)])]) }
        return .items([label] + present.map(count(report.states)))
    }

    private static func count(_ counts: StateCounts) -> (TCPState) -> FittedLine.Item {
        { state in
            let role = ColorRole.emphasis(for: state) ?? .label
            return FittedLine.Item([TextRun(state.name + " ", role), TextRun(DisplayFormat.compact(counts[state]), .value)],
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

    /// `10.0.3.17  total 26.3k  ESTAB 180  TW 26.1k`: a row of counts per state, present ones only.
    private static func breakdown(title: String, _ counts: StateCounts) -> Line {
        let present = StatesPane.order.filter { counts[$0] > 0 }
        return .items([.init([TextRun(title, .value)]),
                       .init([TextRun("total ", .label), TextRun(DisplayFormat.compact(counts.total), .value)])]
                      + present.map { state in
                          let role = ColorRole.emphasis(for: state) ?? .label
                          return FittedLine.Item([TextRun(shortName(state) + " ", role), TextRun(DisplayFormat.compact(counts[state]), .value)])
                      })
    }

    /// A gauge of the ports used toward the destination from one local address, then its figures.
    private static func destination(_ destination: Snapshot.Destination) -> [Line] {
        let counts = DisplayFormat.compact(destination.used) + "/" + DisplayFormat.compact(destination.usable)
        let full = DisplayFormat.timeLeft(destination)
        return [
            .gauge(label: "from \(destination.localAddress)", ratio: destination.ratio, counts: counts),
            .items([.init([TextRun("time-wait ", .label), TextRun(DisplayFormat.compact(destination.timeWait), .timeWait)],
                          short: [TextRun("TW ", .timeWait), TextRun(DisplayFormat.compact(destination.timeWait), .value)]),
                    .init([TextRun("full in ", .label), TextRun(full, .value)]),
                    .init([TextRun("with reuse ", .label), TextRun(DisplayFormat.percent(destination.ratioWithReuse), .value)])]),
        ]
    }

    /// One line per owning process: sockets it holds here, fds open / soft limit.
    private static func owners(_ report: DrillReport) -> [Line] {
        report.owners.map { owner in
            let usage = owner.fds
            let limit = usage?.limit.soft.map { DisplayFormat.compact(Int(clamping: $0)) } ?? (usage == nil ? DisplayFormat.missing : "unlim")
            let fds = usage.map { DisplayFormat.compact($0.open) } ?? DisplayFormat.missing
            return .items([
                .init([TextRun("\(owner.process.pid) \(owner.process.command)", .value)]),
                .init([TextRun("sockets ", .label), TextRun(DisplayFormat.compact(owner.sockets), .value)]),
                .init([TextRun("fds ", .label), TextRun(fds + "/" + limit, .value), TextRun(" " + DisplayFormat.percent(usage?.ratio),
                                                                                         Severity(ratio: usage?.ratio).textRole)]),
            ])
        }
    }
}
