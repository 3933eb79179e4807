/// What a drill view shows, derived from a snapshot whose `sockets` were collected for the
/// target: pure grouping, no I/O. Panes draw it; exports carry the snapshot it came from.
public struct DrillReport: Sendable, Equatable {
    public var target: DrillTarget
    /// The target's sockets (capped at collection; see ``socketsMatched``).
    public var sockets: [Snapshot.Socket]
    /// How many sockets matched before the cap.
    public var socketsMatched: Int
    public var states: StateCounts
    /// Listeners on the port (server side).
    public var listeners: [Snapshot.Listener]
    /// Remote addresses with per-state counts (server side, local port).
    public var peers: [Snapshot.Peer]
    /// Exhaustion entries toward the destination (client side); one per local address.
    public var destinations: [Snapshot.Destination]
    /// Sockets per service port and state (peer view): the non-ephemeral side of each socket.
    public var ports: [(port: UInt16, counts: StateCounts)]
    /// Processes owning the target's sockets, with their fd usage where it was read.
    public var owners: [(process: ProcessIdentity, sockets: Int, fds: ProcessFDUsage?)]
    /// Time-wait and request sockets: held by the kernel, no process owns them.
    public var kernelHeld: Int
    /// Sockets with an inode whose owner was not found (see ``ownerUnknownReason``).
    public var ownerUnknown: Int
    /// Why owners are unknown: the lookup's unreadable processes (permission, as non-root), 0
    /// when every process was read (the sockets closed before they were looked up, or belong to
    /// a process outside this PID namespace), `nil` when no lookup ran.
    public var ownersUnreadableProcesses: Int?

    public static func == (a: DrillReport, b: DrillReport) -> Bool {
        a.target == b.target && a.sockets == b.sockets && a.socketsMatched == b.socketsMatched && a.states == b.states
            && a.listeners == b.listeners && a.peers == b.peers && a.destinations == b.destinations
            && a.ports.map(\.port) == b.ports.map(\.port) && a.ports.map(\.counts) == b.ports.map(\.counts)
            && a.owners.map(\.process) == b.owners.map(\.process) && a.owners.map(\.sockets) == b.owners.map(\.sockets)
            && a.kernelHeld == b.kernelHeld && a.ownerUnknown == b.ownerUnknown
            && a.ownersUnreadableProcesses == b.ownersUnreadableProcesses
    }

    public init(snapshot: Snapshot, target: DrillTarget) {
        self.target = target
        let all = snapshot.sockets ?? []
        sockets = all.filter { target.includes($0) }
        socketsMatched = sockets.count == all.count ? max(snapshot.socketsMatched, sockets.count) : sockets.count
        var counted = StateCounts()
        var peerCounts = [IPAddress: StateCounts]()
        var portCounts = [UInt16: StateCounts]()
        var ownerCounts = [ProcessIdentity: Int]()
        var kernelHeld = 0, ownerUnknown = 0
        let range = snapshot.ports.range
        for socket in sockets {
            let r = socket.record
            counted.add(r.state)
            if r.state != .listen { peerCounts[r.remoteAddress, default: StateCounts()].add(r.state) }
            let servicePort = range.map { $0.contains(r.localPort) } == true ? r.remotePort : r.localPort
            portCounts[servicePort, default: StateCounts()].add(r.state)
            if r.inode == 0 {
                kernelHeld += 1
            } else if let owner = socket.owner {
                ownerCounts[owner, default: 0] += 1
            } else {
                ownerUnknown += 1
            }
        }
        // When the list was capped, the counts of every matching socket, made at collection (by
        // state, peer and service port); a recording without them falls back to the listed rows.
        let complete = sockets.count == all.count && snapshot.socketsMatchedByState.total == snapshot.socketsMatched
        let capped = complete && snapshot.socketsMatched > sockets.count
        states = capped ? snapshot.socketsMatchedByState : counted
        if capped, !snapshot.socketsMatchedByPeer.isEmpty || !snapshot.socketsMatchedByPort.isEmpty {
            peerCounts = Dictionary(snapshot.socketsMatchedByPeer.map { ($0.address, $0.counts) }, uniquingKeysWith: +)
            portCounts = Dictionary(snapshot.socketsMatchedByPort.map { ($0.port, $0.counts) }, uniquingKeysWith: +)
        }
        self.kernelHeld = kernelHeld
        self.ownerUnknown = ownerUnknown
        ownersUnreadableProcesses = snapshot.collector.ownersUnreadableProcesses
        listeners = snapshot.listeners.filter {
            if case let .serverPort(port) = target { return $0.record.port == port }
            return false
        }
        peers = peerCounts.map { Snapshot.Peer(address: $0.key, counts: $0.value) }
            .sorted { $0.total != $1.total ? $0.total > $1.total : $0.address.description < $1.address.description }
        destinations = snapshot.ports.destinations.filter {
            if case let .destination(address, port) = target { return $0.remoteAddress == address && $0.remotePort == port }
            return false
        }
        ports = portCounts.map { ($0.key, $0.value) }
            .sorted { $0.1.total != $1.1.total ? $0.1.total > $1.1.total : $0.0 < $1.0 }
        let usage = Dictionary(snapshot.fds.processes.map { ($0.process.pid, $0) }, uniquingKeysWith: { a, _ in a })
        owners = ownerCounts.map { ($0.key, $0.value, usage[$0.key.pid]) }
            .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.pid < $1.0.pid }
    }
}
