import NetwatchCore

/// `ss -tanH` output read back as counts: the independent oracle netwatch's numbers are
/// compared with. Only tests use it; product code never runs `ss`.
public struct SSOracle: Equatable {
    public struct Row: Equatable {
        public var state: TCPState
        public var recvQ: Int
        public var sendQ: Int
        public var localAddress: String
        public var localPort: Int
        public var remoteAddress: String
        public var remotePort: Int?
    }

    public var rows: [Row]

    /// ss's state names (`ESTAB`, `TIME-WAIT`, `UNCONN`…) → ``TCPState``.
    static let states: [String: TCPState] = [
        "ESTAB": .established, "SYN-SENT": .synSent, "SYN-RECV": .synRecv, "FIN-WAIT-1": .finWait1,
        "FIN-WAIT-2": .finWait2, "TIME-WAIT": .timeWait, "UNCONN": .close, "CLOSE-WAIT": .closeWait,
        "LAST-ACK": .lastAck, "LISTEN": .listen, "CLOSING": .closing,
    ]

    public init(_ text: String) {
        rows = text.split(separator: "\n").compactMap { line in
            let f = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard f.count >= 5, let state = SSOracle.states[String(f[0])], let rq = Int(f[1]), let sq = Int(f[2]),
                  let local = SSOracle.endpoint(f[3]), let remote = SSOracle.endpoint(f[4]) else { return nil }
            return Row(state: state, recvQ: rq, sendQ: sq, localAddress: local.0, localPort: local.1 ?? 0,
                       remoteAddress: remote.0, remotePort: remote.1)
        }
    }

    /// `127.0.0.1:80`, `[::1]:80`, `*:80`, `0.0.0.0:*` → (address, port).
    static func endpoint(_ text: Substring) -> (String, Int?)? {
        guard let colon = text.lastIndex(of: ":") else { return nil }
        var address = String(text[..<colon])
        if address.hasPrefix("[") && address.hasSuffix("]") { address = String(address.dropFirst().dropLast()) }
        if let percent = address.firstIndex(of: "%") { address = String(address[..<percent]) }
        let port = text[text.index(after: colon)...]
        return (address, port == "*" ? nil : Int(port))
    }

    public var byState: StateCounts {
        var counts = StateCounts()
        for row in rows { counts.add(row.state) }
        return counts
    }

    public func byState(ipv6: Bool) -> StateCounts {
        var counts = StateCounts()
        for row in rows where row.localAddress.contains(":") == ipv6 || (row.localAddress == "*" && ipv6) { counts.add(row.state) }
        return counts
    }

    /// Listeners as "address:port queue backlog" lines, sorted.
    public var listeners: [String] {
        rows.filter { $0.state == .listen }.map { "\($0.localAddress):\($0.localPort) \($0.recvQ) \($0.sendQ)" }.sorted()
    }

    /// Per destination "local remote:port used", for sockets with a local port in `range`.
    public func destinations(range: ClosedRange<Int>) -> [String: Int] {
        var used = [String: Int]()
        for row in rows where row.state != .listen && range.contains(row.localPort) {
            used["\(row.localAddress) \(row.remoteAddress):\(row.remotePort ?? 0)", default: 0] += 1
        }
        return used
    }
}

extension Snapshot {
    /// Listeners as "address:port queue backlog" lines, sorted, in the oracle's format.
    public var listenerLines: [String] {
        listeners.map { "\($0.record.address):\($0.record.port) \($0.record.acceptQueue) \($0.record.backlog.map(String.init) ?? "?")" }.sorted()
    }

    /// Per destination "local remote:port used" in the oracle's format.
    public var destinationUse: [String: Int] {
        Dictionary(uniqueKeysWithValues: ports.destinations.map { ("\($0.localAddress) \($0.remoteAddress):\($0.remotePort)", $0.used) })
    }
}
