/// A process as netwatch names it: pid and `comm`.
public struct ProcessIdentity: Equatable, Hashable, Sendable {
    public var pid: Int32
    public var command: String

    public init(pid: Int32, command: String) {
        self.pid = pid
        self.command = command
    }
}

/// One process's open file descriptors against its own limit.
public struct ProcessFDUsage: Equatable, Sendable {
    public var process: ProcessIdentity
    public var open: Int
    public var limit: OpenFileLimit

    public init(process: ProcessIdentity, open: Int, limit: OpenFileLimit) {
        self.process = process
        self.open = open
        self.limit = limit
    }

    /// open / soft limit; `nil` when the soft limit is unlimited or zero.
    public var ratio: Double? {
        guard let soft = limit.soft, soft > 0 else { return nil }
        return Double(open) / Double(soft)
    }
}

/// A listening socket from the LISTEN-only dump (or the LISTEN rows of /proc/net/tcp).
public struct ListenerRecord: Equatable, Sendable {
    public var address: IPAddress
    public var port: UInt16
    /// Connections waiting for accept().
    public var acceptQueue: Int
    /// The effective backlog (min of listen()'s argument and somaxconn); `nil` from /proc.
    public var backlog: Int?
    public var inode: UInt32

    public init(address: IPAddress, port: UInt16, acceptQueue: Int, backlog: Int?, inode: UInt32) {
        self.address = address
        self.port = port
        self.acceptQueue = acceptQueue
        self.backlog = backlog
        self.inode = inode
    }

    /// LISTEN rows: netlink puts the backlog in wqueue; /proc's tx_queue is not the backlog.
    public init(_ socket: SocketRecord, backlogKnown: Bool) {
        self.init(address: socket.localAddress, port: socket.localPort, acceptQueue: Int(socket.rxQueue),
                  backlog: backlogKnown ? Int(socket.txQueue) : nil, inode: socket.inode)
    }
}
