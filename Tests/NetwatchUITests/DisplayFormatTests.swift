import Foundation
import NetwatchCore
@testable import NetwatchUI
import TestSupport
import XCTest

final class DisplayFormatTests: XCTestCase {
    /// Every value a recording can hold formats without trapping (issue 11, point 3).
    func testFormattingIsTotalAtTheTypeBounds() {
        XCTAssertEqual(DisplayFormat.compact(Int.min), "-9.2E")
        XCTAssertEqual(DisplayFormat.compact(Int64.min), "-9.2E")
        XCTAssertEqual(DisplayFormat.rate(1e300), "9223372036854775807E")
        XCTAssertEqual(DisplayFormat.percent(-1e306), "-9223372036854775808%")
        XCTAssertEqual(DisplayFormat.percent(1e306), "9223372036854775807%")
        XCTAssertEqual(DisplayFormat.duration(1e300), "9223372036854775807d")
        XCTAssertEqual(DisplayFormat.seconds(1e300), "9223372036854775807 s")
    }

    /// The values that once crashed replay, drawn on every pane, the advice list and a drill view.
    func testTheDashboardDrawsExtremeValues() {
        var snapshot = SnapshotFixtures.storm()
        snapshot.collector.timings.totalMs = .nan
        snapshot.intervalSeconds = 1e300
        snapshot.sockstat?.tw = .max
        snapshot.sysctl.tcpMaxTwBuckets = .max
        for counter in RateCounter.allCases { snapshot.rates[counter] = .some(1e300) }
        snapshot.ports.worst?.ratio = 1e306
        snapshot.ports.worst?.growthPerSecond = 1
        snapshot.ports.worst?.secondsToExhaustion = 1e300
        snapshot.ports.destinations = snapshot.ports.destinations.map { var d = $0; d.ratio = -1e306; return d }
        snapshot.peers[0].counts[.established] = .min
        var history = History(windowSeconds: 300, intervalSeconds: 1)
        history.record(snapshot)
        var model = DashboardModel.fixture(snapshot, previous: snapshot, history: history)
        let header = Dashboard.render(model, width: 120, height: 40).text()[0]
        XCTAssertTrue(header.contains("cost n/a"), header)
        model.view.adviceShown = true
        _ = Dashboard.render(model, width: 80, height: 24)
        model.view.adviceShown = false
        model.view.drill = .peer(snapshot.peers[0].address)
        _ = Dashboard.render(model, width: 80, height: 24)
    }

    func testCompactNumbers() {
        let expected: [(Int, String)] = [
            (0, "0"), (999, "999"), (1_000, "1.0k"), (1_234, "1.2k"), (12_345, "12.3k"), (99_949, "99.9k"), (99_960, "100k"),
            (123_456, "123k"), (999_499, "999k"), (999_960, "1.0M"), (-1_234, "-1.2k"), (1_048_576, "1.0M"),
            (Int.max, "9.2E"),
        ]
        for (value, text) in expected { XCTAssertEqual(DisplayFormat.compact(value), text, "\(value)") }
        XCTAssertEqual(DisplayFormat.compact(nil as Int?), "n/a")
        XCTAssertEqual(DisplayFormat.compact(nil as Int64?), "n/a")
    }

    func testTimeLeftSaysNowWhenEveryPortIsTaken() throws {
        var destination = try XCTUnwrap(SnapshotFixtures.storm().ports.destinations.first)
        destination.growthPerSecond = 100
        destination.secondsToExhaustion = 16.4
        XCTAssertEqual(DisplayFormat.timeLeft(destination), "16s")
        destination.growthPerSecond = 0
        destination.secondsToExhaustion = nil
        XCTAssertEqual(DisplayFormat.timeLeft(destination), "never")
        destination.growthPerSecond = nil
        XCTAssertEqual(DisplayFormat.timeLeft(destination), "n/a")
        destination.used = destination.usable
        XCTAssertEqual(DisplayFormat.timeLeft(destination), "full", "full even when no longer growing")
    }

    func testRatesAndChanges() {
        XCTAssertEqual([0, 3, 3.46, 9.94, 412.4, 999, 12_345].map { DisplayFormat.rate($0) }, ["0", "3", "3.5", "9.9", "412", "999", "12.3k"])
        XCTAssertEqual(DisplayFormat.rate(nil), "n/a")
        XCTAssertEqual(DisplayFormat.rate(.infinity), "n/a")
        XCTAssertEqual(DisplayFormat.perSecond(2_400), "2.4k/s")
        XCTAssertEqual(DisplayFormat.perSecond(nil), "n/a")
        XCTAssertEqual([120, -1, -3.5, 0.01, 0].map { DisplayFormat.change($0) }, ["+120/s", "-1/s", "-3.5/s", "0/s", "0/s"])
        XCTAssertEqual(DisplayFormat.change(nil), "n/a")
    }

    func testPercentRoundsDownSoAThresholdIsNeverShownEarly() {
        XCTAssertEqual([0, 0.6999, 0.7, 0.8999, 0.9316, 1, 1.04].map { DisplayFormat.percent($0) },
                       ["0%", "69%", "70%", "89%", "93%", "100%", "104%"])
        XCTAssertEqual(DisplayFormat.percent(nil), "n/a")
    }

    func testDurationsAndIntervals() {
        XCTAssertEqual([0.5, 1, 45, 59.9, 61, 7_200, 90_000].map { DisplayFormat.duration($0) },
                       ["<1s", "1s", "45s", "59s", "1m", "2h", "1d"])
        XCTAssertEqual(DisplayFormat.seconds(0.5), "0.5 s")
        XCTAssertEqual(DisplayFormat.seconds(2), "2 s")
    }

    func testClockEndpointsAndFitting() {
        XCTAssertEqual(DisplayFormat.clock(Date(timeIntervalSince1970: 3_723), timeZone: .utc), "01:02:03")
        XCTAssertEqual(DisplayFormat.endpoint(IPAddress("10.0.0.1")!, 80), "10.0.0.1:80")
        XCTAssertEqual(DisplayFormat.endpoint(IPAddress("2001:db8::1")!, 443), "[2001:db8::1]:443")
        XCTAssertEqual(DisplayFormat.fit("node_exporter", 8, ellipsis: "…"), "node_ex…")
        XCTAssertEqual(DisplayFormat.fit("node_exporter", 8, ellipsis: "~"), "node_ex~")
        XCTAssertEqual(DisplayFormat.fit("short", 8, ellipsis: "…"), "short")
        XCTAssertEqual(DisplayFormat.fit("abc", 1, ellipsis: "…"), "a")
        XCTAssertEqual(DisplayFormat.fit("abc", 0, ellipsis: "…"), "")
    }

    func testSeverityThresholds() {
        XCTAssertEqual([nil, 0, 0.6999, 0.7, 0.8999, 0.9, 1.5].map { Severity(ratio: $0) },
                       [.normal, .normal, .normal, .warning, .warning, .critical, .critical])
    }
}
