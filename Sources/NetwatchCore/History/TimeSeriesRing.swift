import FoundationEssentials

/// A bounded ring of ``HistoryPoint``s: appending is O(1) and, once `capacity` points are held,
/// each new point overwrites the oldest. Storage never grows beyond `capacity`: 16 bytes a point
/// (the time and the value as two `Double`s, an unknown value stored as NaN).
public struct TimeSeriesRing: Equatable, Sendable {
    /// The most points the ring holds (at least 1).
    public let capacity: Int
    /// Seconds since 1970 of each point.
    private var times: [Double] = []
    /// Each point's value; NaN for unknown.
    private var values: [Double] = []
    /// Index in the storage of the oldest point once the ring is full.
    private var oldest = 0

    /// Bytes one point takes in the ring's storage.
    public static let bytesPerPoint = 2 * MemoryLayout<Double>.stride

    /// Equal when they hold the same points in the same order at the same capacity, wherever
    /// the ring's start happens to be.
    public static func == (a: TimeSeriesRing, b: TimeSeriesRing) -> Bool {
        a.capacity == b.capacity && a.points == b.points
    }

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        times.reserveCapacity(self.capacity)
        values.reserveCapacity(self.capacity)
    }

    /// How many points are held (≤ `capacity`).
    public var count: Int { times.count }

    public var isEmpty: Bool { times.isEmpty }

    /// Every slot is taken: the next append overwrites the oldest point.
    public var isFull: Bool { times.count == capacity }

    /// Adds a point, dropping the oldest when full; returns the point dropped, if any.
    @discardableResult
    public mutating func append(_ point: HistoryPoint) -> HistoryPoint? {
        let time = point.time.timeIntervalSince1970
        let value = point.value ?? .nan
        guard isFull else {
            times.append(time)
            values.append(value)
            return nil
        }
        let dropped = self[0]
        times[oldest] = time
        values[oldest] = value
        oldest = (oldest + 1) % capacity
        return dropped
    }

    /// The point `index` places after the oldest one (0 = oldest, `count - 1` = newest).
    public subscript(index: Int) -> HistoryPoint {
        let slot = (oldest + index) % times.count
        let value = values[slot]
        return HistoryPoint(time: Date(timeIntervalSince1970: times[slot]), value: value.isNaN ? nil : value)
    }

    /// All points, oldest first.
    public var points: [HistoryPoint] { suffix(count) }

    /// The newest `n` points (fewer when fewer are held), oldest first.
    public func suffix(_ n: Int) -> [HistoryPoint] {
        let taken = min(max(0, n), count)
        return (count - taken..<count).map { self[$0] }
    }

    /// The newest point, `nil` when empty.
    public var latest: HistoryPoint? { isEmpty ? nil : self[count - 1] }

    /// The highest known value held, `nil` when no point has a value. O(capacity).
    public var peak: Double? { values.lazy.filter { !$0.isNaN }.max() }
}
