/// The earlier walks that destination growth ("full in") is measured against: a window of
/// ``seconds`` rather than the walk before, so one walk's noise does not swing the estimate (at
/// saturation, between "<1s" and "never" on alternate ticks). Keeps only each walk's
/// destinations (``SocketTable/destinationsOnly``) and only as many walks as the window spans.
public struct GrowthWindow: Sendable {
    /// How far back growth is measured, seconds.
    public let seconds: Double
    private var walks: [RawSample] = []

    public init(seconds: Double = 10) { self.seconds = seconds }

    /// The walk to measure growth from for a walk taken at `now` (monotonic seconds): the newest
    /// kept walk at least ``seconds`` older, or the oldest kept while the window is filling;
    /// `nil` before any walk.
    public func baseline(at now: Double) -> RawSample? {
        walks.last { ($0.tableTakenAt ?? now) <= now - seconds } ?? walks.first
    }

    /// Keeps `walk` (a sample with a table) and drops walks no longer needed as a baseline.
    public mutating func record(_ walk: RawSample) {
        guard let taken = walk.tableTakenAt else { return }
        var kept = walk
        kept.table = walk.table?.destinationsOnly
        kept.owners = [:]
        kept.processes = []
        kept.listeners = []
        walks.append(kept)
        // The oldest stays while the next one is not yet a full window old.
        while walks.count > 1, let next = walks[1].tableTakenAt, next <= taken - seconds { walks.removeFirst() }
    }

    /// Forgets every walk (the view changed: the next walks count other sockets).
    public mutating func reset() { walks.removeAll() }
}
