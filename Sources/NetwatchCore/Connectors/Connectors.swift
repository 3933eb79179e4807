/// Who opens connections and who accepts them, in the viewed network namespace: the
/// `connectors` part of a ``Snapshot``. Counted by the kernel (eBPF) when the tracer runs,
/// otherwise estimated from the live socket table and its owners; ``source`` says which.
public struct Connectors: Sendable, Equatable {
    public enum Source: String, Sendable, Equatable {
        /// Counted in the kernel at every connect, state change and accept.
        case ebpf
        /// Estimated from the sockets alive at each walk: failures and lifetimes unknown.
        case sockets
    }

    public var source: Source
    /// Why eBPF counts are not there (no CAP_BPF, no BTF, `--no-bpf`…); `nil` with eBPF, and in
    /// an estimate from a tree read under `--proc-root` (no kernel was asked).
    public var unavailableReason: String?
    /// Per process and destination, busiest first.
    public var connections: [ConnectorRow]
    /// Per process on the accept side, busiest first.
    public var accepts: [AcceptorRow]
    /// Why the accept side is estimated from the listeners' owners while connects are counted:
    /// accept() results not watched now (``AcceptWatchPolicy``); `nil` when they are counted.
    public var acceptsEstimatedReason: String?

    public init(source: Source, unavailableReason: String? = nil, connections: [ConnectorRow] = [], accepts: [AcceptorRow] = [],
                acceptsEstimatedReason: String? = nil) {
        self.source = source
        self.unavailableReason = unavailableReason
        self.connections = connections
        self.accepts = accepts
        self.acceptsEstimatedReason = acceptsEstimatedReason
    }

    /// Why accept() results are not watched on a kernel where watching them costs every system call.
    public static let acceptsNotWatched = "accept() results are watched only while a process with a listener is near its fd limit"

    /// What the screen and the JSON say about an estimate.
    public var note: String? {
        if let acceptsEstimatedReason, source == .ebpf { return "accepts estimated from listeners: " + acceptsEstimatedReason }
        guard source == .sockets else { return nil }
        return "estimated from live sockets" + (unavailableReason.map { " (eBPF unavailable: \($0))" } ?? "")
    }

    /// The rows toward one destination, busiest first.
    public func connections(toward address: IPAddress, port: UInt16) -> [ConnectorRow] {
        connections.filter { $0.address == address && $0.port == port }
    }
}

/// One process's connections toward one destination.
public struct ConnectorRow: Sendable, Equatable {
    public var process: ProcessIdentity
    public var address: IPAddress
    public var port: UInt16
    /// Cumulative counts (eBPF); `nil` in an estimate.
    public var totals: ConnectorTotals?
    /// `connect()` calls per second (eBPF), or new sockets per second between walks (estimate);
    /// `nil` with one sample.
    public var connectsPerSecond: Double?
    /// Connections established per second (eBPF only).
    public var establishedPerSecond: Double?
    /// Failures per second by cause (eBPF only).
    public var failuresPerSecond: ConnectFailureRates?
    /// Its SYN_SENT and ESTABLISHED sockets at the walk (estimate only).
    public var live: LiveConnections?
    /// EADDRNOTAVAIL failures over the last minute or so (eBPF only; the window is shorter while
    /// counting has not run that long).
    public var recentAddressNotAvailable: RecentCount?

    public init(process: ProcessIdentity, address: IPAddress, port: UInt16, totals: ConnectorTotals? = nil,
                connectsPerSecond: Double? = nil, establishedPerSecond: Double? = nil,
                failuresPerSecond: ConnectFailureRates? = nil, live: LiveConnections? = nil,
                recentAddressNotAvailable: RecentCount? = nil) {
        self.process = process
        self.address = address
        self.port = port
        self.totals = totals
        self.connectsPerSecond = connectsPerSecond
        self.establishedPerSecond = establishedPerSecond
        self.failuresPerSecond = failuresPerSecond
        self.live = live
        self.recentAddressNotAvailable = recentAddressNotAvailable
    }

    /// Median connection lifetime in milliseconds; `nil` unknown or none closed.
    public var medianLifetimeMs: Double? { totals?.lifetimes.quantileMs(0.5) }
    public var p99LifetimeMs: Double? { totals?.lifetimes.quantileMs(0.99) }
}

/// A count over a recent window.
public struct RecentCount: Sendable, Equatable {
    /// How far back the window reaches, in seconds.
    public var seconds: Double
    public var count: Int64

    public init(seconds: Double, count: Int64) {
        self.seconds = seconds
        self.count = count
    }
}

/// A connector's live sockets at one walk.
public struct LiveConnections: Sendable, Equatable {
    public var synSent: Int
    public var established: Int

    public init(synSent: Int = 0, established: Int = 0) {
        self.synSent = synSent
        self.established = established
    }
}

/// One process on the accept side.
public struct AcceptorRow: Sendable, Equatable {
    public var process: ProcessIdentity
    /// Cumulative counts (eBPF); `nil` in an estimate.
    public var totals: AcceptorTotals?
    public var acceptsPerSecond: Double?
    /// EMFILE failures per second (eBPF only).
    public var processLimitFailuresPerSecond: Double?
    /// ENFILE failures per second (eBPF only).
    public var systemLimitFailuresPerSecond: Double?
    /// The listening port (estimate only: the listener it owns).
    public var listenerPort: UInt16?
    /// Server-side TIME_WAIT entries on that port (estimate only): connections it accepted and
    /// closed first, held by the kernel but attributed to the listener's owner.
    public var timeWait: Int?

    public init(process: ProcessIdentity, totals: AcceptorTotals? = nil, acceptsPerSecond: Double? = nil,
                processLimitFailuresPerSecond: Double? = nil, systemLimitFailuresPerSecond: Double? = nil,
                listenerPort: UInt16? = nil, timeWait: Int? = nil) {
        self.process = process
        self.totals = totals
        self.acceptsPerSecond = acceptsPerSecond
        self.processLimitFailuresPerSecond = processLimitFailuresPerSecond
        self.systemLimitFailuresPerSecond = systemLimitFailuresPerSecond
        self.listenerPort = listenerPort
        self.timeWait = timeWait
    }
}
