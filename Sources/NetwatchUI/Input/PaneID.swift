/// The panes of the dashboard, in reading order (top to bottom, left to right).
public enum PaneID: String, CaseIterable, Sendable, Hashable {
    case header
    case states
    case trend
    case ports
    case fileDescriptors = "fds"
    case peers
    case listeners
    case advice
    case footer

    /// Panes whose rows can be selected and sorted, in Tab order.
    public static let selectable: [PaneID] = [.ports, .fileDescriptors, .peers, .listeners]

    /// The sort orders `s` cycles through in this pane, the first being the initial one; empty for
    /// panes without a table.
    public var sortKeys: [SortKey] {
        switch self {
        case .ports: [.ratio, .timeLeft, .used]
        case .fileDescriptors: [.ratio, .open]
        case .peers: [.total, .state(.timeWait), .state(.established), .state(.closeWait), .state(.synSent), .state(.synRecv)]
        case .listeners: [.queue, .port]
        default: []
        }
    }
}
