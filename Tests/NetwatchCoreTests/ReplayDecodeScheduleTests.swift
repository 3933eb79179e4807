import NetwatchCore
import TestSupport
import XCTest

/// What a replay decodes next on its worker, driven step by step (the worker is the test).
final class ReplayDecodeScheduleTests: XCTestCase {
    typealias Schedule = ReplayDecodeSchedule<Int>

    func testTheFrameShownIsDecodedFirstThenTheOneBeforeThenIndexing() {
        var schedule = Schedule()
        XCTAssertEqual(schedule.start(unindexed: true), .index, "no frame yet: index")
        XCTAssertNil(schedule.start(unindexed: true), "one job at a time")
        XCTAssertEqual(schedule.finish(), .index)
        schedule.want([2, 1])
        XCTAssertTrue(schedule.waitingForShown)
        XCTAssertEqual(schedule.start(unindexed: true), .show(2))
        schedule.finish()
        XCTAssertFalse(schedule.waitingForShown)
        XCTAssertEqual(schedule.start(unindexed: true), .show(1))
        schedule.finish()
        XCTAssertEqual(schedule.decoded, [2, 1])
        XCTAssertEqual(schedule.start(unindexed: true), .index)
        schedule.finish()
        XCTAssertNil(schedule.start(unindexed: false), "nothing left to do")
    }

    func testAStepForwardDecodesOneLineAndABackStepKeepsTheFrameItNeeds() {
        var schedule = Schedule()
        schedule.want([2, 1])
        schedule.start(unindexed: false); schedule.finish()
        schedule.start(unindexed: false); schedule.finish()
        schedule.want([3, 2])
        XCTAssertEqual(schedule.missing, [3])
        XCTAssertEqual(schedule.start(unindexed: false), .show(3))
        schedule.finish()
        XCTAssertEqual(schedule.decoded, [2, 3])
        schedule.want([2, 1])
        XCTAssertFalse(schedule.waitingForShown, "frame 2 is still decoded")
        XCTAssertEqual(schedule.start(unindexed: false), .show(1))
        schedule.finish()
        XCTAssertEqual(schedule.decoded, [2, 1])
    }

    func testStepsDuringADecodeSupersedeItTheLatestPositionWins() {
        var schedule = Schedule()
        schedule.want([5, 4])
        XCTAssertEqual(schedule.start(unindexed: true), .show(5))
        // Three steps while line 5 decodes: lines 6 and 7 are never decoded.
        schedule.want([6, 5])
        schedule.want([7, 6])
        schedule.want([8, 7])
        XCTAssertNil(schedule.start(unindexed: true))
        XCTAssertEqual(schedule.finish(), .show(5))
        XCTAssertEqual(schedule.start(unindexed: true), .show(8))
        schedule.finish()
        XCTAssertEqual(schedule.start(unindexed: true), .show(7))
        schedule.finish()
        XCTAssertEqual(schedule.decoded, [8, 7])
        XCTAssertEqual(schedule.start(unindexed: true), .index)
    }
}

/// Indexing a recorded line without decoding its bulky lists.
final class SnapshotSkimTests: XCTestCase {
    func testTheBulkyListsAreEmptiedAndTheRestKept() throws {
        let line = #" { "schema":"netwatch.snapshot/1", "peers" : [{"a":"x]\"["},[1,2]],"n":-1.5e3,"s":"a,b}","listeners":[],"o":{"peers":[1]},"sockets":null } "#
        let skimmed = try XCTUnwrap(SnapshotSkim.skimmed(Array(line.utf8)))
        XCTAssertEqual(String(decoding: skimmed, as: UTF8.self),
                       #"{"schema":"netwatch.snapshot/1","peers":[],"n":-1.5e3,"s":"a,b}","listeners":[],"o":{"peers":[1]},"sockets":null}"#)
    }

    func testAStormLineIndexesAsTheFullDecode() throws {
        var snapshot = SnapshotFixtures.stormDrill(.serverPort(80))
        snapshot.intervalSeconds = 0.5
        let line = SnapshotEncoder.encode(snapshot).serialized()
        let skimmed = try XCTUnwrap(SnapshotSkim.skimmed(Array(line.utf8)))
        XCTAssertLessThan(skimmed.count, line.utf8.count)
        let full = ReplayFrame(line: .init(offset: 0, length: 1), snapshot: try SnapshotDecoder.decode(line))
        let fromSkim = ReplayFrame(line: .init(offset: 0, length: 1), snapshot: try SnapshotDecoder.decode(String(decoding: skimmed, as: UTF8.self)))
        XCTAssertEqual(fromSkim, full)
    }

    func testWhatIsNotOneObjectIsLeftToTheDecoder() {
        for text in ["", "  ", "[1]", #"{"a":1"#, #"{"a":1}x"#, #"{"a" 1}"#, #"{"a":"x}"#, #"{"a":[1,}"#, #"{"a":1,}"#] {
            XCTAssertNil(SnapshotSkim.skimmed(Array(text.utf8)), text)
        }
    }
}
