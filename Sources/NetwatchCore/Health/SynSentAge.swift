/// How long a SYN_SENT socket has waited. The kernel keeps no connect time a dump can read
/// (`tcp_info`'s last-sent time is not set before the handshake), so netwatch remembers when it
/// first saw each SYN_SENT socket (by inode, across walks, on its own monotonic clock), and takes
/// the kernel's SYN retransmission count as a lower bound: every retransmission waits at least the
/// initial RTO of 1 s (`TCP_TIMEOUT_INIT`), linear or exponential backoff alike (docs/KERNEL.md).
public struct SynSentAge: Sendable, Equatable {
    /// Inode → monotonic seconds when first seen in SYN_SENT.
    public private(set) var firstSeen: [UInt32: Double] = [:]
    /// How many sockets are remembered: enough for any storm netwatch names, bounded memory.
    public static let limit = 65_536
    /// The initial retransmission timeout, seconds: the least time one SYN retransmission took.
    public static let initialRTOSeconds = 1.0

    public init() {}

    /// Age of `socket` (SYN_SENT) at `now`, remembered in `next` for the following walk.
    /// - Parameters:
    ///   - now: monotonic seconds of this walk.
    ///   - next: the map being built during this walk.
    public func age(of socket: SocketRecord, now: Double, next: inout SynSentAge) -> Double {
        let first = socket.inode == 0 ? now : (firstSeen[socket.inode] ?? now)
        if socket.inode != 0, next.firstSeen.count < SynSentAge.limit { next.firstSeen[socket.inode] = first }
        let seen = max(0, now - first)
        let lowerBound = Double(socket.info?.retransmits ?? 0) * SynSentAge.initialRTOSeconds
        return max(seen, lowerBound)
    }
}
