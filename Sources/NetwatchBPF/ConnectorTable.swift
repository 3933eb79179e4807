import CLibbpf
import Glibc
import NetwatchCore

/// The `connectors` table of the BPF program (`struct nw_connector_way`, an array the kernel lets
/// netwatch map into its memory): read in place, without a system call per entry.
final class ConnectorTable {
    /// Bytes from one way to the next: the kernel rounds an array's value size up to 8.
    static let stride = (MemoryLayout<nw_connector_way>.size + 7) / 8 * 8
    static let length = stride * Int(NW_CONNECTORS_MAX)

    private let base: UnsafeRawPointer

    /// Maps the table of map `fd` read-only, or `nil` when the kernel refuses (then nothing is read).
    init?(map fd: Int32) {
        guard fd >= 0 else { return nil }
        let mapped = mmap(nil, Self.length, PROT_READ, MAP_SHARED, fd, 0)
        guard let mapped, mapped != MAP_FAILED else { return nil }
        base = UnsafeRawPointer(mapped)
    }

    deinit { munmap(UnsafeMutableRawPointer(mutating: base), Self.length) }

    /// Every way taken by a connector, with its key and counters as they are now (a way given to
    /// another connector while read is read as either). Two ways of one connector (two CPUs
    /// taking a way for it at once) are summed by ``ConnectorCounts/add(way:)``.
    func read(into counts: inout ConnectorCounts) {
        for index in 0..<Int(NW_CONNECTORS_MAX) {
            let offset = index * Self.stride
            guard base.load(fromByteOffset: offset, as: UInt32.self) == UInt32(NW_WAY_TAKEN) else { continue }
            counts.add(way: base.loadUnaligned(fromByteOffset: offset, as: nw_connector_way.self))
        }
    }
}
