import NetwatchCore

/// The rows of each table in the order a ``SortKey`` asks for. Sorts are total (ties broken by a
/// stable identity) so a redraw never shuffles equal rows. Orders the snapshot already has
/// (``SnapshotBuilder``: destinations by ratio, processes by ratio, peers by total, listeners by
/// port) are kept as they are.
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
