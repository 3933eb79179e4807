import Foundation
import NetwatchCore
@testable import NetwatchUI
import TestSupport
import XCTest

/// The TIME_WAIT chart's pieces: columns placed by time, the value scale, the time axis, the
/// sparkline, and the trend pane drawn whole at several sizes (`__Snapshots__/trend-pane-*.txt`).
final class TimeSeriesChartTests: XCTestCase {
    private let now = SnapshotFixtures.takenAt

    /// Points `ages` seconds before ``now`` (oldest first) with `values`.
    private func points(_ ages: [Double], _ values: [Double?]) -> [HistoryPoint] {
        zip(ages, values).map { HistoryPoint(time: now.addingTimeInterval(-$0), value: $1) }
    }

    /// `values` one second apart, the last at ``now``.
    private func everySecond(_ values: [Double?]) -> [HistoryPoint] {
        points((0..<values.count).reversed().map(Double.init), values)
    }

    // MARK: Columns by time

    func testShortDataFillsFromTheRightOneColumnPerInterval() {
        let columns = TimeColumns(everySecond([1, 2, 3]), now: now, intervalSeconds: 1, width: 5)
        XCTAssertEqual(columns.values, [nil, nil, 1, 2, 3])
        XCTAssertEqual(columns.spanSeconds, 5)
        let slower = TimeColumns(points([4, 2, 0], [1, 2, 3]), now: now, intervalSeconds: 2, width: 4)
        XCTAssertEqual(slower.values, [nil, 1, 2, 3])
        XCTAssertEqual(slower.spanSeconds, 8)
    }

    func testLongDataStretchesTheSpanAndKeepsTheMaximumOfEachColumn() {
        let columns = TimeColumns(everySecond((1...10).map(Double.init)), now: now, intervalSeconds: 1, width: 4)
        XCTAssertEqual(columns.spanSeconds, 10)
        XCTAssertEqual(columns.secondsPerColumn, 2.5)
        // Column edges at 2.5 s: the point of 8 (ages 2…3) straddles two columns and counts in both.
        XCTAssertEqual(columns.values, [3, 5, 8, 10])
        let spike = TimeColumns(everySecond([1, 1, 1, 90, 1, 1, 1, 1]), now: now, intervalSeconds: 1, width: 2)
        XCTAssertEqual(spike.values, [90, 1])
    }

    func testCoarseBucketsCoverTheirWholeBucketBesideRawPoints() {
        // 10 s buckets up to 10 s ago, then raw 1 s points; 5 s per column.
        let ages: [Double] = [39, 30, 20, 10] + (0...9).reversed().map(Double.init)
        let values: [Double?] = [7, 50, 3, 4] + [1, 1, 1, 1, 9, 1, 1, 1, 1, 1]
        let columns = TimeColumns(points(ages, values), now: now, intervalSeconds: 1, width: 8)
        XCTAssertEqual(columns.spanSeconds, 40)
        XCTAssertEqual(columns.values, [50, 50, 3, 3, 4, 4, 9, 1])
    }

    func testUnknownValuesLeaveGapsNeverZeros() {
        XCTAssertEqual(TimeColumns(everySecond([1, nil, nil, 4]), now: now, intervalSeconds: 1, width: 4).values, [1, nil, nil, 4])
        XCTAssertEqual(TimeColumns(everySecond([1, 2, nil, nil, nil, nil, 7, 8]), now: now, intervalSeconds: 1, width: 4).values,
                       [2, nil, nil, 8])
        XCTAssertEqual(TimeColumns(everySecond([nil, 0]), now: now, intervalSeconds: 1, width: 3).values, [nil, nil, 0])
        XCTAssertEqual(TimeColumns([], now: now, intervalSeconds: 1, width: 3).values, [nil, nil, nil])
        XCTAssertEqual(TimeColumns(everySecond([1, 2]), now: now, intervalSeconds: 1, width: 0).values, [])
    }

