import NetwatchCore
import NetwatchUI
import TestSupport
import XCTest

/// Whole screens rendered from the fixtures, compared with `__Snapshots__/*.txt`.
final class DashboardSnapshotTests: XCTestCase {
    func testStorm80x24() {
        assertTextSnapshot(Dashboard.render(.storm(), width: 80, height: 24), named: "storm-80x24")
    }

    func testStorm120x40() {
        assertTextSnapshot(Dashboard.render(.storm(), width: 120, height: 40), named: "storm-120x40")
    }

    func testStormASCII80x24() {
        assertTextSnapshot(Dashboard.render(.storm(glyphs: .ascii), width: 80, height: 24), named: "storm-ascii-80x24")
    }

    func testStormSingleColumn60x30() {
        assertTextSnapshot(Dashboard.render(.storm(), width: 60, height: 30), named: "storm-60x30")
    }

    /// 60×20 folds the fd, peers and listener tables (the footer names them); Tab to the fd
    /// table shows it in place of the States pane that folds for it.
    func testStorm60x20ShortScreenBeforeAndAfterTab() {
        var model = DashboardModel.storm()
        model.syncView(width: 60, height: 20)
        assertTextSnapshot(Dashboard.render(model, width: 60, height: 20), named: "storm-60x20")
        _ = model.handle(.tab)
        model.syncView(width: 60, height: 20)
        assertTextSnapshot(Dashboard.render(model, width: 60, height: 20), named: "storm-60x20-fds-focused")
    }

    func testStormFilteredPeersFocusedSortedByTimeWaitSecondRowSelected() throws {
        var view = ViewState()
        view.focus = .peers
        view.sort[.peers] = .state(.timeWait)
        view.selection[.peers] = 1
        view.paused = true
        view.statusMessage = "exported /tmp/netwatch-web-7-20260314-092653.json"
        var model = DashboardModel.storm(view: view)
        model.tableAgeSeconds = 12
        model.snapshot?.filter = try PortSet.parse("5432,8000-8100")
        assertTextSnapshot(Dashboard.render(model, width: 120, height: 40), named: "storm-peers-paused-120x40")
    }

    func testStormPeersGroupedByLocalPort() {
        var view = ViewState()
        view.peersGrouping = .localPort
        view.focus = .peers
        view.selection[.peers] = 1
        for (width, height) in [(80, 24), (120, 40)] {
            assertTextSnapshot(Dashboard.render(.storm(view: view), width: width, height: height),
                               named: "storm-local-ports-\(width)x\(height)")
        }
    }

    func testStormLocalPortsSortedByTimeWait() {
        var view = ViewState()
        view.peersGrouping = .localPort
        view.sort[.peers] = .state(.timeWait)
        assertTextSnapshot(Dashboard.render(.storm(view: view), width: 120, height: 40), named: "storm-local-ports-tw-120x40")
    }

    func testIdle80x24() {
        assertTextSnapshot(Dashboard.render(.idle(), width: 80, height: 24), named: "idle-80x24")
    }

    func testIdle120x40() {
        assertTextSnapshot(Dashboard.render(.idle(), width: 120, height: 40), named: "idle-120x40")
    }

    func testMissingData80x24() {
        assertTextSnapshot(Dashboard.render(.missing(), width: 80, height: 24), named: "missing-80x24")
    }

    func testMissingData120x40() {
        assertTextSnapshot(Dashboard.render(.missing(), width: 120, height: 40), named: "missing-120x40")
    }

    func testNoSnapshotYet80x24() {
        assertTextSnapshot(Dashboard.render(.fixture(nil), width: 80, height: 24), named: "no-snapshot-80x24")
    }

    func testHelpOverlay80x24() {
        var view = ViewState()
        view.helpShown = true
        assertTextSnapshot(Dashboard.render(.storm(view: view), width: 80, height: 24), named: "help-80x24")
    }

    func testHelpOverlayASCII40x10() {
        var view = ViewState()
        view.helpShown = true
        assertTextSnapshot(Dashboard.render(.storm(view: view, glyphs: .ascii), width: 40, height: 10), named: "help-ascii-40x10")
    }

    func testTiny20x5() {
        assertTextSnapshot(Dashboard.render(.storm(), width: 20, height: 5), named: "tiny-20x5")
    }

    func testMinimum40x10() {
        assertTextSnapshot(Dashboard.render(.storm(), width: 40, height: 10), named: "minimum-40x10")
    }
}
