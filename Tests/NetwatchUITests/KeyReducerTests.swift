import NetwatchCore
import NetwatchUI
import XCTest

final class KeyReducerTests: XCTestCase {
    /// A state that knows its tables: 5 destinations, 3 processes, 4 peers, 0 listeners.
    private func synced(_ state: ViewState = ViewState(), visible: [PaneID] = PaneID.allCases) -> ViewState {
        var state = state
        state.sync(rowCounts: [.ports: 5, .fileDescriptors: 3, .peers: 4, .listeners: 0], focusablePanes: visible)
        return state
    }

    private func press(_ keys: [Key], from state: ViewState) -> (ViewState, [Effect]) {
        var current = state
        var effects = [Effect]()
        for key in keys { (current, effects) = KeyReducer.reduce(current, key) }
        return (current, effects)
    }

    func testCOpensTheConntrackViewWhereEscBackspaceOrCCloseItAndOtherKeysKeepTheirMeaningOrDoNothing() {
        let (open, effects) = KeyReducer.reduce(synced(), .character("c"))
        XCTAssertTrue(open.conntrackShown)
        XCTAssertEqual(effects, [.redraw])
        for closer in [Key.escape, .backspace, .character("c")] {
            let (closed, closing) = KeyReducer.reduce(open, closer)
            XCTAssertFalse(closed.conntrackShown, "\(closer)")
            XCTAssertEqual(closing, [.redraw])
        }
        XCTAssertEqual(KeyReducer.reduce(open, .character("q")).1, [.quit])
        XCTAssertEqual(KeyReducer.reduce(open, .character("e")).1, [.export])
        XCTAssertTrue(KeyReducer.reduce(open, .character(" ")).0.paused)
        for ignored in [Key.down, .character("a"), .character("n"), .enter, .tab, .character("s")] {
            let (same, none) = KeyReducer.reduce(open, ignored)
            XCTAssertEqual(same, open, "\(ignored)")
            XCTAssertEqual(none, [], "\(ignored)")
        }
    }

    func testQQuits() {
        let state = synced()
        let (next, effects) = KeyReducer.reduce(state, .character("q"))
        XCTAssertEqual(next, state)
        XCTAssertEqual(effects, [.quit])
    }

    func testQuestionMarkAndF1OpenHelpAndAnyKeyClosesItWithoutActing() {
        for opener in [Key.character("?"), .f1] {
            let (open, effects) = KeyReducer.reduce(synced(), opener)
            XCTAssertTrue(open.helpShown)
            XCTAssertEqual(effects, [.redraw])
            for key in [Key.character("q"), .character("e"), .escape, .down, .character("x")] {
                let (closed, closing) = KeyReducer.reduce(open, key)
                XCTAssertFalse(closed.helpShown, "\(key)")
                XCTAssertEqual(closing, [.redraw], "\(key)")
                XCTAssertEqual(closed.selectedRow(in: .ports), 0, "\(key)")
            }
        }
    }

    func testResizeRedrawsAndKeepsHelpOpen() {
        var state = synced()
        state.helpShown = true
        let (next, effects) = KeyReducer.reduce(state, .resize)
        XCTAssertEqual(next, state)
        XCTAssertEqual(effects, [.redraw])
    }

    func testSpaceAndPTogglePause() {
        let (paused, effects) = KeyReducer.reduce(synced(), .character(" "))
        XCTAssertTrue(paused.paused)
        XCTAssertEqual(effects, [.redraw])
        XCTAssertFalse(KeyReducer.reduce(paused, .character("p")).0.paused)
        XCTAssertTrue(KeyReducer.reduce(synced(), .character("p")).0.paused)
    }

    func testTabAndShiftTabCycleTheSelectablePanes() {
        let state = synced()
        XCTAssertEqual(state.focus, .ports)
        let forward = (1...4).map { press(Array(repeating: .tab, count: $0), from: state).0.focus }
        XCTAssertEqual(forward, [.fileDescriptors, .peers, .listeners, .ports])
        let backward = (1...4).map { press(Array(repeating: .backTab, count: $0), from: state).0.focus }
        XCTAssertEqual(backward, [.listeners, .peers, .fileDescriptors, .ports])
        XCTAssertEqual(KeyReducer.reduce(state, .tab).1, [.redraw])
    }

    func testTabSkipsFoldedPanesAndSyncMovesFocusOffThem() {
        var state = synced()
        state.focus = .peers
        let narrow = synced(state, visible: [.header, .states, .trend, .ports, .fileDescriptors, .advice, .footer])
        XCTAssertEqual(narrow.focus, .ports)
        XCTAssertEqual(KeyReducer.reduce(narrow, .tab).0.focus, .fileDescriptors)
        XCTAssertEqual(press([.tab, .tab], from: narrow).0.focus, .ports)
    }

