import NetwatchCore
import NetwatchUI
import XCTest

final class FilterPromptTests: XCTestCase {
    private func press(_ keys: [Key], from state: ViewState = ViewState()) -> (ViewState, [Effect]) {
        var current = state
        var effects = [Effect]()
        for key in keys { (current, effects) = KeyReducer.reduce(current, key) }
        return (current, effects)
    }

    private func type(_ text: String) -> [Key] { text.map { Key.character($0) } }

    func testSlashAndFOpenAnEmptyPrompt() {
        for opener in [Key.character("/"), .character("f")] {
            let (open, effects) = KeyReducer.reduce(ViewState(), opener)
            XCTAssertEqual(open.prompt, FilterPrompt(text: ""))
            XCTAssertEqual(effects, [.redraw])
        }
    }

    func testTypingAndBackspaceEditTheText() {
        let (typed, effects) = press([.character("/")] + type("80,4433") + [.backspace])
        XCTAssertEqual(typed.prompt?.text, "80,443")
        XCTAssertEqual(effects, [.redraw])
        XCTAssertEqual(press([.character("/"), .backspace]).1, [])
    }

    func testValidEnterSetsTheFilterAndClosesThePrompt() throws {
        let (next, effects) = press([.character("/")] + type("443,8000-8100") + [.enter])
        XCTAssertNil(next.prompt)
        XCTAssertEqual(next.filter, try PortSet.parse("443,8000-8100"))
        XCTAssertEqual(effects, [.filterChanged, .redraw])
    }

    func testInvalidEnterKeepsThePromptOpenWithTheErrorAndChangesNothingElse() throws {
        var state = ViewState()
        state.filter = try PortSet.parse("22")
        let (next, effects) = press([.character("/"), .backspace, .backspace] + type("80-x") + [.enter], from: state)
        XCTAssertEqual(next.prompt?.text, "80-x")
        XCTAssertEqual(next.prompt?.error,
                       "invalid port list '80-x': 'x' is not a number (expected ports 1-65535 as 80, 80,443 or 8000-8100)")
        XCTAssertEqual(next.filter, state.filter)
        XCTAssertEqual(effects, [.redraw])
        let edited = KeyReducer.reduce(next, .backspace).0
        XCTAssertNil(edited.prompt?.error)
    }

    func testOpeningWithAFilterStartsFromItAndEmptyEnterClearsIt() throws {
        var state = ViewState()
        state.filter = try PortSet.parse("443,80")
        let open = KeyReducer.reduce(state, .character("f")).0
        XCTAssertEqual(open.prompt?.text, "80,443")
        let (cleared, effects) = press(Array(repeating: .backspace, count: 6) + [.enter], from: open)
        XCTAssertNil(cleared.filter)
        XCTAssertNil(cleared.prompt)
        XCTAssertEqual(effects, [.filterChanged, .redraw])
        XCTAssertEqual(press([.character("/"), .enter]).1, [.redraw])
    }

    func testEnterWithTheSameFilterDoesNotReportAChange() throws {
        var state = ViewState()
        state.filter = try PortSet.parse("443")
        XCTAssertEqual(press([.character("/"), .enter], from: state).1, [.redraw])
    }

    func testEscapeCancelsThePromptAndKeepsTheFilter() throws {
        var state = ViewState()
        state.filter = try PortSet.parse("22")
        let (next, effects) = press([.character("/")] + type("99") + [.escape], from: state)
        XCTAssertNil(next.prompt)
        XCTAssertEqual(next.filter, state.filter)
        XCTAssertEqual(effects, [.redraw])
    }

    func testEscapeOnTheDashboardClearsAnActiveFilter() throws {
        var state = ViewState()
        state.filter = try PortSet.parse("22")
        let (next, effects) = KeyReducer.reduce(state, .escape)
        XCTAssertNil(next.filter)
        XCTAssertEqual(effects, [.filterChanged, .redraw])
        XCTAssertEqual(KeyReducer.reduce(next, .escape).1, [])
        XCTAssertEqual(KeyReducer.reduce(state, .backspace).1, [])
    }

    func testEveryKeyIsSwallowedWhileThePromptIsOpen() {
        let open = KeyReducer.reduce(ViewState(), .character("/")).0
        let (typed, effects) = press(type("q?ep +-ts"), from: open)
        XCTAssertEqual(typed.prompt?.text, "q?ep +-ts")
        XCTAssertEqual(effects, [.redraw])
        XCTAssertFalse(typed.helpShown)
        XCTAssertFalse(typed.paused)
        XCTAssertEqual(typed.intervalSeconds, open.intervalSeconds)
        for key in [Key.tab, .backTab, .up, .down, .f1, .home, .left] {
            let (next, effects) = KeyReducer.reduce(open, key)
            XCTAssertEqual(next, open, "\(key)")
            XCTAssertEqual(effects, [], "\(key)")
        }
        XCTAssertEqual(KeyReducer.reduce(open, .resize).1, [.redraw])
    }

    func testThePromptTextIsBounded() {
        let (next, _) = press([.character("/")] + type(String(repeating: "1", count: 100)))
        XCTAssertEqual(next.prompt?.text.count, FilterPrompt.maximumLength)
    }
}
