import Foundation

extension SnapshotDecoder {
    /// The `history` member of a dashboard export (see `History+JSON.swift`), or `nil` when the
    /// document has none (a recorded line). Points go back in oldest first, and port scopes in
    /// their listed order, so the rebuilt history encodes to the same text. Series names this
    /// netwatch does not know are skipped.
    public static func history(in document: JSONValue) throws(SnapshotDecodeError) -> History? {
        let field = try JSONField(document, path: "").member("history").object()
        guard !field.isNull else { return nil }
        var history = History(windowSeconds: try required(field.member("window_s")),
                              intervalSeconds: try required(field.member("interval_s")))
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

    private static func required(_ field: JSONField) throws(SnapshotDecodeError) -> Double {
        guard let value = try field.optionalDouble() else { throw field.error("expected a number") }
        return value
    }

    /// `[{"t": "2026-…Z", "v": 24100}, …]`; `v` null is an unknown value.
    private static func historyPoints(_ field: JSONField) throws(SnapshotDecodeError) -> [HistoryPoint] {
        try field.items().map { (point) throws(SnapshotDecodeError) in
            HistoryPoint(time: try date(point.member("t")), value: try point.member("v").optionalDouble())
        }
    }
}