    func testPointsFarOutsideTheSpanAndOddIntervals() {
        // Out of order: the distant past lies far outside a span of two milliseconds.
        let wild = [HistoryPoint(time: now, value: 5), HistoryPoint(time: .distantPast, value: 9)]
        XCTAssertEqual(TimeColumns(wild, now: now, intervalSeconds: 1e-300, width: 2).values, [nil, 5])
        XCTAssertEqual(TimeColumns(everySecond([1, 2]), now: now, intervalSeconds: .nan, width: 2).values, [1, 2])
    }

    func testColumnOfAnAge() {
        let columns = TimeColumns(everySecond((1...10).map(Double.init)), now: now, intervalSeconds: 1, width: 4)
        XCTAssertEqual(columns.column(secondsAgo: 0), 3)
        XCTAssertEqual(columns.column(secondsAgo: 2.5), 2)
        XCTAssertEqual(columns.column(secondsAgo: 9.9), 0)
        XCTAssertNil(columns.column(secondsAgo: 10))
        XCTAssertNil(columns.column(secondsAgo: -1))
    }

    // MARK: Value scale

    func testScaleTopIsTheRoundNumberAtOrAboveTheLargestValue() {
        let tops = [29_400, 32_768, 327.68, 10, 7, 1, 101, 0.3, 0].map { ValueScale(covering: $0).top }
        XCTAssertEqual(tops, [30_000, 40_000, 400, 10, 8, 1, 200, 0.3, 1])
    }

    func testTicksByHeight() {
        let scale = ValueScale(covering: 32_768)
        XCTAssertEqual(scale.ticks(height: 11), [.init(row: 10, label: "40k"), .init(row: 5, label: "20k"), .init(row: 0, label: "0")])
        XCTAssertEqual(scale.ticks(height: 4), [.init(row: 3, label: "40k"), .init(row: 2, label: "20k"), .init(row: 0, label: "0")])
        XCTAssertEqual(scale.ticks(height: 2), [.init(row: 1, label: "40k"), .init(row: 0, label: "0")])
        XCTAssertEqual(scale.ticks(height: 1), [.init(row: 0, label: "40k")])
        XCTAssertEqual(scale.ticks(height: 0), [])
        XCTAssertEqual(ValueScale(covering: 2_900).ticks(height: 3).map(\.label), ["3k", "1.5k", "0"])
        XCTAssertEqual(ValueScale(covering: 1.2e6).ticks(height: 3).map(\.label), ["2M", "1M", "0"])
        XCTAssertEqual(ValueScale(covering: 0.9).ticks(height: 3).map(\.label), ["1", "0.5", "0"])
        XCTAssertEqual(ValueScale(covering: 3e19).ticks(height: 3).map(\.label), ["30E", "15E", "0"])
    }

    // MARK: Time axis

    /// The labels written into a line `width` columns wide.
    private func axis(span ages: Double, width: Int) -> String {
        let columns = TimeColumns(points([ages - 1], [1]), now: now, intervalSeconds: 1, width: width)
        var line = Array(repeating: Character(" "), count: width)
        for label in TimeAxis.labels(for: columns) {
            for (offset, character) in label.text.enumerated() { line[label.column - label.text.count + 1 + offset] = character }
        }
        return String(line)
    }

    func testTimeAxisLabelsAtRoundSteps() {
        XCTAssertEqual(axis(span: 60, width: 60), "      -50s      -40s      -30s      -20s      -10s       now")
        XCTAssertEqual(axis(span: 60, width: 20), "      -30s       now")
        XCTAssertEqual(axis(span: 300, width: 30), "   -4m   -3m   -2m   -1m   now")
        XCTAssertEqual(axis(span: 900, width: 40), "          -10m          -5m          now")
        XCTAssertEqual(axis(span: 21_600, width: 40), "    -5h    -4h   -3h    -2h    -1h   now")
        XCTAssertEqual(axis(span: 300, width: 6), "   now")
        XCTAssertEqual(axis(span: 300, width: 2), "  ")
    }

