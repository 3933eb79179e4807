import Foundation
import NetwatchCore
import TestSupport
import XCTest

final class NDJSONLineSplitterTests: XCTestCase {
    func testLinesAreCutAtNewlinesAcrossChunksAndTheRestWaits() {
        var splitter = NDJSONLineSplitter()
        XCTAssertEqual(splitter.feed(Array("{\"a\":1}\n{\"b\"".utf8)), [.init(offset: 0, length: 7)])
        XCTAssertEqual(splitter.tornLine, .init(offset: 8, length: 4))
        XCTAssertEqual(splitter.feed(Array(":2}\n\n".utf8)), [.init(offset: 8, length: 7), .init(offset: 16, length: 0)])
        XCTAssertNil(splitter.tornLine)
        XCTAssertEqual(splitter.streamLength, 17)
    }
}

final class ReplayTimelineTests: XCTestCase {
    /// A frame of the storm fixture taken `second` seconds after the fixture's time, with
    /// TIME_WAIT (sockstat) `tw`.
    private func frame(_ second: Double, tw: Int = 100, interval: Double? = 1) -> ReplayFrame {
        var snapshot = SnapshotFixtures.storm()
        snapshot.takenAt = SnapshotFixtures.takenAt.addingTimeInterval(second)
        snapshot.sockstat?.tw = tw
        snapshot.intervalSeconds = interval
        return ReplayFrame(line: .init(offset: Int(second) * 10, length: 9), snapshot: snapshot)
    }

    private func timeline(frames seconds: [Double], following: Bool = false) -> ReplayTimeline {
        var timeline = ReplayTimeline(following: following)
        for second in seconds { timeline.append(frame(second), now: 0) }
        return timeline
    }

    func testAFileStartsAtItsFirstFrameAndAPipeFollowsTheNewest() {
        XCTAssertEqual(timeline(frames: [0, 1, 2]).position, 0)
        var pipe = timeline(frames: [0, 1, 2], following: true)
        XCTAssertEqual(pipe.position, 2)
        pipe.append(frame(3), now: 0)
        XCTAssertEqual(pipe.position, 3)
    }

    func testSteppingStopsAtTheEndsAndFollowingResumesOnTheNewest() {
        var replay = timeline(frames: [0, 1, 2], following: true)
        replay.step(by: -1, now: 0)
        XCTAssertEqual([replay.position], [1])
        XCTAssertFalse(replay.following)
        replay.append(frame(3), now: 0)
        XCTAssertEqual(replay.position, 1, "stepped back: new frames do not move the view")
        replay.home(now: 0)
        replay.step(by: -1, now: 0)
        XCTAssertEqual(replay.position, 0)
        replay.end(now: 0)
        XCTAssertEqual(replay.position, 3)
        XCTAssertTrue(replay.following)
        replay.append(frame(4), now: 0)
        XCTAssertEqual(replay.position, 4)
    }

    func testPlayingAdvancesByTheRecordedGapsAtTheChosenSpeed() {
        var replay = timeline(frames: [0, 1, 3, 103])
        replay.togglePlaying(now: 10)
        XCTAssertEqual(replay.nextAdvance, 11)
        XCTAssertFalse(replay.advance(now: 10.9))
        XCTAssertTrue(replay.advance(now: 11))
        XCTAssertEqual(replay.position, 1)
        replay.changeSpeed(faster: true, now: 11)
        XCTAssertEqual(replay.speed, 2)
        XCTAssertEqual(replay.nextAdvance, 12, "a 2 s gap at 2× takes 1 s")
        XCTAssertTrue(replay.advance(now: 12))
        XCTAssertEqual(replay.nextAdvance, 12 + ReplayTimeline.longestWait, "a 100 s gap is not sat through")
        XCTAssertTrue(replay.advance(now: 14))
        XCTAssertNil(replay.nextAdvance, "the newest frame: wait for more")
        replay.togglePlaying(now: 14)
        XCTAssertFalse(replay.playing)
    }

