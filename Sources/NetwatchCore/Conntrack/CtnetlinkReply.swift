/// Parses ctnetlink dump replies (`NFNL_SUBSYS_CTNETLINK`, `IPCTNL_MSG_CT_NEW` messages answering
/// an `IPCTNL_MSG_CT_GET` dump) in place from a receive buffer, handing each entry to a closure.
/// Pure: no I/O, so recorded reply bytes replay in tests. Layout (docs/KERNEL.md §9): nlmsghdr
/// (framed by ``NetlinkReply``), nfgenmsg (4 bytes), then attributes; the tuples and protocol info
/// are nested attributes whose integers are in network byte order.
public enum CtnetlinkReply {
    /// The uapi constants this parser reads (linux/netfilter/nfnetlink.h, nfnetlink_conntrack.h);
    /// NetwatchLinux's tests check them against the C headers.
    public enum ABI {
        public static let nfgenmsgLength = 4
        public static let subsystemConntrack: UInt16 = 1
        public static let messageNew: UInt16 = 0
        public static let tupleOriginal: UInt16 = 1
        public static let tupleReply: UInt16 = 2
        public static let status: UInt16 = 3
        public static let protocolInfo: UInt16 = 4
        public static let tupleIP: UInt16 = 1
        public static let tupleProtocol: UInt16 = 2
        public static let ipv4Source: UInt16 = 1
        public static let ipv4Destination: UInt16 = 2
        public static let ipv6Source: UInt16 = 3
        public static let ipv6Destination: UInt16 = 4
        public static let protocolNumber: UInt16 = 1
        public static let protocolSourcePort: UInt16 = 2
        public static let protocolDestinationPort: UInt16 = 3
        public static let protocolInfoTCP: UInt16 = 1
        public static let protocolInfoTCPState: UInt16 = 1
    }

    /// ``NetlinkReply/Outcome/records`` counts the entries handed to `body`.
    public static func parse(_ buffer: UnsafeRawBufferPointer, _ body: (ConntrackEntry) -> Void) -> NetlinkReply.Outcome {
        NetlinkReply.walk(buffer) { type, payload, offset in
            guard type == ABI.subsystemConntrack << 8 | ABI.messageNew else { return .skipped }
            guard payload.count >= ABI.nfgenmsgLength else {
                return .malformed("ctnetlink message of \(payload.count + NetlinkReply.ABI.headerLength) bytes at offset \(offset) has no nfgenmsg")
            }
            switch entry(UnsafeRawBufferPointer(rebasing: payload[ABI.nfgenmsgLength...])) {
            case let .success(entry):
                body(entry)
                return .record
            case let .failure(problem):
                return .malformed("ctnetlink message at offset \(offset): \(problem.why)")
            }
        }
    }

    struct Problem: Error {
        let why: String
    }

    /// One entry from a message's top-level attributes; both tuples are required.
    static func entry(_ attributes: UnsafeRawBufferPointer) -> Result<ConntrackEntry, Problem> {
        var original: (ConntrackEntry.Tuple, UInt8)?
        var reply: (ConntrackEntry.Tuple, UInt8)?
        var status: UInt32 = 0
        var state: ConntrackTCPState?
        do throws(Problem) {
            try forEachAttribute(attributes) { type, value throws(Problem) in
                switch type {
                case ABI.tupleOriginal: original = try tuple(value)
                case ABI.tupleReply: reply = try tuple(value)
                case ABI.status:
                    guard value.count >= 4 else { throw Problem(why: "CTA_STATUS of \(value.count) bytes") }
                    status = UInt32(bigEndian: value.loadUnaligned(as: UInt32.self))
                case ABI.protocolInfo:
                    try forEachAttribute(value) { infoType, info throws(Problem) in
                        guard infoType == ABI.protocolInfoTCP else { return }
                        try forEachAttribute(info) { tcpType, field throws(Problem) in
                            guard tcpType == ABI.protocolInfoTCPState else { return }
                            guard let code = field.first else { throw Problem(why: "empty CTA_PROTOINFO_TCP_STATE") }
                            state = ConntrackTCPState(rawValue: code)
                        }
                    }
                default: break
                }
            }
        } catch {
            return .failure(error)
        }
        guard let original, let reply else {
            return .failure(Problem(why: original == nil ? "no CTA_TUPLE_ORIG" : "no CTA_TUPLE_REPLY"))
        }
        return .success(ConntrackEntry(ipProtocol: original.1, original: original.0, reply: reply.0, status: status,
                                       tcpState: original.1 == ConntrackEntry.tcp ? state : nil))
    }