    // MARK: Sparkline

    func testSparklineScalesToItsPeakAndLeavesZeroAndGapsBlank() {
        let line = Sparkline(points: everySecond([0, 1, 2, 4, 8, nil, 8]), now: now, intervalSeconds: 1)
        XCTAssertEqual(line.text(width: 8, glyphs: .unicode), "  ▁▂▄█ █")
        XCTAssertEqual(line.text(width: 8, glyphs: .ascii), "  .-=# #")
        XCTAssertEqual(line.text(width: 0, glyphs: .unicode), "")
    }

    func testASparklineFloorKeepsASteadyTrickleLow() {
        let trickle = everySecond([2, 2, 2, 2])
        XCTAssertEqual(Sparkline(points: trickle, now: now, intervalSeconds: 1).text(width: 4, glyphs: .unicode), "████")
        XCTAssertEqual(Sparkline(points: trickle, now: now, intervalSeconds: 1, minimumTop: 10).text(width: 4, glyphs: .unicode), "▂▂▂▂")
        XCTAssertEqual(Sparkline(points: everySecond([5, 20]), now: now, intervalSeconds: 1, minimumTop: 10).text(width: 2, glyphs: .unicode),
                       "▂█", "above the floor the peak sets the scale")
    }

    // MARK: The pane

    /// 15 minutes of TIME_WAIT: 10 s buckets up to 2 minutes ago, then one point a second, with
    /// a spike 7 minutes ago, a gap of a minute 4 minutes ago and a climb at the end.
    private func craftedHistory(scale: Double) -> History {
        var history = History(windowSeconds: 900, intervalSeconds: 1)
        var ages = stride(from: 890.0, to: 120, by: -10).map { $0 }
        ages += (0..<120).reversed().map(Double.init)
        for age in ages {
            let time = now.addingTimeInterval(-age)
            let value: Double? = switch age {
            case 420: 30_000
            case 180..<240: nil
            case ..<60: 8_000 + (60 - age) * 335
            default: 4_000 + age.truncatingRemainder(dividingBy: 50) * 20
            }
            history.append(HistoryPoint(time: time, value: value.map { $0 * scale }), to: .stateTimeWait)
            history.append(HistoryPoint(time: time, value: age < 60 ? 2_000 + (60 - age) * 30 : 300), to: .connectsPerSecond)
        }
        return history
    }

    private func pane(_ model: DashboardModel, width: Int, height: Int) -> ScreenBuffer {
        var buffer = ScreenBuffer(width: width, height: height)
        TrendPane.draw(model, in: buffer.bounds, focused: false, on: &buffer)
        return buffer
    }

    func testPaneAtSeveralWidthsWithTheLimitInView() {
        for glyphs in GlyphMode.allCases {
            let model = DashboardModel.fixture(SnapshotFixtures.storm(), previous: SnapshotFixtures.stormPrevious(),
                                               history: craftedHistory(scale: 1), glyphs: glyphs)
            XCTAssertEqual(TrendPane.chart(model).reference, 32_768)
            for (width, height) in [(40, 9), (80, 12), (120, 16)] {
                let buffer = pane(model, width: width, height: height)
                assertTextSnapshot(buffer, named: "trend-pane-\(glyphs.rawValue)-\(width)x\(height)")
                if glyphs == .ascii {
                    XCTAssertTrue(buffer.text().joined().unicodeScalars.allSatisfy(\.isASCII), "\(width)x\(height) is ASCII only")
                }
            }
        }
    }

    func testPaneWithTheLimitOutOfView() {
        let model = DashboardModel.fixture(SnapshotFixtures.storm(), previous: SnapshotFixtures.stormPrevious(),
                                           history: craftedHistory(scale: 0.1))
        XCTAssertNil(TrendPane.chart(model).reference)
        assertTextSnapshot(pane(model, width: 80, height: 12), named: "trend-pane-below-limit-80x12")
    }

