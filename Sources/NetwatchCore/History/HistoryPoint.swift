import FoundationEssentials

/// One sample of a history series: when it was taken and its value, `nil` when the source was
/// unavailable at that tick (a gap in a chart, never a zero).
public struct HistoryPoint: Equatable, Sendable {
    public var time: Date
    public var value: Double?

    public init(time: Date, value: Double?) {
        self.time = time
        self.value = value
    }
}
