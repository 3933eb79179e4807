/// Per-state counts for every local port, stored flat (65,536 × 64 bytes = 4 MiB) so that
/// counting a socket is an index, not a hash lookup: in a storm nearly every ephemeral port
/// carries a socket, and a dictionary of them was the aggregation's largest cost. The table is
/// allocated on the first socket, so an empty value costs nothing.
public struct LocalPortCounts: Sendable, Equatable {
    @usableFromInline var counts: ContiguousArray<StateCounts> = []

    public init() {}

    @inlinable
    public mutating func add(_ state: TCPState, port: UInt16) {
        if counts.isEmpty { counts = ContiguousArray(repeating: StateCounts(), count: 65_536) }
        counts[Int(port)].add(state)
    }

    public subscript(port: UInt16) -> StateCounts {
        get { counts.isEmpty ? StateCounts() : counts[Int(port)] }
        set {
            if counts.isEmpty { counts = ContiguousArray(repeating: StateCounts(), count: 65_536) }
            counts[Int(port)] = newValue
        }
    }

    /// The `n` ports with the most sockets (ties: lower port first).
    public func busiest(_ n: Int) -> [(port: UInt16, counts: StateCounts)] {
        var best = TopN<(port: UInt16, counts: StateCounts, total: Int)>(n) { a, b in
            a.total != b.total ? a.total > b.total : a.port < b.port
        }
        for port in 0..<counts.count {
            let total = counts[port].total
            if total > 0 { best.offer((UInt16(port), counts[port], total)) }
        }
        return best.elements.map { ($0.port, $0.counts) }
    }
}
