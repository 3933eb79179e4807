/// What a drill view is about: the unit of investigation picked with `Enter`.
public enum DrillTarget: Hashable, Sendable, CustomStringConvertible {
    /// The server side of a listening port: its listeners and the connections they accepted.
    case serverPort(UInt16)
    /// A local port that is not listening: the sockets bound to it.
    case localPort(UInt16)
    /// The client side: connections toward one remote address and port.
    case destination(address: IPAddress, port: UInt16)
    /// Every socket with one remote address.
    case peer(IPAddress)
    /// One process: its open fds against its limits, and the sockets it holds.
    case process(pid: Int32)

    /// The port filter that narrows collection to this target (pushed into the kernel);
    /// `nil` for a peer or a process, whose sockets span ports.
    public var ports: PortSet? {
        switch self {
        case let .serverPort(port), let .localPort(port), let .destination(_, port): PortSet(ranges: [port...port])
        case .peer, .process: nil
        }
    }

    /// Whether a socket belongs to the view, from the socket alone. A record does not name its
    /// process: a process's sockets are picked by inode at collection (``CollectRequest``'s
    /// `keepInodes`) and by owner afterwards (the `Snapshot.Socket` overload).
    public func includes(_ socket: SocketRecord) -> Bool {
        switch self {
        case let .serverPort(port), let .localPort(port): socket.localPort == port
        case let .destination(address, port): socket.remoteAddress == address && socket.remotePort == port
        case let .peer(address): socket.remoteAddress == address && socket.state != .listen
        case .process: false
        }
    }

    /// Whether a collected socket belongs to the view: a process's are those it owns.
    public func includes(_ socket: Snapshot.Socket) -> Bool {
        guard case let .process(pid) = self else { return includes(socket.record) }
        return socket.owner?.pid == pid
    }

    /// The process the view is about; `nil` for the other kinds.
    public var pid: Int32? {
        guard case let .process(pid) = self else { return nil }
        return pid
    }

    /// `:443 (server)`, `127.0.0.1:5432`, `peer 10.0.0.5` — for the header and status line.
    public var description: String {
        switch self {
        case let .serverPort(port): ":\(port) (server)"
        case let .localPort(port): ":\(port) (local)"
        case let .destination(address, port): address.family == .ipv6 ? "[\(address)]:\(port)" : "\(address):\(port)"
        case let .peer(address): "peer \(address)"
        case let .process(pid): "pid \(pid)"
        }
    }

    /// `{"kind": "server_port", "port": 443}` and so on, for snapshots and exports.
    public var jsonValue: JSONValue {
        switch self {
        case let .serverPort(port): .object([("kind", .string("server_port")), ("port", .int(Int64(port)))])
        case let .localPort(port): .object([("kind", .string("local_port")), ("port", .int(Int64(port)))])
        case let .destination(address, port):
            .object([("kind", .string("destination")), ("address", .string(address.description)), ("port", .int(Int64(port)))])
        case let .peer(address): .object([("kind", .string("peer")), ("address", .string(address.description))])
        case let .process(pid): .object([("kind", .string("process")), ("pid", .int(Int64(pid)))])
        }
    }
}