    func testSpeedStepsStopAtBothEnds() {
        var replay = timeline(frames: [0])
        for _ in 0..<20 { replay.changeSpeed(faster: false, now: 0) }
        XCTAssertEqual(replay.speed, 0.25)
        for _ in 0..<20 { replay.changeSpeed(faster: true, now: 0) }
        XCTAssertEqual(replay.speed, 64)
    }

    func testHistoryAtThePositionHoldsTheFramesWithinTheWindow() {
        var replay = ReplayTimeline(following: false)
        for second in 0..<100 { replay.append(frame(Double(second), tw: second), now: 0) }
        replay.step(by: 49, now: 0)
        let history = replay.history(windowSeconds: 30)
        XCTAssertEqual(history[.timeWait].points.map(\.value), (20...49).map(Double.init))
        XCTAssertEqual(history.intervalSeconds, 1)
    }

    func testIntervalFallsBackToTheGapBetweenFrames() {
        var replay = ReplayTimeline(following: false)
        replay.append(frame(0, interval: nil), now: 0)
        XCTAssertEqual(replay.intervalSeconds, 1)
        replay.append(frame(0.2034, interval: nil), now: 0)
        XCTAssertEqual(replay.intervalSeconds, 0.2)
        replay.append(frame(2.5, interval: 2.2968), now: 0)
        replay.end(now: 0)
        XCTAssertEqual(replay.intervalSeconds, 2.3)
    }

    func testSkippedLinesAreCountedWithTheLastReason() {
        var replay = timeline(frames: [0])
        replay.skip(lineNumber: 2, reason: "not JSON")
        replay.skip(lineNumber: 5, reason: "taken_at: expected a string")
        XCTAssertEqual(replay.skippedLines, 2)
        XCTAssertEqual(replay.lastSkip, "line 5: taken_at: expected a string")
        replay.unskip()
        replay.unskip()
        XCTAssertEqual(replay.skippedLines, 0)
        XCTAssertNil(replay.lastSkip)
    }
}

final class SnapshotNarrowedTests: XCTestCase {
    func testAFilterNarrowsTheRecordedTablesAndLeavesCountsAsRecorded() throws {
        let storm = SnapshotFixtures.storm()
        // 5432 is the database's remote port; 443 is also a local listener and a local port.
        let filter = try PortSet.parse("443,5432")
        let narrowed = storm.narrowed(filter: filter, drill: nil)
        XCTAssertEqual(narrowed.filter, filter)
        XCTAssertEqual(narrowed.ports.destinations.map(\.remoteAddress), [SnapshotFixtures.database, SnapshotFixtures.api])
        XCTAssertEqual(narrowed.ports.destinations.map(\.remotePort), [5432, 443])
        XCTAssertEqual(narrowed.ports.destinations.map(\.used), [26_300, 400])
        XCTAssertEqual(narrowed.listeners.map(\.record), [ListenerRecord(address: IPAddress("::")!, port: 443, acceptQueue: 3,
                                                                          backlog: 4_096, inode: 1_003)])
        XCTAssertEqual(narrowed.localPorts.map(\.port), [443])
        XCTAssertEqual(narrowed.localPorts.map(\.counts), [StateCounts([.established: 1_420, .timeWait: 3, .listen: 1])])
        XCTAssertEqual(narrowed.states, storm.states)
        XCTAssertEqual(narrowed.peers, storm.peers)
        XCTAssertEqual(storm.narrowed(filter: nil, drill: nil), storm)
    }

    func testADrillTargetIsSetAndItsPortNarrowsTheSockets() {
        let drill = SnapshotFixtures.stormDrill(.serverPort(8080))
        let narrowed = drill.narrowed(filter: nil, drill: .serverPort(8080))
        XCTAssertEqual(narrowed.drill, .serverPort(8080))
        XCTAssertEqual(narrowed.sockets?.count, drill.sockets?.filter { $0.record.localPort == 8080 || $0.record.remotePort == 8080 }.count)
        XCTAssertEqual(DrillReport(snapshot: narrowed, target: .serverPort(8080)), DrillReport(snapshot: drill, target: .serverPort(8080)))
    }
}
