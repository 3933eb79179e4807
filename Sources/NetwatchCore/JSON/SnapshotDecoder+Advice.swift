/// Reading `advice`, `close_wait_owners` and `syn_sent` back, so a replayed recording shows what was advised
/// then. Both are optional: a document without them decodes with none.
extension SnapshotDecoder {
    static func finding(_ field: JSONField) throws(SnapshotDecodeError) -> Finding {
        let severityField = field.member("severity")
        guard let severity = FindingSeverity(rawValue: try severityField.string()) else {
            throw severityField.error("expected \"info\", \"warning\" or \"critical\"")
        }
        let evidenceField = try field.member("evidence").object()
        var evidence = [Evidence]()
        if case let .object(members) = evidenceField.value {
            for (name, _) in members { evidence.append(Evidence(name, try evidenceValue(evidenceField.member(name)))) }
        }
        let target = try field.member("target").object()
        return Finding(id: try field.member("id").string(), severity: severity, title: try field.member("title").string(),
                       evidence: evidence,
                       suggestion: try field.member("suggestion").list { (f) throws(SnapshotDecodeError) in try f.string() },
                       reference: try field.member("reference").string(),
                       target: try drill(target))
    }

    static func evidenceValue(_ field: JSONField) throws(SnapshotDecodeError) -> Evidence.Value {
        switch field.value {
        case let .string(text): .text(text)
        case let .int(count): .integer(count)
        case let .double(measure): .number(measure)
        default: throw field.error("expected a string or a number")
        }
    }

    static func synSentTarget(_ field: JSONField) throws(SnapshotDecodeError) -> SynSentTarget {
        SynSentTarget(address: try field.member("address").address(), port: try port(field.member("port")),
                      count: try field.member("count").int(Int.self),
                      owners: try field.member("owners").list { (f) throws(SnapshotDecodeError) in
                          SynSentTarget.Owner(process: try identity(f), count: try f.member("count").int(Int.self))
                      })
    }

    static func closeWaitOwner(_ field: JSONField) throws(SnapshotDecodeError) -> CloseWaitOwner {
        CloseWaitOwner(process: try identity(field), count: try field.member("close_wait").count(Int.self),
                       localPort: try port(field.member("local_port")))
    }
}
