import NetwatchCore
import NetwatchUI
import TestSupport
import XCTest

/// Enter on a row resolves to the row's target in the order the pane shows; Esc/Backspace go back.
final class DrillNavigationTests: XCTestCase {
    private func stormModel(focus: PaneID, row: Int = 0, sort: SortKey? = nil) -> DashboardModel {
        var model = DashboardModel.storm()
        model.syncView(width: 120, height: 40)
        model.view.focus = focus
        model.view.selection[focus] = row
        if let sort { model.view.sort[focus] = sort }
        return model
    }

    func testEnterOnAListenerOpensItsServerPort() {
        var model = stormModel(focus: .listeners)
        XCTAssertEqual(model.drillTarget(forSelectionIn: .listeners), .serverPort(8080))
        XCTAssertEqual(model.handle(.enter), [.drillChanged, .redraw])
        XCTAssertEqual(model.view.drill, .serverPort(8080))
        XCTAssertEqual(stormModel(focus: .listeners, row: 1, sort: .port).drillTarget(forSelectionIn: .listeners), .serverPort(443))
    }

    func testEnterOnADestinationOpensItsClientSide() {
        var model = stormModel(focus: .ports)
        XCTAssertEqual(model.handle(.enter), [.drillChanged, .redraw])
        XCTAssertEqual(model.view.drill, .destination(address: SnapshotFixtures.database, port: 5432))
        XCTAssertEqual(stormModel(focus: .ports, row: 2).drillTarget(forSelectionIn: .ports),
                       .destination(address: SnapshotFixtures.loopback, port: 8080))
    }

    func testEnterOnAPeerOpensThePeerInTheSortedOrder() {
        XCTAssertEqual(stormModel(focus: .peers).drillTarget(forSelectionIn: .peers), .peer(SnapshotFixtures.database))
        XCTAssertEqual(stormModel(focus: .peers, row: 0, sort: .state(.closeWait)).drillTarget(forSelectionIn: .peers),
                       .peer(SnapshotFixtures.cache))
    }

    func testEnterOnALocalPortOpensItsServerSideWhenListenedOnElseTheLocalPort() {
        // By total: 443, 8080, 22, 39001, 40001, 40002, 40003, 40100.
        func byPort(row: Int, sort: SortKey? = nil) -> DashboardModel {
            var model = stormModel(focus: .peers, row: row, sort: sort)
            _ = model.handle(.character("g"))
            XCTAssertEqual(model.view.peersGrouping, .localPort)
            return model
        }
        XCTAssertEqual(byPort(row: 0).drillTarget(forSelectionIn: .peers), .serverPort(443))
        XCTAssertEqual(byPort(row: 1).drillTarget(forSelectionIn: .peers), .serverPort(8080))
        XCTAssertEqual(byPort(row: 2).drillTarget(forSelectionIn: .peers), .serverPort(22))
        XCTAssertEqual(byPort(row: 4).drillTarget(forSelectionIn: .peers), .localPort(40_001))
        XCTAssertEqual(byPort(row: 0, sort: .state(.synSent)).drillTarget(forSelectionIn: .peers), .localPort(40_003))
        XCTAssertEqual(byPort(row: 0, sort: .state(.closeWait)).drillTarget(forSelectionIn: .peers), .serverPort(8080))
        XCTAssertEqual(byPort(row: 8).drillTarget(forSelectionIn: .peers), .localPort(40_100), "g clamped the selection")
        var past = byPort(row: 0)
        past.view.selection[.peers] = 8
        XCTAssertNil(past.drillTarget(forSelectionIn: .peers), "past the last row")

        var model = byPort(row: 4)
        XCTAssertEqual(model.handle(.enter), [.drillChanged, .redraw])
        XCTAssertEqual(model.view.drill, .localPort(40_001))
        XCTAssertEqual(model.rowCounts[.peers], 8)
        XCTAssertEqual(model.peersRowCounts, [.peer: 5, .localPort: 8, .process: 0, .health: 0])
    }

