/// A process holding CLOSE_WAIT sockets: connections its peer closed and it has not.
public struct CloseWaitOwner: Equatable, Sendable {
    public var process: ProcessIdentity
    /// Its CLOSE_WAIT sockets (among the first ``SocketAggregator/closeWaitInodeLimit`` seen).
    public var count: Int
    /// The local port holding most of them (the lowest among equals).
    public var localPort: UInt16

    public init(process: ProcessIdentity, count: Int, localPort: UInt16) {
        self.process = process
        self.count = count
        self.localPort = localPort
    }
}
