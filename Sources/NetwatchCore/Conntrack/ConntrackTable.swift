/// What a ctnetlink dump held, aggregated while streaming (individual entries are not kept):
/// TCP entries by conntrack state and entries per destination of the original direction.
public struct ConntrackTable: Equatable, Sendable {
    /// A destination as the client asked for it: protocol, address and port of the original tuple.
    public struct DestinationKey: Hashable, Sendable {
        public var ipProtocol: UInt8
        public var address: IPAddress
        /// 0 for protocols without ports.
        public var port: UInt16

        public init(ipProtocol: UInt8, address: IPAddress, port: UInt16) {
            self.ipProtocol = ipProtocol
            self.address = address
            self.port = port
        }
    }

    public struct DestinationCounts: Equatable, Sendable {
        public var entries = 0
        /// TCP entries in conntrack `TIME_WAIT`.
        public var timeWait = 0
        /// Entries whose source was translated, per translated source address (the reply
        /// direction's destination): the SNAT ports each address holds toward this destination.
        public var sourceNAT: [IPAddress: Int] = [:]

        public init() {}
    }

    /// Every entry of the dump, any protocol.
    public var entries = 0
    /// TCP entries per state; entries without protocol info are not counted here.
    public var tcpByState: [ConntrackTCPState: Int] = [:]
    public var destinations: [DestinationKey: DestinationCounts] = [:]

    public init() {}

    public mutating func add(_ entry: ConntrackEntry) {
        entries += 1
        if let state = entry.tcpState { tcpByState[state, default: 0] += 1 }
        let key = DestinationKey(ipProtocol: entry.ipProtocol, address: entry.original.destination,
                                 port: entry.original.destinationPort ?? 0)
        destinations[key, default: DestinationCounts()].entries += 1
        if entry.tcpState == .timeWait { destinations[key]?.timeWait += 1 }
        if entry.isSourceNAT { destinations[key]?.sourceNAT[entry.reply.destination, default: 0] += 1 }
    }
}
