import Foundation
import NetwatchCore
import TestSupport
import XCTest

final class HistoryTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_000)

    private func ring(capacity: Int, values: [Double?]) -> TimeSeriesRing {
        var ring = TimeSeriesRing(capacity: capacity)
        for (i, value) in values.enumerated() { ring.append(HistoryPoint(time: start.addingTimeInterval(Double(i)), value: value)) }
        return ring
    }

    func testCapacityFromWindowAndInterval() {
        XCTAssertEqual(History.capacity(windowSeconds: 300, intervalSeconds: 1), 300)
        XCTAssertEqual(History.capacity(windowSeconds: 300, intervalSeconds: 0.5), 600)
        XCTAssertEqual(History.capacity(windowSeconds: 10, intervalSeconds: 3), 4)
        XCTAssertEqual(History.capacity(windowSeconds: 1, intervalSeconds: 10), 1)
        XCTAssertEqual(History.capacity(windowSeconds: 300, intervalSeconds: 0), 1)
        XCTAssertEqual(History.capacity(windowSeconds: -5, intervalSeconds: 1), 1)
        XCTAssertEqual(History.capacity(windowSeconds: .nan, intervalSeconds: 1), 1)
        XCTAssertEqual(History(windowSeconds: 60, intervalSeconds: 2).capacity, 30)
        XCTAssertEqual(TimeSeriesRing(capacity: 0).capacity, 1)
    }

    func testRingKeepsTheNewestPointsOldestFirst() {
        let ring = ring(capacity: 3, values: [1, 2, 3, 4, 5])
        XCTAssertEqual(ring.count, 3)
        XCTAssertEqual(ring.points.map(\.value), [3, 4, 5])
        XCTAssertEqual(ring.points.map(\.time), [2, 3, 4].map { start.addingTimeInterval($0) })
        XCTAssertEqual(ring[0].value, 3)
        XCTAssertEqual(ring.latest?.value, 5)
    }

    func testRingBeforeItIsFull() {
        let ring = ring(capacity: 4, values: [7, 8])
        XCTAssertEqual(ring.points.map(\.value), [7, 8])
        XCTAssertEqual(TimeSeriesRing(capacity: 4).points, [])
        XCTAssertNil(TimeSeriesRing(capacity: 4).latest)
        XCTAssertNil(TimeSeriesRing(capacity: 4).peak)
    }

    func testRingNeverGrowsBeyondItsCapacity() {
        let ring = ring(capacity: 300, values: (0..<10_000).map(Double.init))
        XCTAssertEqual(ring.count, 300)
        XCTAssertEqual(ring.points.first?.value, 9_700)
        XCTAssertEqual(ring.points.last?.value, 9_999)
    }

    func testSuffix() {
        let ring = ring(capacity: 4, values: [1, 2, 3, 4, 5, 6])
        XCTAssertEqual(ring.suffix(2).map(\.value), [5, 6])
        XCTAssertEqual(ring.suffix(0).map(\.value), [])
        XCTAssertEqual(ring.suffix(-1).map(\.value), [])
        XCTAssertEqual(ring.suffix(10).map(\.value), [3, 4, 5, 6])
    }

    func testPeakIsOverTheWindowAndIgnoresUnknownValues() {
        XCTAssertEqual(ring(capacity: 3, values: [9, 1, nil]).peak, 9)
        XCTAssertEqual(ring(capacity: 3, values: [9, 1, nil, 2]).peak, 2)
        XCTAssertNil(ring(capacity: 3, values: [nil, nil]).peak)
        XCTAssertEqual(ring(capacity: 3, values: [4, nil]).latest, HistoryPoint(time: start.addingTimeInterval(1), value: nil))
    }

    func testRecordReadsEachSeriesFromASnapshot() {
        var history = History(windowSeconds: 60, intervalSeconds: 1)
        history.record(SnapshotFixtures.storm())
        XCTAssertEqual(history.latest(.timeWait), 28_100)
        XCTAssertEqual(history.latest(.connectsPerSecond), 2_220)
        XCTAssertEqual(history.latest(.acceptsPerSecond), 180)
        XCTAssertEqual(history.latest(.resetsPerSecond), 19)
        XCTAssertEqual(history.latest(.timeWaitOverflowPerSecond), 0)
        XCTAssertEqual(history[.timeWait].latest?.time, SnapshotFixtures.takenAt)
    }

    func testUnknownInputsAreRecordedAsGapsNotZeros() {
        var history = History(windowSeconds: 60, intervalSeconds: 1)
        history.record(SnapshotFixtures.missingData())
        for series in HistorySeries.allCases {
            XCTAssertEqual(history[series].count, 1, "\(series)")
            XCTAssertNil(history.latest(series), "\(series)")
        }
    }

    func testPeakAndLatestPerSeries() {
        let history = SnapshotFixtures.stormHistory()
        XCTAssertEqual(history[.timeWait].count, 300)
        XCTAssertEqual(history.peak(.timeWait), 29_400)
        XCTAssertEqual(history.latest(.timeWait), 28_100)
        XCTAssertEqual(history.peak(.connectsPerSecond), 2_220)
    }

    func testRescaledKeepsTheNewestPointsThatFit() {
        var history = History(windowSeconds: 10, intervalSeconds: 1)
        for i in 0..<10 { history.append(HistoryPoint(time: start.addingTimeInterval(Double(i)), value: Double(i)), to: .timeWait) }
        let coarser = history.rescaled(intervalSeconds: 2)
        XCTAssertEqual(coarser.capacity, 5)
        XCTAssertEqual(coarser.intervalSeconds, 2)
        XCTAssertEqual(coarser[.timeWait].points.map(\.value), [5, 6, 7, 8, 9])
        XCTAssertEqual(coarser[.connectsPerSecond].count, 0)
        XCTAssertEqual(history.rescaled(intervalSeconds: 0.5)[.timeWait].points.map(\.value), (0..<10).map(Double.init))
    }

    func testJSON() {
        var history = History(windowSeconds: 2, intervalSeconds: 1)
        history.append(HistoryPoint(time: start, value: 5), to: .timeWait)
        history.append(HistoryPoint(time: start.addingTimeInterval(1), value: nil), to: .timeWait)
        history.append(HistoryPoint(time: start, value: 1.5), to: .connectsPerSecond)
        XCTAssertEqual(history.jsonValue.serialized(), """
            {"window_s":2,"interval_s":1,"bucket_s":10,"series":{"time_wait":[{"t":"1970-01-01T00:16:40.000Z","v":5},\
            {"t":"1970-01-01T00:16:41.000Z","v":null}],"connects_per_s":[{"t":"1970-01-01T00:16:40.000Z","v":1.5}],"accepts_per_s":[],\
            "resets_per_s":[],"time_wait_overflow_per_s":[],"listen_overflows_per_s":[],"retrans_per_s":[],"system_fds":[],"conntrack":[],"worst_port_ratio":[],"established":[],"syn_sent":[],"syn_recv":[],"fin_wait1":[],"fin_wait2":[],"state_time_wait":[],"close_wait":[],"last_ack":[],"closing":[]}}
            """)
    }
}

