import NetwatchCore
import NetwatchUI

/// Recordings as replay reads them, through to the screen: where values a file can hold once
/// crashed the dashboard (issue 11).
enum FuzzChain {
    /// Sizes the dashboard is drawn at: the smallest full layout, a wide one, and too small.
    static let sizes = [(80, 24), (200, 60), (20, 5)]
    /// Lines decoded from one input at most, so one run stays short.
    static let lineLimit = 8

    /// One document: decoded, its export history read, encoded back, and skimmed as replay indexes
    /// it: a document that decodes and can be skimmed indexes to the frame its full decode gives.
    static func snapshot(_ text: String) {
        let skimmed = SnapshotSkim.skimmed(Array(text.utf8))
        guard let document = try? SnapshotDecoder.parse(text) else { return }
        _ = try? SnapshotDecoder.history(in: document)
        guard let snapshot = try? SnapshotDecoder.decode(document) else { return }
        _ = SnapshotEncoder.encode(snapshot).serialized()
        guard let skimmed else { return }
        let line = NDJSONLineSplitter.Line(offset: 0, length: text.utf8.count)
        let indexed = (try? SnapshotDecoder.decode(String(decoding: skimmed, as: UTF8.self))).map { ReplayFrame(line: line, snapshot: $0) }
        precondition(indexed == ReplayFrame(line: line, snapshot: snapshot), "the skimmed line indexes to another frame")
    }

    /// NDJSON lines, each decoded.
    static func recording(_ bytes: UnsafeRawBufferPointer) {
        _ = snapshots(bytes)
    }

    static func chain(_ bytes: UnsafeRawBufferPointer) {
        let document = try? SnapshotDecoder.parse(String(decoding: bytes, as: UTF8.self))
        let exported = document.flatMap { try? SnapshotDecoder.history(in: $0) }
        var history = exported ?? History(windowSeconds: History.defaultWindowSeconds, intervalSeconds: 1)
        var previous: Snapshot?
        for var snapshot in snapshots(bytes) {
            if exported == nil { history.record(snapshot) }
            snapshot.advice = AdviceEngine.findings(for: snapshot, history: history)
            render(snapshot, previous: previous, history: history)
            previous = snapshot
        }
    }

    private static func snapshots(_ bytes: UnsafeRawBufferPointer) -> [Snapshot] {
        var splitter = NDJSONLineSplitter()
        var lines = splitter.feed(bytes)
        if let torn = splitter.tornLine { lines.append(torn) }
        return lines.prefix(lineLimit).compactMap { line in
            let text = String(decoding: bytes[line.offset..<line.offset + line.length], as: UTF8.self)
            return try? SnapshotDecoder.decode(text)
        }
    }

    /// The dashboard, the advice list and a drill view into the first peer, at every size.
    private static func render(_ snapshot: Snapshot, previous: Snapshot?, history: History) {
        var views = [ViewState(intervalSeconds: snapshot.intervalSeconds ?? 1)]
        var advice = views[0]
        advice.adviceShown = true
        views.append(advice)
        if let peer = snapshot.peers.first {
            var drill = views[0]
            drill.drill = .peer(peer.address)
            views.append(drill)
        }
        for view in views {
            let model = DashboardModel(snapshot: snapshot.narrowed(filter: view.filter, drill: view.drill), previous: previous,
                                       history: history, view: view, clock: snapshot.takenAt,
                                       timeZone: .utc)
            for (width, height) in sizes { _ = Dashboard.render(model, width: width, height: height) }
        }
    }
}
