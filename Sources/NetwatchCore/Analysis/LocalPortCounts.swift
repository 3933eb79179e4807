/// Per-state counts for every local port.
///
/// Two representations, chosen by how many distinct ports carry sockets:
/// - up to ``sparseLimit`` ports, a dictionary: an ordinary host has a few hundred, and a flat
///   table would be 4 MiB of fresh pages to fault in and clear on every walk (a quarter of the
///   dashboard's CPU at 1k sockets);
/// - beyond that, flat (65,536 × 64 bytes = 4 MiB), so that counting a socket is an index, not a
///   hash lookup: in a storm nearly every ephemeral port carries a socket, and the dictionary was
///   the aggregation's largest cost.
/// Equality is by content, whichever representation each side has.
public struct LocalPortCounts: Sendable, Equatable {
    /// Distinct ports kept in the dictionary before the flat table takes over.
    public static let sparseLimit = 4_096

    @usableFromInline var sparse: [UInt16: StateCounts] = [:]
    @usableFromInline var flat: ContiguousArray<StateCounts> = []

    public init() {}

    /// Whether the flat table is in use (for tests and benchmarks).
    public var isFlat: Bool { !flat.isEmpty }

    @inlinable
    public mutating func add(_ state: TCPState, port: UInt16) {
        if keepsSparse(port) {
            sparse[port, default: StateCounts()].add(state)
        } else {
            flat[Int(port)].add(state)
        }
    }

    public subscript(port: UInt16) -> StateCounts {
        get { flat.isEmpty ? sparse[port] ?? StateCounts() : flat[Int(port)] }
        set {
            if keepsSparse(port) {
                sparse[port] = newValue
            } else {
                flat[Int(port)] = newValue
            }
        }
    }

    /// Whether `port` is counted in the dictionary; spreads into the flat table first when the
    /// dictionary is full and `port` would be a new key.
    @inlinable mutating func keepsSparse(_ port: UInt16) -> Bool {
        guard flat.isEmpty else { return false }
        if sparse.count < Self.sparseLimit || sparse[port] != nil { return true }
        spread()
        return false
    }

    /// Moves the dictionary into the flat table.
    @usableFromInline mutating func spread() {
        flat = ContiguousArray(repeating: StateCounts(), count: 65_536)
        for (port, counts) in sparse { flat[Int(port)] = counts }
        sparse = [:]
    }

    /// Every port with at least one socket, with its counts, in port order.
    public var occupied: [(port: UInt16, counts: StateCounts)] {
        if flat.isEmpty {
            return sparse.filter { $0.value.total > 0 }.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        }
        return flat.indices.compactMap { port in flat[port].total > 0 ? (UInt16(port), flat[port]) : nil }
    }

    /// The `n` ports with the most sockets (ties: lower port first).
    public func busiest(_ n: Int) -> [(port: UInt16, counts: StateCounts)] {
        var best = TopN<(port: UInt16, counts: StateCounts, total: Int)>(n) { a, b in
            a.total != b.total ? a.total > b.total : a.port < b.port
        }
        if flat.isEmpty {
            for (port, counts) in sparse {
                let total = counts.total
                if total > 0 { best.offer((port, counts, total)) }
            }
        } else {
            for port in 0..<flat.count {
                let total = flat[port].total
                if total > 0 { best.offer((UInt16(port), flat[port], total)) }
            }
        }
        return best.elements.map { ($0.port, $0.counts) }
    }

    public static func == (a: LocalPortCounts, b: LocalPortCounts) -> Bool {
        let left = a.occupied, right = b.occupied
        return left.count == right.count && zip(left, right).allSatisfy { $0.port == $1.port && $0.counts == $1.counts }
    }
}
