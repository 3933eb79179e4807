import FoundationEssentials

/// Where the socket table came from.
public enum SocketSource: String, Sendable, Equatable {
    case netlink
    case procfs
}

/// Everything one collection pass read, before analysis. Produced by the Linux collector (or a
/// test), consumed by ``SnapshotBuilder``.
public struct RawSample: Sendable {
    public var takenAt: Date
    /// A monotonic clock reading, seconds; used for rates.
    public var monotonicSeconds: Double
    public var hostName: String?
    public var kernel: String?
    public var source: SocketSource
    public var sysctl = Sysctls()
    public var sockstat: Sockstat?
    public var tcp: [String: Int64]?
    public var tcpExt: [String: Int64]?
    public var fileNr: (allocated: Int64, max: Int64)?
    /// `nil` when no socket source could be read.
    public var table: SocketTable?
    /// Monotonic seconds when ``table`` was walked (earlier than ``monotonicSeconds`` when the
    /// dashboard carries a table over ticks between walks).
    public var tableTakenAt: Double?
    /// IPv6 was not available (no tcp6 / AF_INET6 dump failed): ipv6 counts are unknown.
    public var ipv6Missing = false
    public var listeners: [ListenerRecord] = []
    public var processes: [ProcessFDUsage] = []
    public var unreadableProcesses = 0
    /// inode → owning process, for listeners and kept sockets; empty when not scanned.
    public var owners: [UInt32: ProcessIdentity] = [:]
    /// Whether owners were looked up at all (as opposed to found none).
    public var ownersScanned = false
    /// Connections per process counted by the kernel (eBPF), cumulative; `nil` without eBPF.
    public var connectorCounts: ConnectorCounts?
    /// The counts about a minute before this sample (``ConnectorWindow``), and how many seconds
    /// before: the baseline of "in the last minute".
    public var connectorCountsBefore: (seconds: Double, counts: ConnectorCounts)?
    /// Why ``connectorCounts`` is missing (the connectors are then estimated from the sockets).
    public var connectorsUnavailable: String?
    /// Whether ``connectorCounts``' accept() results cover the interval since the previous
    /// sample: `nil` where they are counted all along (fexit) or not at all; `false` while
    /// they are not watched (``AcceptWatchPolicy``), and on the first sample after they start.
    public var acceptResultsWatched: Bool?
    /// The inode of the network namespace being viewed: counts from other namespaces are left
    /// out; `nil` keeps all.
    public var namespaceInode: UInt32?
    /// Wanted inodes no process was found for (this lookup or an earlier one it was told of).
    public var ownersMissing: Set<UInt32> = []
    /// Processes whose fds the owner lookup could not read (permission): their sockets' owners
    /// stay unknown. `nil` when no lookup ran.
    public var ownersUnreadableProcesses: Int?
    /// Malformed /proc lines skipped while reading the socket table.
    public var skippedLines = 0
    /// Connection tracking; `nil` when not in use (module not loaded) or not read (a fixture tree without it).
    public var conntrack: ConntrackSample?
    public var warnings: [String] = []
    /// Each destination's RTT p99 some minutes before this walk (``RTTHistory``).
    public var earlierRTT: [RemoteEndpoint: ConnectionHealth.EarlierRTT] = [:]
    /// The network namespace collected, when it is not netwatch's own.
    public var namespace: Netns?
    public var timings = CollectorTimings()

    public init(takenAt: Date, monotonicSeconds: Double, source: SocketSource) {
        self.takenAt = takenAt
        self.monotonicSeconds = monotonicSeconds
        self.source = source
    }
}

/// What collection cost, in milliseconds.
public struct CollectorTimings: Equatable, Sendable {
    /// The whole pass.
    public var totalMs = 0.0
    /// Socket dump + aggregation (both families, plus the LISTEN dump).
    public var socketsMs = 0.0
    /// Per-process fd counts and limits.
    public var processesMs = 0.0
    /// inode → pid scan for socket owners; `nil` when not done.
    public var ownersMs: Double?
    /// The ctnetlink dump + aggregation; `nil` when not done.
    public var conntrackMs: Double?

    public init() {}
}
