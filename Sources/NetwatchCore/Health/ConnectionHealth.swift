/// Connection health in a snapshot: per destination and per process, the busiest first.
public struct ConnectionHealth: Equatable, Sendable {
    public var destinations: [Destination]
    /// Distinct destinations before the `--top` cut.
    public var destinationCount: Int
    /// Per owning process, of the client sockets kept (up to ``SocketAggregator/healthSocketLimit``);
    /// empty when owners were not looked up.
    public var processes: [Process]
    /// `tcp_info` was read (netlink); without it idle, RTT and retransmits are unknown.
    public var tcpInfo: Bool

    public init(destinations: [Destination], destinationCount: Int, processes: [Process], tcpInfo: Bool) {
        self.destinations = destinations
        self.destinationCount = destinationCount
        self.processes = processes
        self.tcpInfo = tcpInfo
    }

    public struct Destination: Equatable, Sendable {
        public var address: IPAddress
        public var port: UInt16
        public var figures: HealthFigures
        /// The RTT p99 toward it some time before (``RTTHistory``), for "rising".
        public var earlierRTT: EarlierRTT?

        public init(address: IPAddress, port: UInt16, figures: HealthFigures, earlierRTT: EarlierRTT? = nil) {
            self.address = address
            self.port = port
            self.figures = figures
            self.earlierRTT = earlierRTT
        }
    }

    public struct EarlierRTT: Equatable, Sendable {
        public var secondsAgo: Double
        public var p99Microseconds: UInt32

        public init(secondsAgo: Double, p99Microseconds: UInt32) {
            self.secondsAgo = secondsAgo
            self.p99Microseconds = p99Microseconds
        }
    }

    public struct Process: Equatable, Sendable {
        public var process: ProcessIdentity
        public var figures: HealthFigures
        /// The destination it holds most client sockets toward.
        public var busiestDestination: RemoteEndpoint?

        public init(process: ProcessIdentity, figures: HealthFigures, busiestDestination: RemoteEndpoint? = nil) {
            self.process = process
            self.figures = figures
            self.busiestDestination = busiestDestination
        }
    }

    /// Health toward `address`:`port`, when it is listed.
    public func destination(_ address: IPAddress, _ port: UInt16) -> Destination? {
        destinations.first { $0.address == address && $0.port == port }
    }

    public func process(_ pid: Int32) -> Process? {
        processes.first { $0.process.pid == pid }
    }
}
