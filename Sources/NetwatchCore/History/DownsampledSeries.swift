/// One history series over a long window at a bounded cost: the newest points at full
/// resolution in a raw ring, and the points the raw ring drops folded into coarse buckets of
/// ``bucketSeconds`` (aligned to multiples of it since 1970), each bucket keeping the **peak**
/// of its points (a spike is never averaged away) at the time of the newest point folded in.
/// A bucket whose points are all unknown is unknown.
///
/// Memory: (raw capacity + coarse capacity) × ``TimeSeriesRing/bytesPerPoint``, fixed at init.
public struct DownsampledSeries: Equatable, Sendable {
    /// Seconds each coarse point covers.
    public let bucketSeconds: Double
    /// The newest points, one per tick.
    public private(set) var raw: TimeSeriesRing
    /// Older points, one per bucket; `nil` when the window fits the raw ring.
    public private(set) var coarse: TimeSeriesRing?
    /// The bucket being filled by points leaving the raw ring, with its bucket number.
    private var open: (bucket: Double, point: HistoryPoint)?

    public static func == (a: DownsampledSeries, b: DownsampledSeries) -> Bool {
        a.bucketSeconds == b.bucketSeconds && a.raw == b.raw && a.coarse == b.coarse
            && a.open?.bucket == b.open?.bucket && a.open?.point == b.open?.point
    }

    /// - Parameters:
    ///   - rawCapacity: points kept at full resolution.
    ///   - coarseCapacity: buckets kept beyond them; 0 for none.
    ///   - bucketSeconds: seconds per bucket (> 0).
    public init(rawCapacity: Int, coarseCapacity: Int, bucketSeconds: Double) {
        self.bucketSeconds = bucketSeconds
        raw = TimeSeriesRing(capacity: rawCapacity)
        coarse = coarseCapacity > 0 ? TimeSeriesRing(capacity: coarseCapacity) : nil
    }

    /// Adds the newest point; the raw point it displaces goes into its bucket.
    public mutating func append(_ point: HistoryPoint) {
        guard let dropped = raw.append(point), coarse != nil else { return }
        fold(dropped)
    }

    private mutating func fold(_ point: HistoryPoint) {
        let bucket = (point.time.timeIntervalSince1970 / bucketSeconds).rounded(.down)
        if let current = open, current.bucket == bucket {
            let known = [current.point.value, point.value].compactMap { $0 }
            open = (bucket, HistoryPoint(time: point.time, value: known.max()))
            return
        }
        if let closed = open?.point { coarse?.append(closed) }
        open = (bucket, point)
    }

    /// How many points ``points`` returns.
    public var count: Int { (coarse?.count ?? 0) + (open == nil ? 0 : 1) + raw.count }

    public var isEmpty: Bool { count == 0 }

    /// Every point, oldest first: the coarse buckets (the open one last), then the raw points.
    public var points: [HistoryPoint] {
        (coarse?.points ?? []) + (open.map { [$0.point] } ?? []) + raw.points
    }

    /// The newest point, `nil` when empty.
    public var latest: HistoryPoint? { raw.latest }

    /// The highest known value over the whole window, `nil` when none is known.
    public var peak: Double? {
        [coarse?.peak, open?.point.value, raw.peak].compactMap { $0 }.max()
    }

    /// Bytes the series' storage takes once full.
    public var bytes: Int { (raw.capacity + (coarse?.capacity ?? 0) + 1) * TimeSeriesRing.bytesPerPoint }
}
