/// What the rows of the Peers pane are (`g` cycles): remote addresses, local ports, or the
/// processes opening connections.
public enum PeersGrouping: Sendable, Hashable, CaseIterable {
    /// One row per remote address (``Snapshot/peers``); Enter drills into the peer.
    case peer
    /// One row per local port (``Snapshot/localPorts``); Enter drills into the port's server
    /// side when a listener holds it, else into the local port.
    case localPort

    /// One row per process and destination (``Snapshot/connectors``), busiest first; Enter
    /// drills into the destination.
    case process

    /// One row per destination with its connection health (``Snapshot/health``): pool, idle,
    /// keep-alive, stuck connects, RTT; Enter drills into the destination.
    case health

    /// The next grouping: peers, local ports, processes, health, peers again.
    public var toggled: PeersGrouping {
        switch self {
        case .peer: .localPort
        case .localPort: .process
        case .process: .health
        case .health: .peer
        }
    }
}
