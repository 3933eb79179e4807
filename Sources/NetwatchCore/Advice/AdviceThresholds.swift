/// Where the advice rules start to speak. Every value has a default and can be overridden in the
/// `[advice]` table of the config file under the key given in ``settings``.
public struct AdviceThresholds: Equatable, Sendable {
    /// Ephemeral ports used toward one destination, as a ratio of usable (0…1).
    public var portsWarning = 0.7
    public var portsCritical = 0.9
    /// Predicted seconds until the ports toward one destination run out (at the growth over the
    /// growth window): at or below these the finding is a warning or critical, whatever the share
    /// used; a full destination is critical.
    public var portsFullInWarningSeconds = 600.0
    public var portsFullInCriticalSeconds = 60.0
    /// sockstat `tw` over `tcp_max_tw_buckets` (0…1).
    public var timeWaitWarning = 0.7
    public var timeWaitCritical = 0.9
    /// Connection churn: at least this many connects, or this many accepts, per second…
    public var churnOpensPerSecond = 200.0
    /// …while sockets live less than this on average (ESTABLISHED / (connects + accepts) per second), seconds.
    public var churnLifetimeSeconds = 1.0
    /// CLOSE_WAIT sockets held by one process.
    public var closeWaitWarning = 50.0
    public var closeWaitCritical = 500.0
    /// A listener's accept queue over its backlog (0…1).
    public var listenQueueWarning = 0.7
    public var listenQueueCritical = 0.9
    /// Listen overflows per second that make an overflow finding critical (any overflow warns).
    public var listenOverflowsCriticalPerSecond = 10.0
    /// SYN_SENT sockets toward one peer.
    public var synSentWarning = 20.0
    public var synSentCritical = 100.0
    /// A process's open fds over its soft limit (0…1).
    public var processFDsWarning = 0.8
    public var processFDsCritical = 0.95
    /// `file-nr` allocated over `file-max` (0…1).
    public var systemFDsWarning = 0.8
    public var systemFDsCritical = 0.95
    /// Orphaned FIN_WAIT2 sockets (closed by their application, waiting for the peer's FIN).
    public var orphanedFinWait2Warning = 500.0
    public var orphanedFinWait2Critical = 5000.0
    /// Retransmitted segments per second below which no spike is reported.
    public var retransmitsPerSecond = 100.0
    /// Resets per second (EstabResets + OutRsts) below which no spike is reported.
    public var resetsPerSecond = 50.0
    /// A rate is a spike at this many times its usual (median) value over the history; without
    /// history, at this many times the per-second floor above.
    public var spikeFactor = 3.0

    public init() {}

    /// What a config key sets: its name in `[advice]`, the field, and whether it is a ratio (0…1).
    public struct Setting: Sendable {
        public let key: String
        public let keyPath: WritableKeyPath<AdviceThresholds, Double> & Sendable
        public let isRatio: Bool
    }

    /// Every configurable threshold, in the order of the sample config file.
    public static let settings: [Setting] = [
        .init(key: "ports_warning", keyPath: \.portsWarning, isRatio: true),
        .init(key: "ports_critical", keyPath: \.portsCritical, isRatio: true),
        .init(key: "ports_full_in_warning_s", keyPath: \.portsFullInWarningSeconds, isRatio: false),
        .init(key: "ports_full_in_critical_s", keyPath: \.portsFullInCriticalSeconds, isRatio: false),
        .init(key: "time_wait_warning", keyPath: \.timeWaitWarning, isRatio: true),
        .init(key: "time_wait_critical", keyPath: \.timeWaitCritical, isRatio: true),
        .init(key: "churn_opens_per_s", keyPath: \.churnOpensPerSecond, isRatio: false),
        .init(key: "churn_lifetime_s", keyPath: \.churnLifetimeSeconds, isRatio: false),
        .init(key: "close_wait_warning", keyPath: \.closeWaitWarning, isRatio: false),
        .init(key: "close_wait_critical", keyPath: \.closeWaitCritical, isRatio: false),
        .init(key: "listen_queue_warning", keyPath: \.listenQueueWarning, isRatio: true),
        .init(key: "listen_queue_critical", keyPath: \.listenQueueCritical, isRatio: true),
        .init(key: "listen_overflows_critical_per_s", keyPath: \.listenOverflowsCriticalPerSecond, isRatio: false),
        .init(key: "syn_sent_warning", keyPath: \.synSentWarning, isRatio: false),
        .init(key: "syn_sent_critical", keyPath: \.synSentCritical, isRatio: false),
        .init(key: "process_fds_warning", keyPath: \.processFDsWarning, isRatio: true),
        .init(key: "process_fds_critical", keyPath: \.processFDsCritical, isRatio: true),
        .init(key: "system_fds_warning", keyPath: \.systemFDsWarning, isRatio: true),
        .init(key: "system_fds_critical", keyPath: \.systemFDsCritical, isRatio: true),
        .init(key: "orphaned_fin_wait2_warning", keyPath: \.orphanedFinWait2Warning, isRatio: false),
        .init(key: "orphaned_fin_wait2_critical", keyPath: \.orphanedFinWait2Critical, isRatio: false),
        .init(key: "retransmits_per_s", keyPath: \.retransmitsPerSecond, isRatio: false),
        .init(key: "resets_per_s", keyPath: \.resetsPerSecond, isRatio: false),
        .init(key: "spike_factor", keyPath: \.spikeFactor, isRatio: false),
    ]
}
