import Foundation

/// One recorded snapshot as the replay timeline keeps it: where its line lies (to decode it
/// again when shown) and the few numbers the trend charts need, so history can be rebuilt at
/// any position without decoding every line again. About 200 bytes a frame.
public struct ReplayFrame: Equatable, Sendable {
    /// Where the line lies in the recording.
    public var line: NDJSONLineSplitter.Line
    public var takenAt: Date
    /// The recorder's interval (`interval_s`), when the line says.
    public var intervalSeconds: Double?
    /// Each ``HistorySeries`` value, in `HistorySeries.allCases` order.
    public var values: [Double?]
    /// The port scope the snapshot was collected for and its TIME_WAIT count.
    public var scope: (name: String, timeWait: Double?)?

    public static func == (a: ReplayFrame, b: ReplayFrame) -> Bool {
        a.line == b.line && a.takenAt == b.takenAt && a.intervalSeconds == b.intervalSeconds && a.values == b.values
            && a.scope?.name == b.scope?.name && a.scope?.timeWait == b.scope?.timeWait
    }

    public init(line: NDJSONLineSplitter.Line, snapshot: Snapshot) {
        self.line = line
        takenAt = snapshot.takenAt
        intervalSeconds = snapshot.intervalSeconds
        values = HistorySeries.allCases.map { $0.value(in: snapshot) }
        scope = History.scope(of: snapshot).map { ($0, snapshot.states.map { Double($0.byState[.timeWait]) }) }
    }

    /// Adds this frame's points to `history`, as ``History/record(_:)`` does for its snapshot.
    func record(into history: inout History) {
        for (series, value) in zip(HistorySeries.allCases, values) {
            history.append(HistoryPoint(time: takenAt, value: value), to: series)
        }
        if let scope { history.append(HistoryPoint(time: takenAt, value: scope.timeWait), toScope: scope.name) }
    }
}