    func testArrowsAndJKMoveTheSelectionWithinTheRows() {
        let state = synced()
        XCTAssertEqual(press([.down, .character("j"), .down], from: state).0.selectedRow(in: .ports), 3)
        XCTAssertEqual(press(Array(repeating: .down, count: 9), from: state).0.selectedRow(in: .ports), 4)
        XCTAssertEqual(press([.down, .down, .up, .character("k")], from: state).0.selectedRow(in: .ports), 0)
        let (top, effects) = KeyReducer.reduce(state, .up)
        XCTAssertEqual(top.selectedRow(in: .ports), 0)
        XCTAssertEqual(effects, [])
        XCTAssertEqual(KeyReducer.reduce(state, .down).1, [.redraw])
        let moved = press([.tab, .down, .down, .down, .down], from: state).0
        XCTAssertEqual(moved.selectedRow(in: .fileDescriptors), 2)
        XCTAssertEqual(moved.selectedRow(in: .ports), 0)
    }

    func testSelectionInAnEmptyTableStaysAtZero() {
        var state = synced()
        state.focus = .listeners
        let (next, effects) = KeyReducer.reduce(state, .down)
        XCTAssertEqual(next.selectedRow(in: .listeners), 0)
        XCTAssertEqual(effects, [])
    }

    func testSyncClampsSelectionsToFewerRows() {
        var state = press([.down, .down, .down, .down], from: synced()).0
        XCTAssertEqual(state.selectedRow(in: .ports), 4)
        state.sync(rowCounts: [.ports: 2], focusablePanes: PaneID.allCases)
        XCTAssertEqual(state.selectedRow(in: .ports), 1)
        state.sync(rowCounts: [:], focusablePanes: PaneID.allCases)
        XCTAssertEqual(state.selectedRow(in: .ports), 0)
    }

    func testSCyclesTheSortOfTheFocusedTableAndResetsItsSelection() {
        var state = synced()
        state.focus = .peers
        state.selection[.peers] = 3
        let sorts = (0...6).map { press(Array(repeating: .character("s"), count: $0), from: state).0.sortKey(for: .peers) }
        XCTAssertEqual(sorts, [.total, .state(.timeWait), .state(.established), .state(.closeWait), .state(.synSent),
                               .state(.synRecv), .total])
        let (sorted, effects) = KeyReducer.reduce(state, .character("s"))
        XCTAssertEqual(sorted.selectedRow(in: .peers), 0)
        XCTAssertEqual(sorted.sortKey(for: .ports), .ratio)
        XCTAssertEqual(effects, [.redraw])
        XCTAssertEqual(press([.character("s")], from: synced()).0.sortKey(for: .ports), .timeLeft)
        XCTAssertEqual(PaneID.fileDescriptors.sortKeys, [.ratio, .open])
        XCTAssertEqual(PaneID.listeners.sortKeys, [.queue, .port])
    }

    func testEExportsAndTCyclesTheTheme() {
        let state = synced()
        XCTAssertEqual(KeyReducer.reduce(state, .character("e")).1, [.export])
        XCTAssertEqual(KeyReducer.reduce(state, .character("e")).0, state)
        XCTAssertEqual(KeyReducer.reduce(state, .character("t")).1, [.cycleTheme])
        XCTAssertEqual(KeyReducer.reduce(state, .character("t")).0, state)
    }

    func testPlusAndMinusStepTheInterval() {
        let (faster, effects) = KeyReducer.reduce(synced(), .character("-"))
        XCTAssertEqual(faster.intervalSeconds, 0.5)
        XCTAssertEqual(faster.statusMessage, "interval 0.5 s")
        XCTAssertEqual(effects, [.setInterval(0.5), .redraw])
        let steps = (1...7).map { press(Array(repeating: .character("+"), count: $0), from: synced()).0.intervalSeconds }
        XCTAssertEqual(steps, [2, 5, 10, 30, 60, 60, 60])
    }

    /// `+` lengthens the interval up to 60 s, the longest `--interval` takes (as btop's `+`).
    func testPlusLengthensTheIntervalUpToWhatTheOptionAccepts() {
        let (longer, effects) = KeyReducer.reduce(synced(ViewState(intervalSeconds: 10)), .character("+"))
        XCTAssertEqual(longer.intervalSeconds, 30)
        XCTAssertEqual(effects, [.setInterval(30), .redraw])
        XCTAssertEqual(ViewState.intervalSteps.first, 0.5)
        XCTAssertEqual(ViewState.intervalSteps.last, 60)
    }

    /// A message a key sets (Enter on a finding without a target) goes 8 s after the run loop
    /// first sees it, on the injected clock, and stays gone across views.
    func testAStatusMessageFromAKeyExpiresAfterItsTime() {
        var state = synced()
        state.sync(rowCounts: [.ports: 5], focusablePanes: PaneID.allCases, adviceRows: 1)
        state = press([.character("a"), .enter], from: state).0
        XCTAssertEqual(state.statusMessage, "this finding concerns no port, peer or process to drill into")
        XCTAssertFalse(state.expireStatus(now: 500))
        state = press([.escape, .tab], from: state).0
        XCTAssertFalse(state.expireStatus(now: 507.9))
        XCTAssertEqual(state.statusMessage, "this finding concerns no port, peer or process to drill into")
        XCTAssertTrue(state.expireStatus(now: 508))
        XCTAssertNil(state.statusMessage)
        XCTAssertFalse(state.expireStatus(now: 9000))
    }

