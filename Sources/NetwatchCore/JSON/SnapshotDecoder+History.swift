extension SnapshotDecoder {
    /// The `history` member of a dashboard export (see `History+JSON.swift`), or `nil` when the
    /// document has none (a recorded line). Points go back in oldest first, and port scopes in
    /// their listed order, so the rebuilt history encodes to the same text. Series names this
    /// netwatch does not know are skipped.
    public static func history(in document: JSONValue) throws(SnapshotDecodeError) -> History? {
        let field = try JSONField(document, path: "").member("history").object()
        guard !field.isNull else { return nil }
        var history = History(windowSeconds: try field.member("window_s").double(in: History.windowRange),
                              intervalSeconds: try field.member("interval_s").double(in: History.intervalRange))
        let seriesField = try field.member("series").object()
        guard case let .object(members) = seriesField.value else { return history }
        let scopePrefix = HistorySeries.timeWait.rawValue + ":"
        for (name, _) in members {
            let points = try historyPoints(seriesField.member(name))
            if let series = HistorySeries(rawValue: name) {
                for point in points { history.append(point, to: series) }
            } else if name.hasPrefix(scopePrefix) {
                let scope = String(name.dropFirst(scopePrefix.count))
                for point in points { history.append(point, toScope: scope) }
            } else if name.hasPrefix(History.openFilesPrefix), let pid = Int32(name.dropFirst(History.openFilesPrefix.count)) {
                for point in points { history.append(point, toProcess: pid) }
            }
        }
        return history
    }

    /// What a point can hold: a count or a rate, never negative.
    static let pointValues = 0.0...1e23

    /// `[{"t": "2026-…Z", "v": 24100}, …]`; `v` null is an unknown value.
    private static func historyPoints(_ field: JSONField) throws(SnapshotDecodeError) -> [HistoryPoint] {
        try field.items().map { (point) throws(SnapshotDecodeError) in
            HistoryPoint(time: try date(point.member("t")), value: try point.member("v").optionalDouble(in: pointValues))
        }
    }
}
