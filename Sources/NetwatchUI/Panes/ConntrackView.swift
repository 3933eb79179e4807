import NetwatchCore

/// The conntrack view (`c`), filling the screen between header and footer: what the collected
/// namespace's connection-tracking table holds. The gauge with the count's trend, the per-CPU
/// events per second (the kernel's names), TCP entries per conntrack state (most first), then the
/// destinations of the original direction holding most entries, with their TIME_WAIT entries and,
/// where SNAT applies, the translated source addresses (the reply direction) and how many entries,
/// so ports, each holds toward that destination.
enum ConntrackView {
    static func draw(_ model: DashboardModel, in rect: Rect, on buffer: inout ScreenBuffer) {
        let glyphs = model.glyphMode.glyphs
        let conntrack = model.snapshot?.conntrack
        var title = [PaneFrame.name("Conntrack")]
        if let dumped = conntrack?.dumped {
            title.append(FittedLine.Item([TextRun("dumped ", .label), TextRun(DisplayFormat.compact(dumped), .value)]))
        }
        if let count = conntrack?.destinationCount {
            title.append(FittedLine.Item([TextRun(DisplayFormat.compact(count), .value), TextRun(" destinations", .label)],
                                         short: [TextRun(DisplayFormat.compact(count), .value), TextRun(" dest", .label)]))
        }
        let inner = PaneFrame.draw(title, in: rect, focused: true, marksFocus: false, glyphs: glyphs, on: &buffer)
        guard inner.height > 0 else { return }
        guard let conntrack else {
            let why = model.snapshot == nil ? "waiting for the first sample" : "conntrack not in use (nf_conntrack is not loaded here)"
            buffer.write(why, x: inner.x, y: inner.y, role: .dim, clip: inner)
            return
        }
        ConntrackGauge.draw(conntrack, trend: model.history[.conntrack], model: model, in: inner.row(0), on: &buffer)
        let lines = [events(conntrack), states(conntrack)]
        for (index, runs) in lines.enumerated() where index + 1 < inner.height {
            buffer.write(FittedLine.fit(runs, width: inner.width), x: inner.x, y: inner.y + index + 1, clip: inner)
        }
        let top = lines.count + 2
        guard inner.height > top else { return }
        let area = Rect(x: inner.x, y: inner.y + top, width: inner.width, height: inner.height - top)
        TableView(
            columns: [TableColumn("PROTO", width: 5, align: .left), TableColumn("DESTINATION", width: 22, align: .left),
                      TableColumn("ENTRIES", width: 7), TableColumn("TIME_WAIT", width: 9),
                      TableColumn("SNAT SOURCES", width: 12, align: .left, flexible: true)],
            rows: conntrack.destinations ?? [], cells: { cells($0, glyphs: glyphs) }, selected: nil,
            emptyText: conntrack.destinations == nil ? noDump : "the table is empty"
        ).draw(in: area, glyphs: glyphs, on: &buffer)
    }

    static let noDump = "no ctnetlink dump yet: states and destinations come with the socket walk"

    /// `events/s  drop 0  early_drop 0  insert_failed 12  search_restart 3`, a non-zero one in
    /// the warning role.
    static func events(_ conntrack: Snapshot.Conntrack) -> [FittedLine.Item] {
        guard conntrack.statistics != nil else {
            return [FittedLine.Item([TextRun("events/s ", .label), TextRun("/proc/net/stat/nf_conntrack unreadable", .dim)])]
        }
        return [FittedLine.Item([TextRun("events/s", .label)])] + ConntrackStatistics.rated.map { name in
            let rate = conntrack.ratesPerSecond[name] ?? nil
            return FittedLine.Item([TextRun(name + " ", .label), TextRun(DisplayFormat.rate(rate), (rate ?? 0) > 0 ? .warning : .value)])
        }
    }

    /// `TCP  TIME_WAIT 98k  ESTABLISHED 1.2k  SYN_SENT 3`: every state holding entries, most first.
    static func states(_ conntrack: Snapshot.Conntrack) -> [FittedLine.Item] {
        let label = FittedLine.Item([TextRun("TCP", .label)])
        guard let byState = conntrack.byState else { return [label, FittedLine.Item([TextRun(noDump, .dim)])] }
        let held = ConntrackTCPState.allCases.filter { (byState[$0] ?? 0) > 0 }
            .sorted { (byState[$0] ?? 0, $1.rawValue) > (byState[$1] ?? 0, $0.rawValue) }
        guard !held.isEmpty else { return [label, FittedLine.Item([TextRun("no TCP entries", .dim)])] }
        return [label] + held.map { state in
            FittedLine.Item([TextRun(state.name + " ", .label), TextRun(DisplayFormat.compact(byState[state]), .value)])
        }
    }

    /// `tcp`, `udp`, `icmp`, `icmpv6`, else the protocol number.
    static func protocolName(_ number: UInt8) -> String {
        switch number {
        case 6: "tcp"
        case 17: "udp"
        case 1: "icmp"
        case 58: "icmpv6"
        case 132: "sctp"
        default: String(number)
        }
    }

    private static func cells(_ destination: Snapshot.ConntrackDestination, glyphs: Glyphs) -> [TextRun] {
        let sources = destination.sourceNAT.map { "\($0.address) \(glyphs.times)\(DisplayFormat.compact($0.entries))" }
        return [TextRun(protocolName(destination.ipProtocol), .value),
                TextRun(destination.port == 0 ? destination.address.description
                            : DisplayFormat.endpoint(destination.address, destination.port), .value),
                TextRun(DisplayFormat.compact(destination.entries), .value),
                TextRun(DisplayFormat.compact(destination.timeWait), .value),
                TextRun(sources.isEmpty ? "-" : sources.joined(separator: ", "), sources.isEmpty ? .dim : .value)]
    }
}
