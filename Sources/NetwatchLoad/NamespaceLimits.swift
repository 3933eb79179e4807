/// The sysctls of the current network namespace that bound what a plan can create
/// (docs/KERNEL.md §3, §4, §8: all of them are per namespace).
public struct NamespaceLimits: Equatable, Sendable {
    /// `net.ipv4.ip_local_port_range`: the ports `connect()` picks from, inclusive.
    public let portRange: ClosedRange<Int>
    /// `net.ipv4.ip_local_reserved_ports`: ports `connect()` skips.
    public let reservedPorts: [ClosedRange<Int>]
    /// `net.ipv4.tcp_max_tw_buckets`: most time-wait entries before new ones are destroyed at once.
    public let maxTimeWaitBuckets: Int
    /// `net.core.somaxconn`: the ceiling the kernel applies to every `listen()` backlog.
    public let somaxconn: Int
    /// `net.ipv4.tcp_tw_reuse`: 0 off, 1 on, 2 loopback only (the default).
    public let timeWaitReuse: Int

    public init(
        portRange: ClosedRange<Int>, reservedPorts: [ClosedRange<Int>], maxTimeWaitBuckets: Int, somaxconn: Int, timeWaitReuse: Int
    ) {
        (self.portRange, self.reservedPorts, self.maxTimeWaitBuckets) = (portRange, reservedPorts, maxTimeWaitBuckets)
        (self.somaxconn, self.timeWaitReuse) = (somaxconn, timeWaitReuse)
    }

    /// Reads the limits from `sysctlRoot` (normally `/proc/sys`, which shows the caller's namespace).
    public static func read(sysctlRoot: String = "/proc/sys") throws(CapacityError) -> NamespaceLimits {
        let rangePath = sysctlRoot + "/net/ipv4/ip_local_port_range"
        let bounds = try ProcText.integers(rangePath)
        guard bounds.count == 2, 1 <= bounds[0], bounds[0] <= bounds[1], bounds[1] <= 65535 else {
            throw .unreadableSysctl(path: rangePath, reason: "expected two ports, low and high")
        }
        return NamespaceLimits(
            portRange: bounds[0]...bounds[1],
            reservedPorts: try reserved(sysctlRoot + "/net/ipv4/ip_local_reserved_ports"),
            maxTimeWaitBuckets: try single(sysctlRoot + "/net/ipv4/tcp_max_tw_buckets"),
            somaxconn: try single(sysctlRoot + "/net/core/somaxconn"),
            timeWaitReuse: try single(sysctlRoot + "/net/ipv4/tcp_tw_reuse")
        )
    }

    /// Ports of the range `connect()` can use toward one destination, ascending: the range minus
    /// reserved ports and minus ports held by `listeners` (a bound port is lost to every destination).
    public func usablePorts(besides listeners: [LoopbackEndpoint]) -> [UInt16] {
        let listening = Set(listeners.map(\.port))
        return portRange.compactMap { port in
            let candidate = UInt16(port)
            return listening.contains(candidate) || reservedPorts.contains(where: { $0.contains(port) }) ? nil : candidate
        }
    }

    /// Throws when `plan` cannot be created here as requested.
    public func check(_ plan: LoadPlan) throws(CapacityError) {
        let usable = usablePorts(besides: plan.listeners.map(\.endpoint)).count
        for (endpoint, connections, argument) in plan.connectionsPerEndpoint where connections > usable {
            throw .portRangeTooSmall(argument: argument, endpoint: endpoint, connections: connections, usable: usable, range: portRange)
        }
        if plan.timeWait + plan.closeWait > maxTimeWaitBuckets {
            throw .timeWaitBuckets(requested: plan.timeWait + plan.closeWait, limit: maxTimeWaitBuckets)
        }
        if let backlog = plan.backlog, backlog > somaxconn {
            throw .backlogAboveSomaxconn(backlog: backlog, somaxconn: somaxconn)
        }
    }

    private static func single(_ path: String) throws(CapacityError) -> Int {
        let values = try ProcText.integers(path)
        guard values.count == 1 else { throw .unreadableSysctl(path: path, reason: "expected one integer") }
        return values[0]
    }

    /// Parses `8080,9000-9100` (an empty file means no reserved ports).
    private static func reserved(_ path: String) throws(CapacityError) -> [ClosedRange<Int>] {
        var ranges = [ClosedRange<Int>]()
        for item in try ProcText.read(path).split(whereSeparator: { $0 == "," || $0 == "\n" }) {
            let parts = item.split(separator: "-")
            let bounds = parts.compactMap { Int($0) }
            guard (1...2).contains(bounds.count), bounds.count == parts.count, bounds[0] <= bounds[bounds.count - 1] else {
                throw .unreadableSysctl(path: path, reason: "'\(item)' is not a port or a range")
            }
            ranges.append(bounds[0]...bounds[bounds.count - 1])
        }
        return ranges
    }
}
