/// Why a valid plan does not fit the network namespace or the process it would run in. Found before
/// any connection is made; the command exits with status 2.
public enum CapacityError: Error, Equatable, Sendable, CustomStringConvertible {
    /// More simultaneous connections toward one endpoint than the ephemeral range has usable ports.
    case portRangeTooSmall(argument: String, endpoint: LoopbackEndpoint, connections: Int, usable: Int, range: ClosedRange<Int>)
    /// More TIME_WAIT (and orphaned FIN_WAIT2) entries than `tcp_max_tw_buckets`; the kernel would
    /// destroy the excess at once.
    case timeWaitBuckets(requested: Int, limit: Int)
    /// A `listen()` backlog the kernel would silently lower to `net.core.somaxconn`.
    case backlogAboveSomaxconn(backlog: Int, somaxconn: Int)
    /// The process may not hold enough file descriptors, and raising `RLIMIT_NOFILE` failed.
    case fileDescriptors(needed: Int, soft: Int, hard: Int, nrOpen: Int?, errno: Int32)
    /// A sysctl file that could not be read or parsed.
    case unreadableSysctl(path: String, reason: String)

    public var description: String {
        switch self {
        case let .portRangeTooSmall(argument, endpoint, connections, usable, range):
            return "\(argument): \(connections) connections toward \(endpoint) need as many local ports, but only \(usable) are usable "
                + "(net.ipv4.ip_local_port_range \(range.lowerBound)-\(range.upperBound), "
                + "minus reserved ports and the generator's own listeners); "
                + "add --destinations or lower \(argument)"
        case let .timeWaitBuckets(requested, limit):
            return "--time-wait/--close-wait: \(requested) time-wait entries (TIME_WAIT plus orphaned FIN_WAIT2) exceed "
                + "net.ipv4.tcp_max_tw_buckets (\(limit)) in this namespace; the kernel would destroy the excess; lower the counts"
        case let .backlogAboveSomaxconn(backlog, somaxconn):
            return "--backlog: \(backlog) is above net.core.somaxconn (\(somaxconn)) in this namespace and the kernel would lower it; "
                + "use at most \(somaxconn)"
        case let .fileDescriptors(needed, soft, hard, nrOpen, errno):
            let ceiling = nrOpen.map(String.init) ?? "unreadable"
            return "the population needs \(needed) file descriptors but RLIMIT_NOFILE is \(soft) (hard \(hard), fs.nr_open \(ceiling)) "
                + "and raising it failed: \(SocketError.explain(errno)); "
                + "raising the hard limit needs root (CAP_SYS_RESOURCE), or lower the counts"
        case let .unreadableSysctl(path, reason):
            return "cannot read \(path): \(reason); is /proc mounted?"
        }
    }
}