final class HistoryScopeTests: XCTestCase {
    private let start = Date(timeIntervalSince1970: 1_000)

    func testAFilteredSnapshotStartsItsScopesTimeWaitSeries() throws {
        var history = History(windowSeconds: 60, intervalSeconds: 1)
        history.record(SnapshotFixtures.storm())
        XCTAssertEqual(history.scopes, [])
        var filtered = SnapshotFixtures.storm()
        filtered.filter = try PortSet.parse("443,80")
        history.record(filtered)
        XCTAssertEqual(history.scopes, ["80,443"])
        XCTAssertEqual(history.timeWait(scope: "80,443")?.points.map(\.value), [28_100])
        XCTAssertEqual(history[.timeWait].count, 2)
        XCTAssertNil(history.timeWait(scope: "443"))
    }

    func testADrillWithoutAFilterUsesItsPortAndAPeerDrillHasNoScope() {
        var snapshot = SnapshotFixtures.storm()
        snapshot.drill = .serverPort(8080)
        XCTAssertEqual(History.scope(of: snapshot), "8080")
        snapshot.drill = .peer(SnapshotFixtures.database)
        XCTAssertNil(History.scope(of: snapshot))
        // Collection narrows to the drill's port, so its counts belong to that port's series;
        // a peer drill spans ports and keeps the filter's.
        XCTAssertEqual(History.scope(filter: try? PortSet.parse("22"), drill: .serverPort(8080)), "8080")
        XCTAssertEqual(History.scope(filter: try? PortSet.parse("22"), drill: .peer(SnapshotFixtures.database)), "22")
    }

