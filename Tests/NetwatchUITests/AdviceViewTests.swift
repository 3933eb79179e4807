import NetwatchCore
@testable import NetwatchUI
import TestSupport
import XCTest

/// The advice list (`a`): its screen, its keys, and Enter drilling into a finding's target.
final class AdviceViewTests: XCTestCase {
    private func opened(_ model: DashboardModel, selecting row: Int = 0, width: Int = 120, height: Int = 40) -> DashboardModel {
        var model = model
        _ = model.handle(.character("a"))
        model.syncView(width: width, height: height)
        for _ in 0..<row { _ = model.handle(.down) }
        return model
    }

    func testStormAdviceList120x40() {
        assertTextSnapshot(Dashboard.render(opened(.storm()), width: 120, height: 40), named: "advice-storm-120x40")
    }

    func testStormAdviceListScrolledToTheFifthFinding80x24() {
        let model = opened(.storm(), selecting: 4, width: 80, height: 24)
        assertTextSnapshot(Dashboard.render(model, width: 80, height: 24), named: "advice-storm-selected-80x24")
    }

    func testIdleAdviceListSaysNothingIsWrong() {
        let screen = Dashboard.render(opened(.idle(), width: 80, height: 24), width: 80, height: 24).text()
        XCTAssertEqual(screen[2], "│ no problems detected in the data read" + String(repeating: " ", count: 40) + "│")
        XCTAssertEqual(screen[23], " esc back  ↑↓ select  enter drill  e export  q quit  ? help")
    }

    func testTheSelectedTitleIsHighlightedAndTheSeverityColoured() {
        let screen = Dashboard.render(opened(.storm(), selecting: 3), width: 120, height: 40)
        let lines = screen.text()
        guard let row = lines.firstIndex(where: { $0.contains("WARNING  TIME_WAIT at 85%") }) else { return XCTFail("no TIME_WAIT finding") }
        XCTAssertEqual(screen[5, row]?.role, .selection)
        let top = Dashboard.render(opened(.storm(), selecting: 1), width: 120, height: 40)
        XCTAssertEqual(top[3, 2]?.role, .critical, "the first finding's label, not selected")
    }

    func testKeysInTheList() {
        var model = opened(.storm())
        XCTAssertEqual(model.view.adviceRowCount, 6)
        _ = model.handle(.end)
        XCTAssertEqual(model.view.adviceSelection, 5)
        _ = model.handle(.down)
        XCTAssertEqual(model.view.adviceSelection, 5, "stops at the last finding")
        _ = model.handle(.character("k"))
        _ = model.handle(.home)
        XCTAssertEqual(model.view.adviceSelection, 0)
        XCTAssertEqual(model.handle(.tab), [], "Tab does nothing in the list")
        XCTAssertEqual(model.handle(.character("q")), [.quit])
        XCTAssertEqual(model.handle(.character("e")), [.export])
        XCTAssertEqual(model.handle(.escape), [.redraw])
        XCTAssertFalse(model.view.adviceShown)
        model = opened(.storm())
        _ = model.handle(.character("a"))
        XCTAssertFalse(model.view.adviceShown, "a closes it again")
    }

    func testEnterDrillsIntoTheSelectedFindingsTarget() {
        var model = opened(.storm())
        XCTAssertEqual(model.handle(.enter), [.drillChanged, .redraw])
        XCTAssertEqual(model.view.drill, .destination(address: SnapshotFixtures.database, port: 5432))
        XCTAssertFalse(model.view.adviceShown)
        model = opened(.storm(), selecting: 1)
        _ = model.handle(.enter)
        XCTAssertEqual(model.view.drill, .serverPort(8080))
        model = opened(.storm(), selecting: 2)
        XCTAssertEqual(model.handle(.enter), [.drillChanged, .redraw], "the fd finding opens its process")
        XCTAssertEqual(model.view.drill, .process(pid: 812))
        XCTAssertFalse(model.view.adviceShown)
        XCTAssertNil(model.view.statusMessage)
    }

    func testWrapKeepsWordsAndCutsOnlyOverlongOnes() {
        XCTAssertEqual(AdviceView.wrap("sysctl -w net.ipv4.tcp_tw_reuse=1 now", width: 12),
                       ["sysctl -w", "net.ipv4.tcp", "_tw_reuse=1", "now"])
        XCTAssertEqual(AdviceView.wrap("", width: 5), [""])
        XCTAssertEqual(AdviceView.wrap("a b c", width: 3), ["a b", "c"])
    }

    func testEvidenceIsFormattedByItsName() {
        XCTAssertEqual(AdviceView.format(Evidence("ratio", 0.934)), "93%")
        XCTAssertEqual(AdviceView.format(Evidence("opens_per_s", 2_400.0)), "2.4k/s")
        XCTAssertEqual(AdviceView.format(Evidence("seconds_to_exhaustion", 16.1)), "16.1 s")
        XCTAssertEqual(AdviceView.format(Evidence("used", 26_300)), "26300")
        XCTAssertEqual(AdviceView.format(Evidence("destination", "10.0.3.17:5432")), "10.0.3.17:5432")
    }
}
