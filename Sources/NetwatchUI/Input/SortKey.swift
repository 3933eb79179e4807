import NetwatchCore

/// How a table's rows are ordered. Each orders the "worst" or largest row first.
public enum SortKey: Equatable, Hashable, Sendable {
    /// Highest share of a limit first (destinations: used/usable; processes: open/soft limit).
    case ratio
    /// Destinations that run out of ports soonest first; those not growing last.
    case timeLeft
    /// Destinations with the most ports in use first.
    case used
    /// Processes with the most open descriptors first.
    case open
    /// Peers with the most connections first.
    case total
    /// Peers with the most connections in one state first.
    case state(TCPState)
    /// Listeners by port number, ascending.
    case port
    /// Listeners with the fullest accept queue (queue / backlog) first.
    case queue
    /// Destinations with the largest pool (ESTABLISHED client connections) first.
    case pool
    /// Destinations with the most connections idle over 10 min first.
    case idle
    /// Destinations with the most connects stuck in SYN_SENT over 3 s first.
    case stuck
    /// Destinations with the highest RTT p99 first.
    case rtt
    /// Destinations with the most retransmitted segments first.
    case retransmits

    /// The orders of the Peers pane grouped by connection health (``PeersGrouping/health``).
    public static let health: [SortKey] = [.pool, .idle, .stuck, .rtt, .retransmits]

    /// Shown in the pane title: `by TIME_WAIT`.
    public var label: String {
        switch self {
        case .ratio: "by %"
        case .timeLeft: "by time left"
        case .used: "by used"
        case .open: "by open"
        case .total: "by total"
        case .state(let state): "by \(state.name)"
        case .port: "by port"
        case .queue: "by queue"
        case .pool: "by pool"
        case .idle: "by idle"
        case .stuck: "by SYN_SENT>3s"
        case .rtt: "by RTT p99"
        case .retransmits: "by retrans"
        }
    }
}
