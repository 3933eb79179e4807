/// Socket counts per TCP state, stored inline (no heap allocation) so that counting a socket is
/// one vector-lane increment and a dictionary of peers holds plain values.
public struct StateCounts: Equatable, Sendable {
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

    public static func + (lhs: StateCounts, rhs: StateCounts) -> StateCounts {
        var sum = lhs
        sum.lanes &+= rhs.lanes
        return sum
    }
}
