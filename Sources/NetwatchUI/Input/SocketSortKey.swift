/// How the drill view's socket list is ordered; `s` cycles through ``allCases`` in order.
public enum SocketSortKey: CaseIterable, Equatable, Hashable, Sendable {
    /// By state, in the dashboard's state order (ESTABLISHED, TIME_WAIT, CLOSE_WAIT, …).
    case state
    /// By local port, ascending.
    case localPort
    /// By remote address, then remote port.
    case remote
    /// Soonest timer first (a TIME_WAIT entry about to go); sockets without a timer last.
    case expiry
    /// Most bytes queued (receive + send) first.
    case queue

    /// Shown in the socket list's title: `by expiry`.
    public var label: String {
        switch self {
        case .state: "by state"
        case .localPort: "by local port"
        case .remote: "by remote"
        case .expiry: "by expiry"
        case .queue: "by queue"
        }
    }

    /// The key after this one, wrapping round.
    var next: SocketSortKey {
        let all = SocketSortKey.allCases
        return all[((all.firstIndex(of: self) ?? 0) + 1) % all.count]
    }
}
