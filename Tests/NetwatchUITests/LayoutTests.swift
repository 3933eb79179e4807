import NetwatchUI
import XCTest

final class LayoutTests: XCTestCase {
    func testAllPanesAt80x24() {
        let layout = Layout.compute(width: 80, height: 24)
        XCTAssertEqual(layout.visiblePanes, PaneID.allCases)
        XCTAssertEqual(layout.frames, [
            .header: Rect(x: 0, y: 0, width: 80, height: 1),
            .states: Rect(x: 0, y: 1, width: 40, height: 7),
            .trend: Rect(x: 40, y: 1, width: 40, height: 7),
            .ports: Rect(x: 0, y: 8, width: 40, height: 8),
            .fileDescriptors: Rect(x: 40, y: 8, width: 40, height: 8),
            .peers: Rect(x: 0, y: 16, width: 40, height: 6),
            .listeners: Rect(x: 40, y: 16, width: 40, height: 6),
            .advice: Rect(x: 0, y: 22, width: 80, height: 1),
            .footer: Rect(x: 0, y: 23, width: 80, height: 1),
        ])
    }

    func testBiggerScreenGivesLongerChartAndMoreRows() {
        let small = Layout.compute(width: 80, height: 24), big = Layout.compute(width: 120, height: 40)
        XCTAssertEqual(big.visiblePanes, PaneID.allCases)
        XCTAssertEqual(big.frames[.trend], Rect(x: 60, y: 1, width: 60, height: 15))
        XCTAssertEqual(big.frames[.ports], Rect(x: 0, y: 16, width: 60, height: 12))
        XCTAssertEqual(big.frames[.peers], Rect(x: 0, y: 28, width: 60, height: 10))
        for pane in [PaneID.trend, .ports, .fileDescriptors, .peers, .listeners] {
            XCTAssertGreaterThan(big.frames[pane]!.height, small.frames[pane]!.height, "\(pane)")
            XCTAssertGreaterThan(big.frames[pane]!.width, small.frames[pane]!.width, "\(pane)")
        }
    }

    func testNarrowScreensStackPanesInOneColumn() {
        let layout = Layout.compute(width: 71, height: 40)
        XCTAssertEqual(layout.visiblePanes, PaneID.allCases)
        for pane in PaneID.allCases { XCTAssertEqual(layout.frames[pane]?.x, 0, "\(pane)") }
        for pane in PaneID.allCases { XCTAssertEqual(layout.frames[pane]?.width, 71, "\(pane)") }
        XCTAssertEqual(Layout.compute(width: 72, height: 40).frames[.trend]?.x, 36)
    }

    func testPanesFoldInTheDocumentedOrderAsTheScreenShrinks() {
        XCTAssertEqual(Layout.foldOrder, [.peers, .listeners, .fileDescriptors, .states, .trend])
        for width in [50, 100] {
            var foldedBefore = 0
            for height in stride(from: 45, through: 10, by: -1) {
                let missing = Set(PaneID.allCases).subtracting(Layout.compute(width: width, height: height).visiblePanes)
                XCTAssertEqual(missing, Set(Layout.foldOrder.prefix(missing.count)), "\(width)x\(height)")
                XCTAssertGreaterThanOrEqual(missing.count, foldedBefore, "\(width)x\(height)")
                foldedBefore = missing.count
            }
            XCTAssertEqual(foldedBefore, Layout.foldOrder.count, "width \(width)")
        }
    }

    func testExactFoldPointsInOneColumn() {
        func missing(_ height: Int) -> [PaneID] {
            let visible = Layout.compute(width: 50, height: height).visiblePanes
            return PaneID.allCases.filter { !visible.contains($0) }
        }
        XCTAssertEqual(missing(32), [])
        XCTAssertEqual(missing(31), [.peers])
        XCTAssertEqual(missing(27), [.peers, .listeners])
        XCTAssertEqual(missing(23), [.fileDescriptors, .peers, .listeners])
        XCTAssertEqual(missing(18), [.states, .fileDescriptors, .peers, .listeners])
        XCTAssertEqual(missing(13), [.states, .trend, .fileDescriptors, .peers, .listeners])
    }

    func testTwoColumnsFoldBandsTogetherAndAPaneTakesItsPartnersWidth() {
        let layout = Layout.compute(width: 80, height: 17)
        XCTAssertEqual(layout.visiblePanes, [.header, .states, .trend, .ports, .fileDescriptors, .advice, .footer])
        XCTAssertEqual(Layout.compute(width: 80, height: 13).visiblePanes, [.header, .ports, .advice, .footer])
        XCTAssertEqual(Layout.compute(width: 80, height: 13).frames[.ports], Rect(x: 0, y: 1, width: 80, height: 10))
    }

    func testBelowTheMinimumNothingIsPlaced() {
        XCTAssertEqual(Layout.minimumWidth, 40)
        XCTAssertEqual(Layout.minimumHeight, 10)
        XCTAssertTrue(Layout.compute(width: 39, height: 40).isTooSmall)
        XCTAssertTrue(Layout.compute(width: 120, height: 9).isTooSmall)
        XCTAssertTrue(Layout.compute(width: -5, height: -5).isTooSmall)
        XCTAssertFalse(Layout.compute(width: 40, height: 10).isTooSmall)
        XCTAssertEqual(Layout.compute(width: 40, height: 10).visiblePanes, [.header, .ports, .advice, .footer])
    }

    func testEverySizeKeepsPanesInsideTheScreenAndApart() {
        for width in 0...130 {
            for height in 0...45 {
                let layout = Layout.compute(width: width, height: height)
                let screen = Rect(x: 0, y: 0, width: width, height: height)
                let frames = Array(layout.frames.values)
                for frame in frames {
                    XCTAssertEqual(frame.intersection(screen), frame, "\(width)x\(height) \(frame)")
                    XCTAssertFalse(frame.isEmpty, "\(width)x\(height) \(frame)")
                }
                for i in frames.indices {
                    for j in frames.indices where j > i {
                        XCTAssertFalse(frames[i].intersects(frames[j]), "\(width)x\(height): \(frames[i]) and \(frames[j])")
                    }
                }
                if !layout.isTooSmall {
                    XCTAssertEqual(frames.reduce(0) { $0 + $1.width * $1.height }, width * height, "\(width)x\(height) leaves gaps")
                }
            }
        }
    }

    /// The focused pane folds last: at 60×20 every table can be focused, and a focused fd table
    /// takes the rows of the panes that fold for it.
    func testTheFocusedPaneFoldsLast() {
        XCTAssertEqual(Layout.compute(width: 60, height: 20).visiblePanes, [.header, .states, .trend, .ports, .advice, .footer])
        XCTAssertEqual(Layout.focusablePanes(width: 60, height: 20), [.ports, .fileDescriptors, .peers, .listeners])
        XCTAssertEqual(Layout.compute(width: 60, height: 20, focus: .fileDescriptors).visiblePanes,
                       [.header, .trend, .ports, .fileDescriptors, .advice, .footer])
        XCTAssertEqual(Layout.focusablePanes(width: 40, height: 10), [.ports])
        XCTAssertEqual(Layout.compute(width: 40, height: 10).hiddenTables, [])
    }
}
