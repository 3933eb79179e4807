/// Socket counts per TCP state, stored inline (no heap allocation) so that counting a socket is
/// one vector-lane increment and a dictionary of peers holds plain values.
public struct StateCounts: Equatable, Sendable, CustomStringConvertible {
    /// Lane `TCPState.rawValue` holds that state's count; lane 0 and lanes 12…15 are unused.
    @usableFromInline var lanes = SIMD16<Int32>()

    public init() {}

    public init(_ counts: [TCPState: Int]) {
        for (state, n) in counts { self[state] = n }
    }

    public subscript(state: TCPState) -> Int {
        get { Int(lanes[Int(state.rawValue)]) }
        set { lanes[Int(state.rawValue)] = Int32(truncatingIfNeeded: newValue) }
    }

    @inlinable
    public mutating func add(_ state: TCPState) { lanes[Int(state.rawValue)] &+= 1 }

    public var total: Int { Int(lanes.wrappedSum()) }

    /// Non-zero states, e.g. `[TIME_WAIT: 300, LISTEN: 6]` (for test failures and logs).
    public var description: String {
        "[" + TCPState.allCases.filter { self[$0] != 0 }.map { "\($0.name): \(self[$0])" }.joined(separator: ", ") + "]"
    }

    public static func + (lhs: StateCounts, rhs: StateCounts) -> StateCounts {
        var sum = lhs
        sum.lanes &+= rhs.lanes
        return sum
    }
}
