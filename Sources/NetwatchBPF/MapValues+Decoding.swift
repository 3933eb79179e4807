import CLibbpf
import Glibc
import NetwatchCore

/// The kernel map entries (`bpf/netwatch_maps.h`) as NetwatchCore values.
extension ConnectorKey {
    /// `nil` for a family other than AF_INET and AF_INET6.
    init?(_ key: nw_connector_key) {
        let bytes = withUnsafeBytes(of: key.addr) { Array($0) }
        let address: IPAddress?
        switch Int32(key.family) {
        case AF_INET: address = IPAddress(bytes: Array(bytes.prefix(4)))
        case AF_INET6: address = IPAddress(bytes: bytes)
        default: address = nil
        }
        guard let address else { return nil }
        self.init(pid: Int32(bitPattern: key.pid), namespace: key.netns, address: address, port: key.port)
    }
}

extension ConnectorTotals {
    /// `nil` when a counter is past ``MapEntry/countLimit``.
    init?(_ value: nw_connector_value) {
        guard let connects = count(value.connects), let established = count(value.established),
              let addressNotAvailable = count(value.addrnotavail), let refused = count(value.refused),
              let timedOut = count(value.timedout), let reset = count(value.reset), let other = count(value.other) else { return nil }
        let buckets = withUnsafeBytes(of: value.lifetime) { Array($0.bindMemory(to: UInt32.self)) }
        self.init(command: commandName(value.comm), connects: connects, established: established,
                  failures: ConnectFailures(addressNotAvailable: addressNotAvailable, refused: refused, timedOut: timedOut,
                                            reset: reset, other: other),
                  lifetimes: LifetimeHistogram(buckets: buckets.map { Int64($0) }))
    }
}

extension AcceptorKey {
    init(_ key: nw_acceptor_key) {
        self.init(pid: Int32(bitPattern: key.pid), namespace: key.netns)
    }
}

extension AcceptorTotals {
    /// `nil` when a counter is past ``MapEntry/countLimit``.
    init?(_ value: nw_acceptor_value) {
        guard let accepts = count(value.accepts), let processLimit = count(value.emfile), let systemLimit = count(value.enfile),
              let other = count(value.other) else { return nil }
        self.init(command: commandName(value.comm), accepts: accepts,
                  failures: AcceptFailures(processLimit: processLimit, systemLimit: systemLimit, other: other))
    }
}

/// A kernel counter as a count, or `nil` past ``MapEntry/countLimit``.
private func count(_ counter: UInt64) -> Int64? {
    counter <= MapEntry.countLimit ? Int64(counter) : nil
}

/// One entry of the tracer's maps as the kernel's bytes: its key, then its value.
public enum MapEntry: CaseIterable, Sendable {
    /// `connectors`: `struct nw_connector_way`, a way of the table (one not taken is skipped).
    case connector
    /// `acceptors`: `struct nw_acceptor_key`, `struct nw_acceptor_value`.
    case acceptor

    /// A counter past 2^48 is no count the kernel reached (8.9 years at a million a second), but
    /// a corrupt entry: it is skipped, and sums of counters cannot overflow.
    public static let countLimit: UInt64 = 1 << 48

    /// Bytes of the key and the value together.
    public var size: Int {
        switch self {
        case .connector: MemoryLayout<nw_connector_way>.size
        case .acceptor: MemoryLayout<nw_acceptor_key>.size + MemoryLayout<nw_acceptor_value>.size
        }
    }
}

extension ConnectorCounts {
    /// Adds one map entry read as bytes (fewer than ``MapEntry/size`` are zero-filled), decoded as
    /// ``ConnectionTracer/read()`` decodes the entries it reads; a corrupt one is skipped.
    public mutating func add(_ entry: MapEntry, bytes: UnsafeRawBufferPointer) {
        switch entry {
        case .connector:
            var way = nw_connector_way()
            withUnsafeMutableBytes(of: &way) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(MemoryLayout<nw_connector_way>.size))) }
            if way.state == UInt32(NW_WAY_TAKEN) { add(way: way) }
        case .acceptor:
            let (key, value) = decoded(bytes, as: (nw_acceptor_key(), nw_acceptor_value()))
            add(key, value)
        }
    }

    /// A taken way of the connectors table; a second way of the same connector is added to the first.
    mutating func add(way: nw_connector_way) {
        guard let key = ConnectorKey(way.key), let totals = ConnectorTotals(way.value) else { return }
        if let known = connectors[key] {
            connectors[key] = known.adding(totals)
        } else {
            connectors[key] = totals
        }
    }

    mutating func add(_ key: nw_acceptor_key, _ value: nw_acceptor_value) {
        guard let totals = AcceptorTotals(value) else { return }
        acceptors[AcceptorKey(key)] = totals
    }

    /// A key and a value laid out one after the other from `bytes`.
    private func decoded<Key, Value>(_ bytes: UnsafeRawBufferPointer, as zero: (Key, Value)) -> (Key, Value) {
        var (key, value) = zero
        let keySize = MemoryLayout<Key>.size
        withUnsafeMutableBytes(of: &key) { $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.prefix(keySize))) }
        withUnsafeMutableBytes(of: &value) {
            $0.copyMemory(from: UnsafeRawBufferPointer(rebasing: bytes.dropFirst(keySize).prefix(MemoryLayout<Value>.size)))
        }
        return (key, value)
    }
}

/// A `comm` field: up to 16 bytes, NUL-terminated unless full.
func commandName<Tuple>(_ comm: Tuple) -> String {
    withUnsafeBytes(of: comm) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
}
