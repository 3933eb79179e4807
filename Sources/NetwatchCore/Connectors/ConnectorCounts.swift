/// Connections per process as the kernel counted them (eBPF), cumulative since counting began:
/// what the connection tracer reads from its maps once per tick, as plain values.
public struct ConnectorCounts: Equatable, Sendable {
    public var connectors: [ConnectorKey: ConnectorTotals]
    public var acceptors: [AcceptorKey: AcceptorTotals]

    public init(connectors: [ConnectorKey: ConnectorTotals] = [:], acceptors: [AcceptorKey: AcceptorTotals] = [:]) {
        self.connectors = connectors
        self.acceptors = acceptors
    }
}

/// One process's connections toward one destination in one network namespace.
public struct ConnectorKey: Hashable, Sendable {
    public var pid: Int32
    /// The network namespace's inode (`stat -L /proc/PID/ns/net`).
    public var namespace: UInt32
    public var address: IPAddress
    public var port: UInt16

    public init(pid: Int32, namespace: UInt32, address: IPAddress, port: UInt16) {
        self.pid = pid
        self.namespace = namespace
        self.address = address
        self.port = port
    }
}

/// What one connector's `connect()` calls came to.
public struct ConnectorTotals: Equatable, Sendable {
    /// `comm` of the process when it first connected there.
    public var command: String
    /// `connect()` calls that reached TCP (failed ones included).
    public var connects: Int64
    /// Of those, connections that reached ESTABLISHED.
    public var established: Int64
    public var failures: ConnectFailures
    /// Lifetimes (connect to close) of the established connections that closed.
    public var lifetimes: LifetimeHistogram

    public init(command: String, connects: Int64, established: Int64, failures: ConnectFailures = ConnectFailures(),
                lifetimes: LifetimeHistogram = LifetimeHistogram()) {
        self.command = command
        self.connects = connects
        self.established = established
        self.failures = failures
        self.lifetimes = lifetimes
    }

    /// One connector counted in two places (two ways of the kernel's table), summed; the command
    /// is this one's.
    public func adding(_ other: ConnectorTotals) -> ConnectorTotals {
        ConnectorTotals(command: command, connects: connects + other.connects, established: established + other.established,
                        failures: failures + other.failures,
                        lifetimes: LifetimeHistogram(buckets: zip(lifetimes.buckets, other.lifetimes.buckets).map(+)))
    }
}

/// Failed connections by cause: counts (``ConnectFailures``) or per-second rates
/// (``ConnectFailureRates``).
public struct ConnectFailureTally<Value: AdditiveArithmetic & Comparable & Sendable>: Equatable, Sendable {
    /// `connect()` returned EADDRNOTAVAIL: no local port was free toward the destination.
    public var addressNotAvailable: Value
    /// The SYN was answered by a reset (ECONNREFUSED).
    public var refused: Value
    /// The SYN was never answered (ETIMEDOUT).
    public var timedOut: Value
    /// An established connection was reset (ECONNRESET, EPIPE).
    public var reset: Value
    /// Any other cause (ENETUNREACH, EHOSTUNREACH…).
    public var other: Value

    public init(addressNotAvailable: Value = .zero, refused: Value = .zero, timedOut: Value = .zero, reset: Value = .zero,
                other: Value = .zero) {
        self.addressNotAvailable = addressNotAvailable
        self.refused = refused
        self.timedOut = timedOut
        self.reset = reset
        self.other = other
    }

    public var total: Value { addressNotAvailable + refused + timedOut + reset + other }
}

extension ConnectFailureTally {
    /// Cause by cause, the sum of two tallies.
    public static func + (a: Self, b: Self) -> Self {
        Self(addressNotAvailable: a.addressNotAvailable + b.addressNotAvailable, refused: a.refused + b.refused,
             timedOut: a.timedOut + b.timedOut, reset: a.reset + b.reset, other: a.other + b.other)
    }
}

/// Failed connections by cause, counted.
public typealias ConnectFailures = ConnectFailureTally<Int64>
/// Failed connections per second by cause.
public typealias ConnectFailureRates = ConnectFailureTally<Double>

extension ConnectFailureTally where Value == Int64 {
    /// The counts grown since `earlier`; `nil` when one went backwards (the entry was evicted and
    /// counted anew).
    public func since(_ earlier: ConnectFailures) -> ConnectFailures? {
        let grown = ConnectFailures(addressNotAvailable: addressNotAvailable - earlier.addressNotAvailable,
                                    refused: refused - earlier.refused, timedOut: timedOut - earlier.timedOut,
                                    reset: reset - earlier.reset, other: other - earlier.other)
        return [grown.addressNotAvailable, grown.refused, grown.timedOut, grown.reset, grown.other].allSatisfy { $0 >= 0 }
            ? grown : nil
    }
}

extension ConnectFailureTally where Value == Double {
    /// The rates of counts grown over `seconds`.
    public init(_ grown: ConnectFailures, over seconds: Double) {
        self.init(addressNotAvailable: Double(grown.addressNotAvailable) / seconds, refused: Double(grown.refused) / seconds,
                  timedOut: Double(grown.timedOut) / seconds, reset: Double(grown.reset) / seconds,
                  other: Double(grown.other) / seconds)
    }
}

/// One process's `accept()` calls on TCP listeners in one network namespace.
public struct AcceptorKey: Hashable, Sendable {
    public var pid: Int32
    public var namespace: UInt32

    public init(pid: Int32, namespace: UInt32) {
        self.pid = pid
        self.namespace = namespace
    }
}

/// What one process's `accept()` calls came to.
public struct AcceptorTotals: Equatable, Sendable {
    public var command: String
    public var accepts: Int64
    public var failures: AcceptFailures

    public init(command: String, accepts: Int64, failures: AcceptFailures = AcceptFailures()) {
        self.command = command
        self.accepts = accepts
        self.failures = failures
    }
}

/// Failed `accept()` calls by cause (EAGAIN and EINTR are not failures).
public struct AcceptFailures: Equatable, Sendable {
    /// The process is at its own fd limit (EMFILE).
    public var processLimit: Int64
    /// The system is at `fs.file-max` (ENFILE).
    public var systemLimit: Int64
    public var other: Int64

    public init(processLimit: Int64 = 0, systemLimit: Int64 = 0, other: Int64 = 0) {
        self.processLimit = processLimit
        self.systemLimit = systemLimit
        self.other = other
    }

    public var total: Int64 { processLimit + systemLimit + other }
}