    /// Column and row of the first cell of `text` on screen (columns count scalars).
    private func locate(_ text: String, in buffer: ScreenBuffer) -> (x: Int, y: Int)? {
        for (y, row) in buffer.text().enumerated() {
            if let range = row.range(of: text) {
                return (row.unicodeScalars.distance(from: row.unicodeScalars.startIndex, to: range.lowerBound), y)
            }
        }
        return nil
    }

    func testPaneRolesForPeakAndReference() throws {
        let model = DashboardModel.fixture(SnapshotFixtures.storm(), history: craftedHistory(scale: 1))
        let buffer = pane(model, width: 80, height: 12)
        let marker = try XCTUnwrap(locate("▲", in: buffer), "▲ on screen")
        XCTAssertEqual(buffer[marker.x, marker.y]?.role, .chartPeak)
        XCTAssertEqual(buffer[marker.x, marker.y - 1]?.role, .chartPeak, "the peak column above the marker")
        XCTAssertEqual(buffer[74, marker.y - 1]?.role, .chart, "the newest column, below the peak")
        let name = try XCTUnwrap(locate(" max", in: buffer), " max on screen")
        XCTAssertEqual(buffer[name.x + 1, name.y]?.role, .referenceLine)
        XCTAssertEqual(buffer[5, name.y]?.role, .referenceLine)
    }

    func testPaneByHeight() {
        let model = DashboardModel.storm()
        XCTAssertEqual(pane(model, width: 40, height: 3).text(),
                       ["┌ TIME_WAIT trend ─────────────────────┐", "│now 28,100  peak 29,280  max 32,768   │",
                        "└──────────────────────────────────────┘"])
        XCTAssertEqual(pane(model, width: 40, height: 4).text()[2], "│con/s ▁▁▁▁███████ 2.2k  acc 180  ovf 0│")
        XCTAssertEqual(pane(model, width: 40, height: 5).text()[2], "│40k┤▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▁▂▂▃▃▄▄▅▅▅▅▅▅▅▅ max│")
        XCTAssertFalse(pane(model, width: 40, height: 6).text().joined().contains("now│"), "two chart rows: no time axis")
        XCTAssertEqual(pane(model, width: 40, height: 7).text()[4], "│       -4m   -3m   -2m   -1m ▲ now    │")
        XCTAssertEqual(pane(model, width: 22, height: 4).text()[2], "│connects 2.2k/s     │")
    }

    func testOverflowIsCriticalOnTheChurnRow() throws {
        var snapshot = SnapshotFixtures.storm()
        snapshot.rates[.timeWaitOverflow] = 3
        let buffer = pane(.fixture(snapshot, history: SnapshotFixtures.stormHistory()), width: 80, height: 12)
        let overflow = try XCTUnwrap(locate("ovf 3", in: buffer), "ovf 3 on screen")
        XCTAssertEqual(buffer[overflow.x + 4, overflow.y]?.role, .critical)
        XCTAssertEqual(buffer[overflow.x, overflow.y]?.role, .label)
    }

    func testPaneNeverDrawsOutsideItsRectangle() {
        let model = DashboardModel.fixture(SnapshotFixtures.storm(), history: craftedHistory(scale: 1), glyphs: .ascii)
        for width in 0...90 {
            for height in 0...14 {
                var buffer = ScreenBuffer(width: width + 2, height: height + 2)
                TrendPane.draw(model, in: Rect(x: 1, y: 1, width: width, height: height), focused: true, on: &buffer)
                let rows = buffer.text()
                XCTAssertEqual(rows.first, "", "\(width)x\(height)")
                XCTAssertEqual(rows.last, "", "\(width)x\(height)")
                XCTAssertTrue(rows.allSatisfy { !$0.hasPrefix("|") && !$0.hasPrefix("+") && !$0.hasPrefix("-") && $0.count <= width + 1 },
                              "\(width)x\(height)")
            }
        }
    }
}
