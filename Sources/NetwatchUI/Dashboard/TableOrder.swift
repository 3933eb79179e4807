import NetwatchCore

/// The rows of each table in the order a ``SortKey`` asks for. Sorts are total (ties broken by a
/// stable identity) so a redraw never shuffles equal rows. Orders the snapshot already has
/// (``SnapshotBuilder``: destinations by ratio, processes by ratio, peers and local ports by
/// total, listeners by port) are kept as they are.
enum TableOrder {
    static func destinations(_ rows: [Snapshot.Destination], by key: SortKey?) -> [Snapshot.Destination] {
        switch key {
        case .timeLeft:
            rows.sorted { a, b in
                let x = a.secondsToExhaustion ?? .infinity, y = b.secondsToExhaustion ?? .infinity
                return x != y ? x < y : a.ratio > b.ratio
            }
        case .used: rows.sorted { $0.used != $1.used ? $0.used > $1.used : $0.ratio > $1.ratio }
        default: rows
        }
    }

    static func processes(_ rows: [ProcessFDUsage], by key: SortKey?) -> [ProcessFDUsage] {
        guard key == .open else { return rows }
        return rows.sorted { $0.open != $1.open ? $0.open > $1.open : $0.process.pid < $1.process.pid }
    }

    static func peers(_ rows: [Snapshot.Peer], by key: SortKey?) -> [Snapshot.Peer] {
        guard case .state(let state)? = key else { return rows }
        return rows.sorted { a, b in
            a.counts[state] != b.counts[state] ? a.counts[state] > b.counts[state]
                : a.total != b.total ? a.total > b.total : a.address.description < b.address.description
        }
    }

    /// Connection health per destination: as the snapshot has them (largest pool first) or by the
    /// figure `key` names, largest first, the pool breaking ties.
    static func health(_ rows: [ConnectionHealth.Destination], by key: SortKey?) -> [ConnectionHealth.Destination] {
        let figure: (HealthFigures) -> Int64
        switch key {
        case .idle?: figure = { Int64($0.idleOver10m ?? 0) }
        case .stuck?: figure = { Int64($0.synSentOver3s) }
        case .rtt?: figure = { Int64($0.rttP99Microseconds ?? 0) }
        case .retransmits?: figure = { $0.retransmits ?? 0 }
        default: return rows
        }
        return rows.enumerated().sorted { a, b in
            let x = figure(a.element.figures), y = figure(b.element.figures)
            return x != y ? x > y : a.offset < b.offset
        }.map(\.element)
    }

    /// Like ``peers(_:by:)``: by total as the snapshot has them, or by one state's count.
    static func localPorts(_ rows: [Snapshot.LocalPort], by key: SortKey?) -> [Snapshot.LocalPort] {
        guard case .state(let state)? = key else { return rows }
        return rows.sorted { a, b in
            a.counts[state] != b.counts[state] ? a.counts[state] > b.counts[state]
                : a.counts.total != b.counts.total ? a.counts.total > b.counts.total : a.port < b.port
        }
    }

    static func listeners(_ rows: [Snapshot.Listener], by key: SortKey?) -> [Snapshot.Listener] {
        guard key != .port else { return rows }
        return rows.sorted { a, b in
            let x = fill(a.record) ?? -1, y = fill(b.record) ?? -1
            return x != y ? x > y : a.record.port < b.record.port
        }
    }

    /// accept queue / backlog; `nil` when the backlog is unknown or zero.
    static func fill(_ listener: ListenerRecord) -> Double? {
        guard let backlog = listener.backlog, backlog > 0 else { return nil }
        return Double(listener.acceptQueue) / Double(backlog)
    }
}

extension TableOrder {
    /// The drill view's sockets in `key`'s order; ties fall back to state, remote, then local port.
    static func sockets(_ rows: [Snapshot.Socket], by key: SocketSortKey) -> [Snapshot.Socket] {
        rows.sorted { a, b in
            let x = a.record, y = b.record
            switch key {
            case .state: break
            case .localPort where x.localPort != y.localPort: return x.localPort < y.localPort
            case .remote where x.remoteAddress != y.remoteAddress: return x.remoteAddress.bytes.lexicographicallyPrecedes(y.remoteAddress.bytes)
            case .expiry where expiry(x) != expiry(y): return expiry(x) < expiry(y)
            case .queue where queued(x) != queued(y): return queued(x) > queued(y)
            default: break
            }
            return stableOrder(x, y)
        }
    }

    /// Milliseconds until the socket's timer fires; no timer sorts last.
    private static func expiry(_ socket: SocketRecord) -> UInt64 {
        socket.timer == 0 ? .max : UInt64(socket.expiresMs)
    }

    private static func queued(_ socket: SocketRecord) -> UInt64 { UInt64(socket.rxQueue) + UInt64(socket.txQueue) }

    /// State in ``StatesPane/order``, then remote address and port, then local port.
    private static func stableOrder(_ x: SocketRecord, _ y: SocketRecord) -> Bool {
        let rank = { (state: TCPState) in StatesPane.order.firstIndex(of: state) ?? StatesPane.order.count }
        if x.state != y.state { return rank(x.state) < rank(y.state) }
        if x.remoteAddress != y.remoteAddress { return x.remoteAddress.bytes.lexicographicallyPrecedes(y.remoteAddress.bytes) }
        if x.remotePort != y.remotePort { return x.remotePort < y.remotePort }
        if x.localAddress != y.localAddress { return x.localAddress.bytes.lexicographicallyPrecedes(y.localAddress.bytes) }
        return x.localPort < y.localPort
    }
}