    /// Enter on a row of the fd table opens that process, in the order the table shows.
    func testEnterOnTheFDTableOpensTheProcessView() {
        var fds = stormModel(focus: .fileDescriptors)
        XCTAssertEqual(fds.handle(.enter), [.drillChanged, .redraw])
        XCTAssertEqual(fds.view.drill, .process(pid: 812))
        var second = stormModel(focus: .fileDescriptors)
        second.view.selection[.fileDescriptors] = 1
        XCTAssertEqual(second.drillTarget(forSelectionIn: .fileDescriptors), .process(pid: 2201))
        second.view.sort[.fileDescriptors] = .open
        XCTAssertEqual(second.drillTarget(forSelectionIn: .fileDescriptors), .process(pid: 812), "by open fds: java, nginx, …")
    }

    func testEnterDoesNothingOnAnEmptyTableOrWithoutASnapshot() {
        var empty = DashboardModel.missing()
        empty.view.focus = .listeners
        XCTAssertNil(empty.drillTarget(forSelectionIn: .listeners))
        XCTAssertEqual(empty.handle(.enter), [])
        XCTAssertNil(DashboardModel.fixture(nil).drillTarget(forSelectionIn: .ports))
        let (next, effects) = KeyReducer.reduce(ViewState(), .enter)
        XCTAssertEqual(next, ViewState())
        XCTAssertEqual(effects, [])
    }

    func testEscapeAndBackspaceCloseTheDrill() {
        for key in [Key.escape, .backspace] {
            var model = stormModel(focus: .listeners)
            _ = model.handle(.enter)
            XCTAssertEqual(model.handle(key), [.drillChanged, .redraw], "\(key)")
            XCTAssertNil(model.view.drill, "\(key)")
            XCTAssertEqual(model.handle(key), [], "\(key)")
        }
    }

    func testEscapeInADrillKeepsTheFilter() throws {
        var state = ViewState()
        state.filter = try PortSet.parse("8080")
        state.drill = .serverPort(8080)
        let (next, effects) = KeyReducer.reduce(state, .escape)
        XCTAssertNil(next.drill)
        XCTAssertEqual(next.filter, state.filter)
        XCTAssertEqual(effects, [.drillChanged, .redraw])
    }

    func testEnterInsideADrillDoesNotOpenAnother() {
        var state = ViewState()
        state.drill = .serverPort(8080)
        XCTAssertEqual(KeyReducer.reduce(state, .enter, selectedTarget: .peer(SnapshotFixtures.cache)).1, [])
    }

    func testKeysInADrillActOnTheSocketList() {
        var model = DashboardModel.fixture(SnapshotFixtures.stormDrill(.serverPort(8080)))
        model.view.drill = .serverPort(8080)
        model.syncView(width: 80, height: 24)
        XCTAssertEqual(model.view.drillRowCount, 6)
        XCTAssertEqual(model.handle(.down), [.redraw])
        XCTAssertEqual(model.handle(.character("j")), [.redraw])
        XCTAssertEqual(model.view.drillSelection, 2)
        XCTAssertEqual(model.view.selectedRow(in: .ports), 0)
        _ = model.handle(.end)
        XCTAssertEqual(model.view.drillSelection, 5)
        XCTAssertEqual(model.handle(.down), [])
        _ = model.handle(.character("k"))
        XCTAssertEqual(model.view.drillSelection, 4)
        XCTAssertEqual(model.handle(.tab), [])
        XCTAssertEqual(model.view.focus, .ports)
        let sorts = (0..<5).map { _ -> SocketSortKey in
            _ = model.handle(.character("s"))
            return model.view.drillSort
        }
        XCTAssertEqual(sorts, [.localPort, .remote, .expiry, .queue, .state])
        XCTAssertEqual(model.view.drillSelection, 0)
        XCTAssertEqual(model.handle(.character("e")), [.export])
    }

    func testDrillReportWaitsForASnapshotCollectedForTheTarget() {
        var model = DashboardModel.storm()
        model.view.drill = .serverPort(8080)
        XCTAssertNil(model.drillReport)
        model.snapshot = SnapshotFixtures.stormDrill(.serverPort(8080))
        XCTAssertEqual(model.drillReport?.sockets.count, 6)
        model.view.drill = .serverPort(22)
        XCTAssertNil(model.drillReport)
    }
}
