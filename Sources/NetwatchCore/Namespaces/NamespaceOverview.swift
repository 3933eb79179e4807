/// Every namespace on the host with its summary: what the namespaces view lists and
/// `snapshot --all-netns` prints.
public struct NamespaceOverview: Equatable, Sendable {
    public var rows: [NamespaceSummary]
    /// Namespaces that were listed before and are gone now (a container stopped), by name.
    public var departed: [String]
    /// The namespace netwatch runs in (a plain collection, no entering).
    public var own: UInt64?
    /// What the pass that made it cost, in CPU milliseconds.
    public var costMs: Double?

    public init(rows: [NamespaceSummary], departed: [String] = [], own: UInt64? = nil) {
        self.rows = rows
        self.departed = departed
        self.own = own
    }

    /// Rows most in trouble first (severity, then share), then by name; ones that could not be
    /// read last.
    public var byTrouble: [NamespaceSummary] {
        rows.sorted { a, b in
            if (a.unavailable == nil) != (b.unavailable == nil) { return a.unavailable == nil }
            let (x, y) = (a.trouble, b.trouble)
            if x.severity != y.severity { return x.severity > y.severity }
            if x.share != y.share { return x.share > y.share }
            return a.namespace.name < b.namespace.name
        }
    }

    /// ``byTrouble`` narrowed to names containing `query` (case-insensitive); all for an empty one.
    public func rows(matching query: String?) -> [NamespaceSummary] {
        guard let query, !query.isEmpty else { return byTrouble }
        return byTrouble.filter { $0.namespace.name.lowercased().contains(query.lowercased()) }
    }

    /// `advice` (of the namespace `viewed`, `nil` for netwatch's own) with ``findings(besides:)``
    /// merged in by severity, the viewed namespace's own first among equals.
    public func adding(to advice: [Finding], besides viewed: Netns?) -> [Finding] {
        let all = advice + findings(besides: viewed?.inode ?? own)
        return FindingSeverity.allCases.reversed().flatMap { severity in all.filter { $0.severity == severity } }
    }

    /// What the advice on another namespace's screen says about the namespaces in trouble (a
    /// warning or worse), one finding each, worst first: "ns web-7f9c: ephemeral ports toward
    /// 10.0.0.5:443 96% used — n to see it".
    public func findings(besides viewed: UInt64?) -> [Finding] {
        byTrouble.compactMap { row -> Finding? in
            guard row.namespace.inode != viewed, let top = row.topFinding, top.severity >= .warning else { return nil }
            return Finding(id: "namespace_trouble", severity: top.severity,
                           title: "ns \(row.namespace.name): \(top.title) — n to see it",
                           evidence: top.evidence, suggestion: ["press n, select \(row.namespace.name), Enter"] + top.suggestion,
                           reference: top.reference)
        }
    }
}
