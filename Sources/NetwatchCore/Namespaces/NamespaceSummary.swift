/// One row of the namespaces overview: a namespace and what its own socket walk, counters and
/// processes showed, or why it could not be looked into.
public struct NamespaceSummary: Equatable, Sendable {
    public var namespace: Netns
    /// Why it could not be entered or read (`setns: Operation not permitted`); `nil` when collected.
    public var unavailable: String?
    /// Sockets in it (IPv4 + IPv6), by state.
    public var states: StateCounts?
    public var worstDestination: Snapshot.Destination?
    /// Connections opened per second (active + passive).
    public var opensPerSecond: Double?
    public var listenOverflowsPerSecond: Double?
    /// The process in it with the highest open/limit fd share.
    public var worstProcess: ProcessFDUsage?
    /// Its own tunables (port range, tw_reuse, somaxconn …: per namespace in Linux).
    public var sysctl: Sysctls
    /// Its most severe finding, `nil` when the rules found nothing.
    public var topFinding: Finding?

    /// A namespace that could not be looked into, with the reason.
    public init(namespace: Netns, unavailable: String) {
        self.namespace = namespace
        self.unavailable = unavailable
        self.sysctl = Sysctls()
    }

    /// The row for a namespace from the snapshot collected inside it (with its advice).
    public init(namespace: Netns, snapshot: Snapshot) {
        self.namespace = namespace
        states = snapshot.states?.byState
        worstDestination = snapshot.ports.worst
        let opens = [RateCounter.activeOpens, .passiveOpens].map { snapshot.rates[$0] ?? nil }
        opensPerSecond = opens.contains { $0 == nil } ? nil : opens.reduce(0) { $0 + ($1 ?? 0) }
        listenOverflowsPerSecond = snapshot.rates[.listenOverflows] ?? nil
        worstProcess = snapshot.fds.processes.max { ($0.ratio ?? 0) < ($1.ratio ?? 0) }
        sysctl = snapshot.sysctl
        topFinding = snapshot.advice.first
    }

    /// How much trouble it is in, for ordering: the severity of its worst finding first, then the
    /// higher of its worst destination's port share and its worst process's fd share.
    public var trouble: (severity: Int, share: Double) {
        let severity = topFinding.map { FindingSeverity.allCases.firstIndex(of: $0.severity)! + 1 } ?? 0
        return (severity, max(worstDestination?.ratio ?? 0, worstProcess?.ratio ?? 0))
    }
}
