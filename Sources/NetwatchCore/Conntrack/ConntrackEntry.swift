/// One connection-tracking entry from a ctnetlink dump: its two tuples and, for TCP, its state.
public struct ConntrackEntry: Equatable, Sendable {
    /// One direction of a flow: who sent, to whom.
    public struct Tuple: Equatable, Sendable {
        public var source: IPAddress
        public var destination: IPAddress
        /// `nil` for protocols without ports (ICMP).
        public var sourcePort: UInt16?
        public var destinationPort: UInt16?

        public init(source: IPAddress, destination: IPAddress, sourcePort: UInt16?, destinationPort: UInt16?) {
            self.source = source
            self.destination = destination
            self.sourcePort = sourcePort
            self.destinationPort = destinationPort
        }
    }

    /// IP protocol number (6 TCP, 17 UDP, 1 ICMP).
    public var ipProtocol: UInt8
    /// The first packet's direction: the client's source and the destination it asked for.
    public var original: Tuple
    /// The answer's direction. Under SNAT its destination is the translated source address and
    /// port the destination sees; under DNAT its source is the real server.
    public var reply: Tuple
    /// `CTA_STATUS` bits (`IPS_*` in nf_conntrack_common.h).
    public var status: UInt32
    /// Only for TCP entries that carry `CTA_PROTOINFO_TCP`.
    public var tcpState: ConntrackTCPState?

    public static let tcp: UInt8 = 6
    /// `IPS_SRC_NAT`: the source was translated (SNAT or masquerade).
    public static let sourceNATBit: UInt32 = 1 << 4

    public init(ipProtocol: UInt8, original: Tuple, reply: Tuple, status: UInt32 = 0, tcpState: ConntrackTCPState? = nil) {
        self.ipProtocol = ipProtocol
        self.original = original
        self.reply = reply
        self.status = status
        self.tcpState = tcpState
    }

    /// SNAT applies: the reply is addressed to a translated source.
    public var isSourceNAT: Bool { status & ConntrackEntry.sourceNATBit != 0 }
}
