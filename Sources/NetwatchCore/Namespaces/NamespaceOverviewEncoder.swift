import FoundationEssentials

/// The `netwatch.namespaces/1` JSON contract (`snapshot --all-netns`): one summary per network
/// namespace, documented by `schema/netwatch.namespaces-1.schema.json`. Shared pieces (states,
/// destinations, processes, sysctls, findings) are encoded as in `netwatch.snapshot/1`.
public enum NamespaceOverviewEncoder {
    public static let schema = "netwatch.namespaces/1"

    /// - Parameters:
    ///   - intervalSeconds: seconds between the two samples the rates come from; `nil` for one.
    public static func encode(_ overview: NamespaceOverview, takenAt: Date, hostName: String?, kernel: String?,
                              intervalSeconds: Double?) -> JSONValue {
        .object([
            ("schema", .string(schema)),
            ("taken_at", .string(SnapshotEncoder.rfc3339(takenAt))),
            ("host", .object([("name", JSONValue(hostName)), ("kernel", JSONValue(kernel))])),
            ("interval_s", JSONValue(intervalSeconds)),
            ("namespaces", .array(overview.byTrouble.map(row))),
        ])
    }

    /// What identifies a namespace, also the `netns` member of a snapshot taken inside one.
    public static func identity(_ namespace: Netns) -> [(String, JSONValue)] {
        [("inode", .int(Int64(namespace.inode))), ("name", .string(namespace.name)),
         ("named_by", .string(namespace.namedBy.rawValue)), ("pid", JSONValue(namespace.pid.map(Int64.init))),
         ("mount", JSONValue(namespace.mountPath)), ("processes", .int(Int64(namespace.processCount)))]
    }

    static func row(_ row: NamespaceSummary) -> JSONValue {
        .object(identity(row.namespace) + [
            ("unavailable", JSONValue(row.unavailable)),
            ("states", row.states.map { .object([("total", .int(Int64($0.total))), ("by_state", SnapshotEncoder.stateObject($0))]) } ?? .null),
            ("worst_destination", row.worstDestination.map(SnapshotEncoder.destination) ?? .null),
            ("opens_per_s", JSONValue(row.opensPerSecond)),
            ("listen_overflows_per_s", JSONValue(row.listenOverflowsPerSecond)),
            ("worst_process", row.worstProcess.map(SnapshotEncoder.process) ?? .null),
            ("sysctl", row.unavailable == nil ? SnapshotEncoder.sysctl(row.sysctl) : .null),
            ("top_finding", row.topFinding.map(SnapshotEncoder.finding) ?? .null),
        ])
    }
}
