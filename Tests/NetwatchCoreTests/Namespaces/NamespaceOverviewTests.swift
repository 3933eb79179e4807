import NetwatchCore
import XCTest

/// The namespaces overview's order, filter and the advice it gives about other namespaces.
final class NamespaceOverviewTests: XCTestCase {
    func row(_ name: String, inode: UInt64, severity: FindingSeverity? = nil, fdShare: Int = 0) -> NamespaceSummary {
        var row = NamespaceSummary(namespace: Netns(inode: inode, name: name, namedBy: .ipNetns, pid: nil), unavailable: "")
        row.unavailable = nil
        row.worstProcess = ProcessFDUsage(process: ProcessIdentity(pid: 7, command: "app"), open: fdShare, limit: OpenFileLimit(soft: 100, hard: 100))
        row.topFinding = severity.map {
            Finding(id: "ephemeral_exhaustion", severity: $0, title: "ephemeral ports toward 10.0.0.5:443 96% used",
                    evidence: [Evidence("used", 96)], suggestion: ["spread connections over more destinations"], reference: "ip(7)")
        }
        return row
    }

    func testRowsInTroubleFirstThenByShareThenName() {
        let overview = NamespaceOverview(rows: [
            row("host", inode: 1), row("quiet-b", inode: 2, fdShare: 10), row("web-7f9c", inode: 3, severity: .critical),
            row("quiet-a", inode: 4, fdShare: 10), row("db", inode: 5, severity: .warning, fdShare: 90),
            NamespaceSummary(namespace: Netns(inode: 6, name: "locked", namedBy: .process, pid: 9), unavailable: "cannot enter netns locked: setns: Operation not permitted"),
        ])
        XCTAssertEqual(overview.byTrouble.map(\.namespace.name), ["web-7f9c", "db", "quiet-a", "quiet-b", "host", "locked"])
    }

    func testFilterKeepsNamesContainingTheQuery() {
        let overview = NamespaceOverview(rows: [row("web-7f9c", inode: 3), row("WEB-2", inode: 4), row("db", inode: 5)])
        XCTAssertEqual(overview.rows(matching: "web").map(\.namespace.name), ["WEB-2", "web-7f9c"])
        XCTAssertEqual(overview.rows(matching: "").count, 3)
    }

    func testAdviceNamesOtherNamespacesInTroubleOnly() {
        let overview = NamespaceOverview(rows: [row("web-7f9c", inode: 3, severity: .critical), row("db", inode: 5, severity: .info),
                                                row("api", inode: 6, severity: .warning)])
        let findings = overview.findings(besides: 6)
        XCTAssertEqual(findings.map(\.title), ["ns web-7f9c: ephemeral ports toward 10.0.0.5:443 96% used — n to see it"])
        XCTAssertEqual(findings.first?.severity, .critical)
        XCTAssertEqual(findings.first?.suggestion.first, "press n, select web-7f9c, Enter")
    }
}
