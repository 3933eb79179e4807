import NetwatchCore
import NetwatchUI
import TestSupport
import XCTest

/// The namespaces view: its keys and its screen.
final class NamespacesViewTests: XCTestCase {
    let web = Netns(inode: 4_026_532_300, name: "pod web-7f9c", namedBy: .pod, pid: 4_100, processCount: 3)
    let host = Netns(inode: 4_026_531_840, name: "host", namedBy: .host, pid: 1, processCount: 131)
    let locked = Netns(inode: 4_026_532_400, name: "docker 3f2a1b9c4d5e", namedBy: .container, pid: 5_200, processCount: 1)

    func overview() -> NamespaceOverview {
        var storm = SnapshotFixtures.storm()
        storm.advice = AdviceEngine.findings(for: storm)
        var idle = SnapshotFixtures.idle()
        idle.advice = AdviceEngine.findings(for: idle)
        return NamespaceOverview(rows: [NamespaceSummary(namespace: host, snapshot: idle), NamespaceSummary(namespace: web, snapshot: storm),
                                        NamespaceSummary(namespace: locked, unavailable: "cannot enter netns docker 3f2a1b9c4d5e: setns: Operation not permitted")],
                                 own: host.inode)
    }

    func model(_ view: ViewState) -> DashboardModel {
        var model = DashboardModel.idle()
        model.view = view
        model.namespaces = overview()
        model.syncView(width: 120, height: 40)
        return model
    }

    func testNOpensTheViewAndEnterShowsTheSelectedNamespace() {
        var model = model(ViewState())
        XCTAssertEqual(model.handle(.character("n")), [.redraw])
        XCTAssertTrue(model.view.namespacesShown)
        model.syncView(width: 120, height: 40)
        XCTAssertEqual(model.namespaceRows.map(\.namespace.name), ["pod web-7f9c", "host", "docker 3f2a1b9c4d5e"], "most trouble first")
        XCTAssertEqual(model.handle(.down), [.redraw])
        XCTAssertEqual(model.handle(.up), [.redraw])
        XCTAssertEqual(model.handle(.enter), [.namespaceChanged, .redraw])
        XCTAssertFalse(model.view.namespacesShown)
        XCTAssertEqual(model.view.viewedNamespace, web)
        XCTAssertEqual(model.view.statusMessage, "showing netns pod web-7f9c; Esc returns")
        XCTAssertEqual(model.handle(.escape), [.namespaceChanged, .redraw], "Esc returns to the own namespace")
        XCTAssertNil(model.view.viewedNamespace)
    }

    func testSlashFiltersByNameAndEscCloses() {
        var view = ViewState()
        view.namespacesShown = true
        var model = model(view)
        for key in [Key.character("/"), .character("D"), .character("o"), .enter] { _ = model.handle(key) }
        XCTAssertEqual(model.view.namespaceQuery, "Do")
        XCTAssertEqual(model.namespaceRows.map(\.namespace.name), ["docker 3f2a1b9c4d5e"])
        XCTAssertEqual(model.handle(.escape), [.redraw])
        XCTAssertFalse(model.view.namespacesShown)
        XCTAssertEqual(model.handle(.character("q")), [.quit])
    }

    func testTheViewAt120x40And80x24() {
        var view = ViewState()
        view.namespacesShown = true
        view.namespaceSelection = 1
        var model = model(view)
        assertTextSnapshot(Dashboard.render(model, width: 120, height: 40), named: "namespaces-120x40")
        model.syncView(width: 80, height: 24)
        assertTextSnapshot(Dashboard.render(model, width: 80, height: 24), named: "namespaces-80x24")
    }

    func testTheHeaderNamesTheNamespaceShownAndTheAdviceTheOneInTrouble() {
        var model = model(ViewState())
        model.snapshot?.namespace = locked
        model.snapshot?.advice = overview().adding(to: [], besides: locked)
        assertTextSnapshot(Dashboard.render(model, width: 120, height: 40), named: "namespaces-viewed-120x40")
    }
}
