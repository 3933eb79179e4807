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
    init(_ value: nw_connector_value) {
        let buckets = withUnsafeBytes(of: value.lifetime) { Array($0.bindMemory(to: UInt32.self)) }
        self.init(command: commandName(value.comm), connects: Int64(value.connects), established: Int64(value.established),
                  failures: ConnectFailures(addressNotAvailable: Int64(value.addrnotavail), refused: Int64(value.refused),
                                            timedOut: Int64(value.timedout), reset: Int64(value.reset), other: Int64(value.other)),
                  lifetimes: LifetimeHistogram(buckets: buckets.map { Int64($0) }))
    }
}

extension AcceptorKey {
    init(_ key: nw_acceptor_key) {
        self.init(pid: Int32(bitPattern: key.pid), namespace: key.netns)
    }
}

extension AcceptorTotals {
    init(_ value: nw_acceptor_value) {
        self.init(command: commandName(value.comm), accepts: Int64(value.accepts),
                  failures: AcceptFailures(processLimit: Int64(value.emfile), systemLimit: Int64(value.enfile),
                                           other: Int64(value.other)))
    }
}

/// A `comm` field: up to 16 bytes, NUL-terminated unless full.
func commandName<Tuple>(_ comm: Tuple) -> String {
    withUnsafeBytes(of: comm) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
}
