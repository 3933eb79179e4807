/// What the rows of the Peers pane are (`g` switches): remote addresses, or local ports.
public enum PeersGrouping: Sendable, Hashable, CaseIterable {
    /// One row per remote address (``Snapshot/peers``); Enter drills into the peer.
    case peer
    /// One row per local port (``Snapshot/localPorts``); Enter drills into the port's server
    /// side when a listener holds it, else into the local port.
    case localPort

    /// The other grouping.
    public var toggled: PeersGrouping { self == .peer ? .localPort : .peer }
}
