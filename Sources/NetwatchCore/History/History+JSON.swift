/// The `history` member of a dashboard export: the trend window, oldest point first.
///
/// `{"window_s": 300, "interval_s": 1, "series": {"time_wait": [{"t": "2026-…Z", "v": 24100}, …], …}}`;
/// an unknown value is `null`.
extension History {
    public var jsonValue: JSONValue {
        .object([
            ("window_s", .double(windowSeconds)),
            ("interval_s", .double(intervalSeconds)),
            ("series", .object(HistorySeries.allCases.map { series in
                (series.rawValue, .array(self[series].points.map { point in
                    .object([("t", .string(SnapshotEncoder.rfc3339(point.time))), ("v", JSONValue(point.value))])
                }))
            })),
        ])
    }
}
