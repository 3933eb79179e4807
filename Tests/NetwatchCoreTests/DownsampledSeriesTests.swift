import Foundation
import NetwatchCore
import XCTest

final class DownsampledSeriesTests: XCTestCase {
    private func point(_ second: Double, _ value: Double?) -> HistoryPoint {
        HistoryPoint(time: Date(timeIntervalSince1970: second), value: value)
    }

    private func series(raw: Int = 3, coarse: Int = 2, seconds: ClosedRange<Int>) -> DownsampledSeries {
        var series = DownsampledSeries(rawCapacity: raw, coarseCapacity: coarse, bucketSeconds: 10)
        for second in seconds { series.append(point(Double(second), Double(second))) }
        return series
    }

    func testPointsLeavingTheRawRingFoldIntoAlignedBucketsKeepingTheirPeak() {
        // Seconds 0…21 left the raw ring: buckets 0–9 and 10–19 are closed, 20–21 is open.
        XCTAssertEqual(series(seconds: 0...24).points, [point(9, 9), point(19, 19), point(21, 21), point(22, 22), point(23, 23), point(24, 24)])
        // Ten seconds on, bucket 20–29 closes and the oldest bucket (0–9) is dropped.
        XCTAssertEqual(series(seconds: 0...34).points, [point(19, 19), point(29, 29), point(31, 31), point(32, 32), point(33, 33), point(34, 34)])
        XCTAssertEqual(series(seconds: 0...34).count, 6)
    }

    func testASpikeSurvivesItsBucketAndUnknownValuesAreNotZeros() {
        var spiky = DownsampledSeries(rawCapacity: 1, coarseCapacity: 4, bucketSeconds: 10)
        for (second, value) in [(0, 5.0), (1, 900), (2, nil), (3, 7), (10, nil), (11, nil), (20, 1)] as [(Double, Double?)] {
            spiky.append(point(second, value))
        }
        XCTAssertEqual(spiky.points, [point(3, 900), point(11, nil), point(20, 1)])
        XCTAssertEqual(spiky.peak, 900)
        XCTAssertEqual(spiky.latest, point(20, 1))
    }

    func testWithoutACoarseTierOldPointsAreDropped() {
        let rawOnly = series(coarse: 0, seconds: 0...24)
        XCTAssertNil(rawOnly.coarse)
        XCTAssertEqual(rawOnly.points, [point(22, 22), point(23, 23), point(24, 24)])
    }

    func testWindowSizesAtTheDefaultAndAtADay() {
        let quarter = History(windowSeconds: History.defaultWindowSeconds, intervalSeconds: 1)
        XCTAssertEqual([quarter.capacity, quarter.coarseCapacity], [900, 0])
        let day = History(windowSeconds: 24 * 3600, intervalSeconds: 1)
        XCTAssertEqual([day.capacity, day.coarseCapacity], [900, 8_550])
        XCTAssertEqual(day.bucketSeconds, 10)
        let halfSecond = History(windowSeconds: 3600, intervalSeconds: 0.5)
        XCTAssertEqual([halfSecond.capacity, halfSecond.coarseCapacity], [1_800, 270])
        XCTAssertEqual(History(windowSeconds: 3600, intervalSeconds: 30).bucketSeconds, 30)
        XCTAssertEqual(History(windowSeconds: 3600, intervalSeconds: 30).coarseCapacity, 90)
    }

    func testMemoryIsFixedByWindowAndInterval() {
        // (900 raw + 8,550 buckets + 1 open) × 16 bytes × (19 series + 4 scopes + 8 processes).
        XCTAssertEqual(HistorySeries.allCases.count, 19)
        XCTAssertEqual(History.bytes(windowSeconds: 24 * 3600, intervalSeconds: 1), 4_687_696)
        XCTAssertEqual(History.bytes(windowSeconds: 15 * 60, intervalSeconds: 1), 446_896)
        // Each hour beyond the raw span adds 360 buckets per series: 360 × 16 × 31 = 178,560 bytes.
        XCTAssertEqual(History.bytes(windowSeconds: 2 * 3600, intervalSeconds: 1) - History.bytes(windowSeconds: 3600, intervalSeconds: 1), 178_560)
    }

    func testADayAtOneSecondStaysWithinItsPoints() {
        var history = History(windowSeconds: 24 * 3600, intervalSeconds: 1)
        let seconds = 25 * 3600
        for second in 0..<seconds { history.append(point(Double(second), Double(second % 1000)), to: .timeWait) }
        let points = history[.timeWait].points
        XCTAssertEqual(points.count, 900 + 8_550 + 1)
        XCTAssertEqual(points.last, point(Double(seconds - 1), 999))
        // The oldest bucket kept (3,590–3,599 s) holds its peak at its newest second: the
        // points span exactly the day.
        XCTAssertEqual(points.first, point(3_599, 599))
        XCTAssertEqual(history.peak(.timeWait), 999)
    }

    func testRescalingToALongerIntervalFoldsWhatNoLongerFitsTheRawRing() {
        var history = History(windowSeconds: 3600, intervalSeconds: 1)
        for second in 0..<1_000 { history.append(point(Double(second), Double(second)), to: .timeWait) }
        let slower = history.rescaled(intervalSeconds: 2)
        XCTAssertEqual(slower.capacity, 450)
        let points = slower[.timeWait].points
        XCTAssertEqual(points.suffix(450).first, point(550, 550))
        XCTAssertEqual(points.prefix(2), [point(9, 9), point(19, 19)])
        XCTAssertEqual(points.count, 54 + 1 + 450)
    }

    func testDownsampledHistoryRoundTripsThroughJSON() throws {
        var history = History(windowSeconds: 3600, intervalSeconds: 1)
        for second in 0..<1_000 { history.append(point(Double(second), second % 7 == 0 ? nil : Double(second)), to: .connectsPerSecond) }
        let document = JSONValue.object([("history", history.jsonValue)])
        let decoded = try XCTUnwrap(SnapshotDecoder.history(in: document))
        XCTAssertEqual(decoded.jsonValue.serialized(), history.jsonValue.serialized())
        XCTAssertEqual(decoded, history)
    }
}
