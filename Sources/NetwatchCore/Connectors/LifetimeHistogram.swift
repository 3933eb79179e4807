/// Connection lifetimes in log2 buckets of microseconds: bucket `i` holds lifetimes in
/// [2^i, 2^(i+1)) µs (bucket 0 also those under 1 µs), the last bucket everything longer.
public struct LifetimeHistogram: Equatable, Sendable {
    /// The kernel program's bucket count (`NW_LIFETIME_BUCKETS`).
    public static let bucketCount = 32

    /// Counts per bucket, ``bucketCount`` of them.
    public private(set) var buckets: [Int64]

    public init(buckets: [Int64] = []) {
        var padded = Array(buckets.prefix(LifetimeHistogram.bucketCount))
        padded += Array(repeating: 0, count: LifetimeHistogram.bucketCount - padded.count)
        self.buckets = padded
    }

    public var count: Int64 { buckets.reduce(0, +) }

    /// Lower bound of bucket `i`, in milliseconds.
    public static func lowerBoundMs(_ i: Int) -> Double { i == 0 ? 0 : Double(UInt64(1) << UInt64(i)) / 1000 }

    /// The lifetime below which a fraction `q` (0…1) of connections closed, in milliseconds,
    /// interpolated inside its bucket (log2 buckets: within a factor of two); `nil` when empty.
    public func quantileMs(_ q: Double) -> Double? {
        let total = count
        guard total > 0 else { return nil }
        let rank = q * Double(total)
        var below = 0.0
        for (i, n) in buckets.enumerated() where n > 0 {
            if below + Double(n) >= rank {
                let low = LifetimeHistogram.lowerBoundMs(i), high = Double(UInt64(1) << UInt64(i + 1)) / 1000
                return low + (high - low) * max(0, rank - below) / Double(n)
            }
            below += Double(n)
        }
        return Double(UInt64(1) << UInt64(buckets.count)) / 1000
    }

    /// The closes since `earlier`; `nil` when a bucket went backwards.
    public func since(_ earlier: LifetimeHistogram) -> LifetimeHistogram? {
        let grown = zip(buckets, earlier.buckets).map { $0 - $1 }
        return grown.allSatisfy { $0 >= 0 } ? LifetimeHistogram(buckets: grown) : nil
    }
}
