/// The kernel tunables netwatch reads; `nil` when the file is absent or malformed.
public struct Sysctls: Equatable, Sendable {
    public var ipLocalPortRange: ClosedRange<UInt16>?
    public var ipLocalReservedPorts: [ClosedRange<UInt16>]?
    /// 0 off, 1 on, 2 loopback only (the default).
    public var tcpTwReuse: Int64?
    /// 0 off, 1 on, 2 on without random offsets. tcp_tw_reuse needs timestamps: with 0 no
    /// time-wait entry is ever reused.
    public var tcpTimestamps: Int64?
    /// Milliseconds before a time-wait entry may be reused (default 1000).
    public var tcpTwReuseDelay: Int64?
    /// Seconds an orphaned FIN_WAIT2 lives; does not shorten TIME_WAIT.
    public var tcpFinTimeout: Int64?
    public var tcpMaxTwBuckets: Int64?
    public var tcpMaxSynBacklog: Int64?
    public var tcpSyncookies: Int64?
    public var tcpKeepaliveTime: Int64?
    public var tcpKeepaliveIntvl: Int64?
    public var tcpKeepaliveProbes: Int64?
    /// `net.core.somaxconn`: the cap on any listen() backlog.
    public var somaxconn: Int64?
    /// `fs.file-max`: host-wide open-file ceiling.
    public var fileMax: Int64?
    /// `fs.nr_open`: the highest RLIMIT_NOFILE a process may be given.
    public var nrOpen: Int64?

    public init() {}

    /// Integer sysctls: JSON name, path under the proc root, key path.
    public static let integerFiles: [(name: String, path: String, keyPath: WritableKeyPath<Sysctls, Int64?> & Sendable)] = [
        ("tcp_tw_reuse", "sys/net/ipv4/tcp_tw_reuse", \.tcpTwReuse),
        ("tcp_tw_reuse_delay", "sys/net/ipv4/tcp_tw_reuse_delay", \.tcpTwReuseDelay),
        ("tcp_timestamps", "sys/net/ipv4/tcp_timestamps", \.tcpTimestamps),
        ("tcp_fin_timeout", "sys/net/ipv4/tcp_fin_timeout", \.tcpFinTimeout),
        ("tcp_max_tw_buckets", "sys/net/ipv4/tcp_max_tw_buckets", \.tcpMaxTwBuckets),
        ("tcp_max_syn_backlog", "sys/net/ipv4/tcp_max_syn_backlog", \.tcpMaxSynBacklog),
        ("tcp_syncookies", "sys/net/ipv4/tcp_syncookies", \.tcpSyncookies),
        ("tcp_keepalive_time", "sys/net/ipv4/tcp_keepalive_time", \.tcpKeepaliveTime),
        ("tcp_keepalive_intvl", "sys/net/ipv4/tcp_keepalive_intvl", \.tcpKeepaliveIntvl),
        ("tcp_keepalive_probes", "sys/net/ipv4/tcp_keepalive_probes", \.tcpKeepaliveProbes),
        ("somaxconn", "sys/net/core/somaxconn", \.somaxconn),
        ("file_max", "sys/fs/file-max", \.fileMax),
        ("nr_open", "sys/fs/nr_open", \.nrOpen),
    ]
    public static let portRangePath = "sys/net/ipv4/ip_local_port_range"
    public static let reservedPortsPath = "sys/net/ipv4/ip_local_reserved_ports"
}
