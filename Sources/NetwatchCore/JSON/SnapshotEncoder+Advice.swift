/// The `advice` array and the `close_wait_owners` and `syn_sent` it draws on.
extension SnapshotEncoder {
    /// `{"id", "severity", "title", "evidence": {name: value…}, "suggestion": [...], "reference", "target"}`.
    public static func finding(_ f: Finding) -> JSONValue {
        .object([
            ("id", .string(f.id)),
            ("severity", .string(f.severity.rawValue)),
            ("title", .string(f.title)),
            ("evidence", .object(f.evidence.map { ($0.name, evidenceValue($0.value)) })),
            ("suggestion", .array(f.suggestion.map { .string($0) })),
            ("reference", .string(f.reference)),
            ("target", f.target?.jsonValue ?? .null),
        ])
    }

    static func evidenceValue(_ value: Evidence.Value) -> JSONValue {
        switch value {
        case let .text(text): .string(text)
        case let .integer(count): .int(count)
        case let .number(measure): .double(measure)
        }
    }

    static func synSentTarget(_ target: SynSentTarget) -> JSONValue {
        .object([("address", .string(target.address.description)), ("port", .int(Int64(target.port))),
                 ("count", .int(Int64(target.count))),
                 ("owners", .array(target.owners.map { owner in
                     .object([("pid", .int(Int64(owner.process.pid))), ("command", .string(owner.process.command)),
                              ("count", .int(Int64(owner.count)))])
                 }))])
    }

    static func closeWaitOwner(_ owner: CloseWaitOwner) -> JSONValue {
        .object([("pid", .int(Int64(owner.process.pid))), ("command", .string(owner.process.command)),
                 ("close_wait", .int(Int64(owner.count))), ("local_port", .int(Int64(owner.localPort)))])
    }
}
