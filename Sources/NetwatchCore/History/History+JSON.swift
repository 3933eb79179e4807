/// The `history` member of a dashboard export: the trend window, oldest point first.
///
/// `{"window_s": 300, "interval_s": 1, "bucket_s": 10, "series": {"time_wait": [{"t": "2026-…Z", "v": 24100}, …], …}}`;
/// an unknown value is `null`. Points older than ``History/rawSpanSeconds`` are buckets of
/// `bucket_s` seconds holding their peak, at the time of the newest point in the bucket. Each port scope's TIME_WAIT series follows the host-wide ones as
/// `"time_wait:443"` (`"time_wait:80,8000-8100"`), least recently recorded first, so the member
/// keeps the schema's shape (`series` is a map of named point arrays); then each process's open
/// fds as `"open_fds:812"`, least recently recorded first.
extension History {
    /// Before the pid in the name of a process's open-fd series.
    public static let openFilesPrefix = "open_fds:"

    public var jsonValue: JSONValue {
        let named = HistorySeries.allCases.map { ($0.rawValue, History.points(self[$0])) }
        let scoped = scopes.compactMap { scope in
            timeWait(scope: scope).map { ("\(HistorySeries.timeWait.rawValue):\(scope)", History.points($0)) }
        }
        let processSeries = processes.compactMap { pid in
            openFiles(pid: pid).map { (History.openFilesPrefix + String(pid), History.points($0)) }
        }
        return .object([
            ("window_s", .double(windowSeconds)),
            ("interval_s", .double(intervalSeconds)),
            ("bucket_s", .double(bucketSeconds)),
            ("series", .object(named + scoped + processSeries)),
        ])
    }

    private static func points(_ ring: DownsampledSeries) -> JSONValue {
        .array(ring.points.map { point in
            .object([("t", .string(SnapshotEncoder.rfc3339(point.time))), ("v", JSONValue(point.value))])
        })
    }
}
