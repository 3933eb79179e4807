/// What one collection pass read about connection tracking, before analysis. A ``RawSample``
/// holds `nil` instead when conntrack is not in use (docs/KERNEL.md §9): the module is not loaded,
/// so `nf_conntrack_count` does not exist. A namespace with the module loaded but no rule that
/// uses conntrack tracks nothing and honestly counts 0.
public struct ConntrackSample: Equatable, Sendable {
    /// `nf_conntrack_count`: entries in the collected namespace (the kernel counts per namespace).
    public var count: Int64
    /// `nf_conntrack_max`: one limit for all namespaces together; writable only in the initial one.
    public var max: Int64?
    /// `nf_conntrack_buckets`: hash table size (the `hashsize` module parameter).
    public var buckets: Int64?
    /// `/proc/net/stat/nf_conntrack` summed over CPUs (``ConntrackStatistics``); `nil` when unreadable.
    public var statistics: [String: Int64]?
    /// The TCP timeouts that decide how long churn stays in the table, seconds, by sysctl name.
    public var tcpTimeouts: [String: Int64] = [:]
    /// The dump's aggregate; `nil` when no dump was taken (no walk this tick, no permission, a
    /// fixture tree).
    public var table: ConntrackTable?

    /// The timeout sysctls read into ``tcpTimeouts``, under `sys/net/netfilter/`.
    public static let tcpTimeoutNames = [
        "nf_conntrack_tcp_timeout_time_wait", "nf_conntrack_tcp_timeout_established",
        "nf_conntrack_tcp_timeout_fin_wait", "nf_conntrack_tcp_timeout_close_wait", "nf_conntrack_tcp_timeout_syn_sent",
    ]

    public init(count: Int64, max: Int64? = nil, buckets: Int64? = nil, statistics: [String: Int64]? = nil) {
        self.count = count
        self.max = max
        self.buckets = buckets
        self.statistics = statistics
    }
}
