/// A bounded ring of ``HistoryPoint``s: appending is O(1) and, once `capacity` points are held,
/// each new point overwrites the oldest. Storage never grows beyond `capacity`.
public struct TimeSeriesRing: Equatable, Sendable {
    /// The most points the ring holds (at least 1).
    public let capacity: Int
    private var storage: [HistoryPoint] = []
    /// Index in `storage` of the oldest point once the ring is full.
    private var oldest = 0

    public init(capacity: Int) {
        self.capacity = max(1, capacity)
        storage.reserveCapacity(self.capacity)
    }

    /// How many points are held (≤ `capacity`).
    public var count: Int { storage.count }

    public var isEmpty: Bool { storage.isEmpty }

    /// Adds a point, dropping the oldest when full.
    public mutating func append(_ point: HistoryPoint) {
        if storage.count < capacity {
            storage.append(point)
        } else {
            storage[oldest] = point
            oldest = (oldest + 1) % capacity
        }
    }

    /// The point `index` places after the oldest one (0 = oldest, `count - 1` = newest).
    public subscript(index: Int) -> HistoryPoint {
        storage[(oldest + index) % storage.count]
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
    public var peak: Double? { storage.compactMap(\.value).max() }
}
