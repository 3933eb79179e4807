/// Connector counts kept every ``step`` seconds for about ``span`` seconds, so each read can be
/// compared with the counts a minute before it ("312 failures in the last minute") at the cost of
/// about a dozen kept copies, whatever the interval.
public struct ConnectorWindow: Sendable {
    /// How far back "recent" reaches, in seconds.
    public static let span = 60.0
    /// Seconds between kept counts.
    public static let step = 5.0

    private var kept: [(at: Double, counts: ConnectorCounts)] = []

    public init() {}

    /// Keeps `counts` read at `at` (monotonic seconds) when the last kept ones are ``step`` old,
    /// and forgets those that another kept copy already covers as a baseline.
    public mutating func record(_ counts: ConnectorCounts, at: Double) {
        if let last = kept.last, at - last.at < ConnectorWindow.step { return }
        kept.append((at, counts))
        while kept.count >= 2, at - kept[1].at >= ConnectorWindow.span { kept.removeFirst() }
    }

    /// The oldest kept counts and their age at `now`: about a minute old once counting has run
    /// that long, younger before; `nil` before the first.
    public func baseline(at now: Double) -> (seconds: Double, counts: ConnectorCounts)? {
        kept.first.map { (now - $0.at, $0.counts) }
    }
}
