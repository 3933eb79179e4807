import FoundationEssentials

/// One analysed view of the host: what `netwatch snapshot` prints and every pane draws from.
/// An immutable value; `SnapshotEncoder` turns it into the `netwatch.snapshot/1` JSON.
public struct Snapshot: Sendable, Equatable {
    public static let schema = "netwatch.snapshot/1"

    public var takenAt: Date
    public var hostName: String?
    public var kernel: String?
    /// Seconds between the two counter samples that produced `rates`; `nil` for one sample.
    public var intervalSeconds: Double?
    public var filter: PortSet?
    /// The drill view this snapshot was collected for, if any.
    public var drill: DrillTarget?
    public var collector: Collector
    public var sysctl: Sysctls
    public var sockstat: Sockstat?
    public var states: States?
    /// Per-second rates keyed by ``RateCounter`` name; a value is `nil` when unknown.
    public var rates: [RateCounter: Double?]
    /// Raw counter values, by the same names as `rates`.
    public var counters: [RateCounter: Int64?]
    public var ports: Ports
    public var fds: FileDescriptors
    public var peers: [Peer]
    public var listeners: [Listener]
    public var localPorts: [LocalPort]
    /// Individual sockets, present only when a port filter or a drill target is active.
    public var sockets: [Socket]?
    /// How many sockets matched the filter or drill target before `sockets` was capped.
    public var socketsMatched: Int
    /// The matching sockets per state, counted before `sockets` was capped.
    public var socketsMatchedByState = StateCounts()
    /// The matching sockets per remote address, all of them counted (the busiest listed).
    public var socketsMatchedByPeer: [Peer] = []
    /// The matching sockets per service port (remote port from an ephemeral local port, else the
    /// local port), all of them counted (the busiest listed).
    public var socketsMatchedByPort: [LocalPort] = []
    /// Processes holding CLOSE_WAIT sockets, most first; empty when owners were not looked up.
    public var closeWaitOwners: [CloseWaitOwner] = []
    /// Who opens and accepts connections; `nil` when neither counted nor estimable.
    public var connectors: Connectors?
    /// Connects waiting for a SYN-ACK, per remote address and port, most first.
    public var synSent: [SynSentTarget] = []
    /// The diagnosis, most severe first (``AdviceEngine``).
    public var advice: [Finding] = []
    /// The network namespace it was collected in, when that is not netwatch's own (`--netns`,
    /// the namespaces view); `nil`: netwatch's own.
    public var namespace: Netns? = nil
    /// Connection tracking; `nil` when not in use (see ``ConntrackSample``).
    public var conntrack: Conntrack?
    /// Pools, idle and stuck connections, keep-alive and latency per destination and process;
    /// `nil` when the socket table was not walked for it.
    public var health: ConnectionHealth?

    public struct Collector: Sendable, Equatable {
        public var source: SocketSource
        public var timings: CollectorTimings
        public var skippedLines: Int
        public var warnings: [String]
        /// Processes whose fds the socket-owner lookup could not read (permission); `nil` when
        /// no lookup ran. Sockets without an owner are otherwise closed before they were looked
        /// up, or held by a process outside netwatch's PID namespace.
        public var ownersUnreadableProcesses: Int? = nil
    }

    public struct States: Sendable, Equatable {
        public var ipv4: StateCounts
        /// `nil` when IPv6 is not available on the host.
        public var ipv6: StateCounts?
        /// FIN_WAIT2 sockets whose application has closed them (no owner): the ones
        /// `tcp_fin_timeout` bounds. Counted in ``byState`` too.
        public var orphanedFinWait2 = 0
        /// TIME_WAIT entries on an ephemeral local port that no listener holds: this host's
        /// clients closed those connections first. `nil` when the port range is unknown.
        public var timeWaitClientsClosed: Int?
        /// TIME_WAIT entries on a listening port: this host's servers closed first.
        public var timeWaitServersClosed: Int?
        public var byState: StateCounts { ipv4 + (ipv6 ?? StateCounts()) }
        public var total: Int { byState.total }
    }

    public struct Ports: Sendable, Equatable {
        public var range: ClosedRange<UInt16>?
        /// Reserved ports inside the range.
        public var reserved: Int?
        /// Listening ports inside the range (lost to every destination).
        public var heldByListeners: Int?
        /// range size − reserved − held by listeners.
        public var usable: Int?
        /// `tcp_tw_reuse` mode (0, 1, 2) that decides whether `reusable_time_wait` helps.
        public var twReuse: Int64?
        public var worst: Destination?
        public var destinations: [Destination]
        /// How many distinct destinations hold ephemeral ports (before the `--top` cut).
        public var destinationCount: Int
    }

    public struct Destination: Sendable, Equatable {
        public var localAddress: IPAddress
        public var remoteAddress: IPAddress
        public var remotePort: UInt16
        public var used: Int
        public var timeWait: Int
        public var usable: Int
        public var ratio: Double
        /// used − reusable time-wait entries, over usable; only where reuse applies.
        public var ratioWithReuse: Double?
        /// Net growth of `used` per second over the growth window (``GrowthWindow``); `nil` with one walk.
        public var growthPerSecond: Double?
        /// (usable − used) / growth, when growing; 0 when full (used ≥ usable).
        public var secondsToExhaustion: Double?
    }

    public struct FileDescriptors: Sendable, Equatable {
        public var systemAllocated: Int64?
        public var systemMax: Int64?
        public var nrOpen: Int64?
        public var processes: [ProcessFDUsage]
        public var processCount: Int
        public var unreadableProcesses: Int

        public var systemRatio: Double? {
            guard let a = systemAllocated, let m = systemMax, m > 0 else { return nil }
            return Double(a) / Double(m)
        }
    }

    public struct Peer: Sendable, Equatable {
        public var address: IPAddress
        public var counts: StateCounts
        public var total: Int { counts.total }
    }

    public struct Listener: Sendable, Equatable {
        public var record: ListenerRecord
        public var owner: ProcessIdentity?
    }

    public struct LocalPort: Sendable, Equatable {
        public var port: UInt16
        public var counts: StateCounts
    }

    public struct Socket: Sendable, Equatable {
        public var record: SocketRecord
        public var owner: ProcessIdentity?
    }
}
