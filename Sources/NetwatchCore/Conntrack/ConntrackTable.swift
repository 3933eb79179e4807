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
    /// TCP entries per state, indexed by ``ConntrackTCPState/rawValue``: a fixed array, so
    /// counting an entry allocates nothing.
    private var stateCounts = [Int](repeating: 0, count: ConntrackTCPState.allCases.count)
    public var destinations: [DestinationKey: DestinationCounts] = [:]

    public init() {}

    /// TCP entries per state holding any; entries without protocol info are not counted here.
    public var tcpByState: [ConntrackTCPState: Int] {
        get {
            var counts = [ConntrackTCPState: Int]()
            for state in ConntrackTCPState.allCases where stateCounts[Int(state.rawValue)] > 0 {
                counts[state] = stateCounts[Int(state.rawValue)]
            }
            return counts
        }
        set {
            for state in ConntrackTCPState.allCases { stateCounts[Int(state.rawValue)] = newValue[state] ?? 0 }
        }
    }

    public mutating func add(_ entry: ConntrackEntry) {
        entries += 1
        if let state = entry.tcpState { stateCounts[Int(state.rawValue)] += 1 }
        let key = DestinationKey(ipProtocol: entry.ipProtocol, address: entry.original.destination,
                                 port: entry.original.destinationPort ?? 0)
        ConntrackTable.count(entry, into: &destinations[key, default: DestinationCounts()])
    }

    /// One entry into its destination's counts, in place (one hash lookup per entry).
    @inline(__always)
    private static func count(_ entry: ConntrackEntry, into counts: inout DestinationCounts) {
        counts.entries += 1
        if entry.tcpState == .timeWait { counts.timeWait += 1 }
        if entry.isSourceNAT { counts.sourceNAT[entry.reply.destination, default: 0] += 1 }
    }
}