    /// A `CTA_TUPLE_*` nest: addresses (`CTA_TUPLE_IP`) and protocol with ports (`CTA_TUPLE_PROTO`).
    static func tuple(_ nest: UnsafeRawBufferPointer) throws(Problem) -> (ConntrackEntry.Tuple, UInt8) {
        var source: IPAddress?, destination: IPAddress?
        var number: UInt8?, sourcePort: UInt16?, destinationPort: UInt16?
        try forEachAttribute(nest) { type, value throws(Problem) in
            switch type {
            case ABI.tupleIP:
                try forEachAttribute(value) { ipType, address throws(Problem) in
                    switch ipType {
                    case ABI.ipv4Source, ABI.ipv4Destination, ABI.ipv6Source, ABI.ipv6Destination:
                        guard let parsed = self.address(address, ipv4: ipType <= ABI.ipv4Destination) else {
                            throw Problem(why: "address attribute \(ipType) of \(address.count) bytes")
                        }
                        if ipType == ABI.ipv4Source || ipType == ABI.ipv6Source { source = parsed } else { destination = parsed }
                    default: break
                    }
                }
            case ABI.tupleProtocol:
                try forEachAttribute(value) { protoType, field throws(Problem) in
                    switch protoType {
                    case ABI.protocolNumber: number = field.first
                    case ABI.protocolSourcePort, ABI.protocolDestinationPort:
                        guard field.count >= 2 else { throw Problem(why: "port attribute of \(field.count) bytes") }
                        let port = UInt16(bigEndian: field.loadUnaligned(as: UInt16.self))
                        if protoType == ABI.protocolSourcePort { sourcePort = port } else { destinationPort = port }
                    default: break
                    }
                }
            default: break
            }
        }
        guard let source, let destination else { throw Problem(why: "tuple without both addresses") }
        guard let number else { throw Problem(why: "tuple without CTA_PROTO_NUM") }
        return (ConntrackEntry.Tuple(source: source, destination: destination, sourcePort: sourcePort,
                                     destinationPort: destinationPort), number)
    }

    /// Raw network-order address bytes as ``IPAddress`` words (no intermediate array: this runs
    /// four times per entry); `nil` when the length is not the family's.
    @inline(__always)
    static func address(_ bytes: UnsafeRawBufferPointer, ipv4: Bool) -> IPAddress? {
        if ipv4 {
            guard bytes.count == 4 else { return nil }
            return IPAddress(family: .ipv4, words: bytes.loadUnaligned(as: UInt32.self))
        }
        guard bytes.count == 16 else { return nil }
        return IPAddress(family: .ipv6, words: bytes.loadUnaligned(fromByteOffset: 0, as: UInt32.self),
                         bytes.loadUnaligned(fromByteOffset: 4, as: UInt32.self), bytes.loadUnaligned(fromByteOffset: 8, as: UInt32.self),
                         bytes.loadUnaligned(fromByteOffset: 12, as: UInt32.self))
    }

    /// Calls `body(type, value)` for each attribute in `buffer` (``NetlinkReply/Attributes``); an
    /// attribute that overruns its container is a broken entry.
    static func forEachAttribute(_ buffer: UnsafeRawBufferPointer,
                                 _ body: (UInt16, UnsafeRawBufferPointer) throws(Problem) -> Void) throws(Problem) {
        var attributes = NetlinkReply.Attributes(buffer)
        while let (type, value) = attributes.next() { try body(type, value) }
        if let why = attributes.overrun { throw Problem(why: why) }
    }
}
