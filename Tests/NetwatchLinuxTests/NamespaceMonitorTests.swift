import Foundation
import NetwatchCore
import NetwatchLinux
import TestSupport
import XCTest

/// The overview's discovery and lifecycle on real namespaces of this test's own. Root only.
final class NamespaceMonitorTests: XCTestCase {
    func row(_ overview: NamespaceOverview, _ name: String) -> NamespaceSummary? {
        overview.rows.first { $0.namespace.name == name }
    }

    func testANamespaceWithoutProcessesIsNamedByItsMount() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("empty")
        defer { ns.delete() }
        let found = NamespaceDiscovery().discover()
        let listed = try XCTUnwrap(found.namespaces.first { $0.name == ns.name })
        XCTAssertEqual(listed.namedBy, .ipNetns)
        XCTAssertNil(listed.pid)
        XCTAssertEqual(listed.processCount, 0)
        XCTAssertEqual(listed.mountPath, "/run/netns/\(ns.name)")
    }

    func testADeletedNamespaceLeavesTheOverviewWithItsName() throws {
        try NetworkNamespace.skipUnlessRoot()
        let ns = try NetworkNamespace("gone")
        defer { ns.delete() }
        _ = try ns.start([FixturePaths.binary("netwatch-load"), "--established", "2", "--hold", "300"], readyPrefix: "READY")
        let monitor = try NamespaceMonitor()
        let before = try XCTUnwrap(row(monitor.overview(), ns.name))
        XCTAssertEqual(before.states?[.established], 4)
        XCTAssertNil(before.unavailable)
        ns.delete()
        let after = monitor.overview()
        XCTAssertNil(row(after, ns.name))
        XCTAssertFalse(after.rows.contains { $0.namespace.inode == before.namespace.inode }, "the monitor's own socket must not keep it listed")
        XCTAssertTrue(after.departed.contains(ns.name))
        XCTAssertFalse(monitor.overview().departed.contains(ns.name), "said once")
    }

    func testANamespaceThatCannotBeOpenedSaysWhy() throws {
        let gone = Netns(inode: 1, name: "ghost", namedBy: .process, pid: nil)
        XCTAssertThrowsError(try NamespaceHandle(gone, root: ProcRoot(), thread: NamespaceThread())) { error in
            XCTAssertEqual("\(error)", "cannot enter netns ghost: no process or mount to open it by: No such file or directory")
        }
    }
}