    func testScopesAreBoundedAndTheLeastRecentlyRecordedGoesFirst() {
        var history = History(windowSeconds: 3, intervalSeconds: 1)
        for (i, scope) in ["1", "2", "3", "4", "1", "5"].enumerated() {
            history.append(HistoryPoint(time: start.addingTimeInterval(Double(i)), value: Double(i)), toScope: scope)
        }
        XCTAssertEqual(History.scopeLimit, 4)
        XCTAssertEqual(history.scopes, ["3", "4", "1", "5"])
        XCTAssertNil(history.timeWait(scope: "2"))
        XCTAssertEqual(history.timeWait(scope: "1")?.points.map(\.value), [0, 4])
        for i in 0..<10 { history.append(HistoryPoint(time: start, value: Double(i)), toScope: "5") }
        XCTAssertEqual(history.timeWait(scope: "5")?.count, 3)
        XCTAssertEqual(history.rescaled(intervalSeconds: 3).timeWait(scope: "5")?.points.map(\.value), [9])
        XCTAssertEqual(history.rescaled(intervalSeconds: 3).scopes, history.scopes)
    }

    /// Each snapshot records the open fds of its fd table's first processes and of a drilled
    /// one; at most ``History/processLimit`` processes are kept, the least recently recorded
    /// dropped first.
    func testOpenFilesOfTheBusiestAndTheDrilledProcesses() {
        var history = History(windowSeconds: 60, intervalSeconds: 1)
        var snapshot = SnapshotFixtures.storm()
        snapshot.fds.processes = (1...10).map {
            ProcessFDUsage(process: ProcessIdentity(pid: Int32($0), command: "p\($0)"), open: $0 * 100, limit: OpenFileLimit(soft: 2_000, hard: nil))
        }
        history.record(snapshot)
        XCTAssertEqual(History.processLimit, 8)
        XCTAssertEqual(history.processes, Array(1...8))
        snapshot.drill = .process(pid: 10)
        snapshot.takenAt += 1
        history.record(snapshot)
        XCTAssertEqual(history.processes, [10] + Array(1...7))
        XCTAssertEqual(history.openFiles(pid: 10)?.points.map(\.value), [1_000])
        XCTAssertEqual(history.openFiles(pid: 7)?.points.map(\.value), [700, 700])
        XCTAssertNil(history.openFiles(pid: 8))
        XCTAssertEqual(history.rescaled(intervalSeconds: 2).processes, history.processes)
        // One process leaving the first eight drops its series alone; the others go on.
        snapshot.drill = nil
        snapshot.fds.processes.removeFirst()
        snapshot.takenAt += 1
        history.record(snapshot)
        XCTAssertEqual(history.processes, [2, 3, 4, 5, 6, 7, 8, 9])
        XCTAssertEqual(history.openFiles(pid: 2)?.points.map(\.value), [200, 200, 200])
        XCTAssertNil(history.openFiles(pid: 10))
    }

    func testJSONCarriesScopedSeriesUnderSeries() {
        var history = History(windowSeconds: 2, intervalSeconds: 1)
        history.append(HistoryPoint(time: start, value: 5), toScope: "443")
        XCTAssertEqual(history.jsonValue.serialized(), """
            {"window_s":2,"interval_s":1,"bucket_s":10,"series":{"time_wait":[],"connects_per_s":[],"accepts_per_s":[],"resets_per_s":[],\
            "time_wait_overflow_per_s":[],"listen_overflows_per_s":[],"retrans_per_s":[],"system_fds":[],"conntrack":[],"worst_port_ratio":[],"established":[],"syn_sent":[],"syn_recv":[],"fin_wait1":[],"fin_wait2":[],"state_time_wait":[],"close_wait":[],"last_ack":[],"closing":[],"time_wait:443":[{"t":"1970-01-01T00:16:40.000Z","v":5}]}}
            """)
    }
}
