import NetwatchCore
import XCTest

/// When accept() results are watched on a kernel where that costs every system call: a
/// listener's owner or the host at 75 % of its limit, and 30 s after.
final class AcceptWatchPolicyTests: XCTestCase {
    func usage(_ pid: Int32, open: Int, soft: Int64?) -> ProcessFDUsage {
        ProcessFDUsage(process: ProcessIdentity(pid: pid, command: "server"), open: open, limit: OpenFileLimit(soft: soft, hard: 4096))
    }

    func testAListenersOwnerAtThreeQuartersOfItsLimitIsAtRisk() {
        XCTAssertTrue(AcceptWatchPolicy.atRisk(processes: [usage(10, open: 48, soft: 64)], listenerOwners: [10], fileNr: nil))
        XCTAssertFalse(AcceptWatchPolicy.atRisk(processes: [usage(10, open: 47, soft: 64)], listenerOwners: [10], fileNr: nil))
        XCTAssertFalse(AcceptWatchPolicy.atRisk(processes: [usage(11, open: 64, soft: 64)], listenerOwners: [10], fileNr: nil),
                       "a process without a listener cannot fail an accept()")
        XCTAssertFalse(AcceptWatchPolicy.atRisk(processes: [usage(10, open: 900_000, soft: nil)], listenerOwners: [10], fileNr: nil),
                       "no soft limit")
    }

    func testTheHostAtThreeQuartersOfFileMaxIsAtRisk() {
        XCTAssertTrue(AcceptWatchPolicy.atRisk(processes: [], listenerOwners: [], fileNr: (allocated: 750, max: 1000)))
        XCTAssertFalse(AcceptWatchPolicy.atRisk(processes: [], listenerOwners: [], fileNr: (allocated: 749, max: 1000)))
        XCTAssertFalse(AcceptWatchPolicy.atRisk(processes: [], listenerOwners: [], fileNr: (allocated: 5, max: 0)))
    }

    func testWatchedFor30SecondsAfterTheLastSampleAtRisk() {
        var policy = AcceptWatchPolicy()
        let quiet = [usage(10, open: 5, soft: 64)], atRisk = [usage(10, open: 60, soft: 64)]
        XCTAssertFalse(policy.shouldWatch(processes: quiet, listenerOwners: [10], fileNr: nil, now: 100))
        XCTAssertTrue(policy.shouldWatch(processes: atRisk, listenerOwners: [10], fileNr: nil, now: 101))
        XCTAssertTrue(policy.shouldWatch(processes: quiet, listenerOwners: [10], fileNr: nil, now: 130.9))
        XCTAssertFalse(policy.shouldWatch(processes: quiet, listenerOwners: [10], fileNr: nil, now: 131))
    }

    func testAlwaysWatchesWhateverTheLimits() {
        var policy = AcceptWatchPolicy(mode: .always)
        XCTAssertTrue(policy.shouldWatch(processes: [], listenerOwners: [], fileNr: nil, now: 0))
        XCTAssertEqual(AcceptWatchPolicy.Mode(rawValue: "near-fd-limit"), .nearFdLimit)
    }
}
