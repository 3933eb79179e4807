import FoundationEssentials

/// One recorded snapshot as the replay timeline keeps it: where its line lies (to decode it
/// again when shown) and what it adds to the trend charts, so history can be rebuilt at any
/// position without decoding every line again. About 200 bytes a frame.
public struct ReplayFrame: Equatable, Sendable {
    /// Where the line lies in the recording.
    public var line: NDJSONLineSplitter.Line
    /// The recorder's interval (`interval_s`), when the line says.
    public var intervalSeconds: Double?
    /// The snapshot's time and history values.
    public var sample: HistorySample

    public init(line: NDJSONLineSplitter.Line, snapshot: Snapshot) {
        self.line = line
        intervalSeconds = snapshot.intervalSeconds
        sample = HistorySample(snapshot)
    }

    public var takenAt: Date { sample.time }
}