    /// A new message restarts the time; the same one set again does not.
    func testANewStatusMessageGetsItsOwnTime() {
        var state = synced()
        state.statusMessage = "exported /tmp/a.json"
        XCTAssertFalse(state.expireStatus(now: 10))
        state = KeyReducer.reduce(state, .character("+")).0
        XCTAssertEqual(state.statusMessage, "interval 2 s")
        XCTAssertFalse(state.expireStatus(now: 17))
        XCTAssertFalse(state.expireStatus(now: 24.9))
        XCTAssertTrue(state.expireStatus(now: 25))
    }

    func testIntervalStopsAtItsEndsWithAMessage() {
        let (slowest, effects) = KeyReducer.reduce(synced(ViewState(intervalSeconds: 60)), .character("+"))
        XCTAssertEqual(slowest.intervalSeconds, 60)
        XCTAssertEqual(slowest.statusMessage, "interval already at its longest: 60 s")
        XCTAssertEqual(effects, [.redraw])
        let fastest = KeyReducer.reduce(synced(ViewState(intervalSeconds: 0.5)), .character("-")).0
        XCTAssertEqual(fastest.statusMessage, "interval already at its shortest: 0.5 s")
    }

    func testAnIntervalBetweenStepsMovesToTheNeighbouringStep() {
        XCTAssertEqual(KeyReducer.reduce(synced(ViewState(intervalSeconds: 3)), .character("+")).1, [.setInterval(5), .redraw])
        XCTAssertEqual(KeyReducer.reduce(synced(ViewState(intervalSeconds: 3)), .character("-")).1, [.setInterval(2), .redraw])
        XCTAssertEqual(KeyReducer.reduce(synced(ViewState(intervalSeconds: 30)), .character("-")).1, [.setInterval(10), .redraw])
    }

    func testGTogglesThePeersGroupingAndClampsItsSelectionToTheNewRows() {
        var state = ViewState()
        state.sync(rowCounts: [.ports: 5, .fileDescriptors: 3, .peers: 99, .listeners: 0], focusablePanes: PaneID.allCases,
                   peersRows: [.peer: 4, .localPort: 2, .process: 3, .health: 2])
        XCTAssertEqual(state.peersGrouping, .peer)
        XCTAssertEqual(state.rowCounts[.peers], 4, "the grouping's count wins over the table's")
        state.focus = .peers
        state = press([.down, .down, .down], from: state).0
        XCTAssertEqual(state.selectedRow(in: .peers), 3)

        let (byPort, effects) = KeyReducer.reduce(state, .character("g"))
        XCTAssertEqual(effects, [.redraw])
        XCTAssertEqual(byPort.peersGrouping, .localPort)
        XCTAssertEqual(byPort.rowCounts[.peers], 2)
        XCTAssertEqual(byPort.selectedRow(in: .peers), 1, "clamped to the last local port")
        XCTAssertEqual(press([.down, .down], from: byPort).0.selectedRow(in: .peers), 1, "stops at the new last row")
        XCTAssertEqual(byPort.sortKey(for: .peers), state.sortKey(for: .peers), "the sort is kept")

        let (byProcess, _) = KeyReducer.reduce(byPort, .character("g"))
        XCTAssertEqual(byProcess.peersGrouping, .process)
        XCTAssertEqual(byProcess.rowCounts[.peers], 3)
        let (byHealth, _) = KeyReducer.reduce(byProcess, .character("g"))
        XCTAssertEqual(byHealth.peersGrouping, .health)
        XCTAssertEqual(byHealth.rowCounts[.peers], 2)
        XCTAssertEqual(byHealth.sortKey(for: .peers), .pool, "health rows have their own orders")
        let (back, _) = KeyReducer.reduce(byHealth, .character("g"))
        XCTAssertEqual(back.peersGrouping, .peer)
        XCTAssertEqual(back.rowCounts[.peers], 4)
        XCTAssertEqual(back.selectedRow(in: .peers), 1)
        XCTAssertEqual(press([.down, .down, .down], from: back).0.selectedRow(in: .peers), 3)

        var other = synced()
        other.focus = .ports
        XCTAssertEqual(KeyReducer.reduce(other, .character("g")).0.peersGrouping, .localPort, "whichever table has the focus")

        var drill = synced()
        drill.drill = .serverPort(8080)
        XCTAssertEqual(KeyReducer.reduce(drill, .character("g")).1, [], "nothing in a drill view")
        var prompt = synced()
        prompt.prompt = FilterPrompt(text: "")
        XCTAssertEqual(KeyReducer.reduce(prompt, .character("g")).0.prompt?.text, "g", "the prompt takes it as text")
    }

    func testUnboundKeysDoNothing() {
        let state = synced()
        for key in [Key.enter, .escape, .backspace,
                    .left, .right, .home, .end, .character("x"), .character("Q")] {
            let (next, effects) = KeyReducer.reduce(state, key)
            XCTAssertEqual(next, state, "\(key)")
            XCTAssertEqual(effects, [], "\(key)")
        }
    }
}
