/// Connects from this host waiting for a SYN-ACK toward one address and port, and the
/// processes making them.
public struct SynSentTarget: Equatable, Sendable {
    public var address: IPAddress
    public var port: UInt16
    /// SYN_SENT sockets toward it.
    public var count: Int
    /// The processes owning them, most sockets first (among the first
    /// ``SocketAggregator/closeWaitInodeLimit`` SYN_SENT sockets seen); empty when owners were
    /// not looked up or none was found.
    public var owners: [Owner]

    public struct Owner: Equatable, Sendable {
        public var process: ProcessIdentity
        public var count: Int

        public init(process: ProcessIdentity, count: Int) {
            self.process = process
            self.count = count
        }
    }

    public init(address: IPAddress, port: UInt16, count: Int, owners: [Owner] = []) {
        self.address = address
        self.port = port
        self.count = count
        self.owners = owners
    }
}
