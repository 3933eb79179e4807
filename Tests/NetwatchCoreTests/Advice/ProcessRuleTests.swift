import XCTest
@testable import NetwatchCore
import TestSupport

/// CLOSE_WAIT owners and file-descriptor limits: the rules that name a process.
final class ProcessRuleTests: XCTestCase {
    private let worker = ProcessIdentity(pid: 4_242, command: "worker")

    private func closeWait(_ count: Int, port: UInt16 = 22) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.closeWaitOwners = [CloseWaitOwner(process: worker, count: count, localPort: port)]
        snapshot.states?.ipv4[.closeWait] = count
        return snapshot
    }

    func testCloseWaitNamesThePidAtTheThreshold() throws {
        XCTAssertEqual(AdviceTesting.findings("close_wait", in: closeWait(49)), [])
        let finding = try XCTUnwrap(AdviceTesting.finding("close_wait", in: closeWait(50)))
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.title, "worker (pid 4242) holds 50 CLOSE_WAIT sockets (port 22): it does not close them")
        XCTAssertEqual(finding.evidence, [Evidence("pid", 4_242), Evidence("command", "worker"), Evidence("close_wait", 50),
                                          Evidence("local_port", 22)])
        XCTAssertEqual(finding.target, .serverPort(22))
        XCTAssertTrue(finding.suggestion[1].hasPrefix("No sysctl ends CLOSE_WAIT."))
        XCTAssertEqual(AdviceTesting.finding("close_wait", in: closeWait(500, port: 41_000))?.severity, .critical)
        XCTAssertEqual(AdviceTesting.finding("close_wait", in: closeWait(500, port: 41_000))?.target, .localPort(41_000))
    }

    func testCloseWaitWithoutOwnersIsReportedUnattributed() throws {
        var snapshot = AdviceTesting.quiet()
        snapshot.states?.ipv4[.closeWait] = 60
        let finding = try XCTUnwrap(AdviceTesting.finding("close_wait", in: snapshot))
        XCTAssertEqual(finding.title, "60 CLOSE_WAIT sockets: an application does not close its sockets")
        XCTAssertNil(finding.target)
    }

    private func fds(open: Int, soft: Int64?, hard: Int64?) -> Snapshot {
        var snapshot = AdviceTesting.quiet()
        snapshot.fds.processes.append(ProcessFDUsage(process: worker, open: open, limit: OpenFileLimit(soft: soft, hard: hard)))
        return snapshot
    }

    func testProcessNearItsSoftLimitIsNamedWithItsLimits() throws {
        XCTAssertEqual(AdviceTesting.findings("process_fds", in: fds(open: 51, soft: 64, hard: 4_096)), [])
        let finding = try XCTUnwrap(AdviceTesting.finding("process_fds", in: fds(open: 52, soft: 64, hard: 4_096)))
        XCTAssertEqual(finding.severity, .warning)
        XCTAssertEqual(finding.title, "worker (pid 4242) uses 81% of its open-file limit (52 of 64)")
        XCTAssertEqual(finding.target, .process(pid: 4_242), "Enter opens the process view")
        XCTAssertEqual(finding.evidence, [Evidence("pid", 4_242), Evidence("command", "worker"), Evidence("open", 52),
                                          Evidence("soft_limit", 64), Evidence("hard_limit", 4_096), Evidence("nr_open", 1_048_576)])
        XCTAssertTrue(finding.suggestion[1].hasPrefix("Raise the soft limit to the hard limit (4096): for the running process "
            + "`prlimit --pid 4242 --nofile=4096:4096`"))
        XCTAssertEqual(AdviceTesting.finding("process_fds", in: fds(open: 61, soft: 64, hard: 4_096))?.severity, .critical)
    }

    func testSoftEqualToHardProposesDoublingBothUpToNrOpen() throws {
        let finding = try XCTUnwrap(AdviceTesting.finding("process_fds", in: fds(open: 900, soft: 1_024, hard: 1_024)))
        XCTAssertTrue(finding.suggestion[1].hasPrefix("The soft limit is the hard limit (1024): raise both, up to fs.nr_open (1048576): "
            + "LimitNOFILE=2048"))
        let unlimited = try XCTUnwrap(AdviceTesting.finding("process_fds", in: fds(open: 900, soft: 1_024, hard: nil)))
        XCTAssertTrue(unlimited.suggestion[1].contains("`prlimit --pid 4242 --nofile=2048:unlimited`"))
        XCTAssertEqual(AdviceTesting.findings("process_fds", in: fds(open: 900, soft: nil, hard: nil)), [])
    }

    func testSystemFileHandlesNearFileMax() throws {
        var snapshot = AdviceTesting.quiet()
        snapshot.fds.systemAllocated = 799
        snapshot.fds.systemMax = 1_000
        XCTAssertEqual(AdviceTesting.findings("system_fds", in: snapshot), [])
        snapshot.fds.systemAllocated = 800
        let finding = try XCTUnwrap(AdviceTesting.finding("system_fds", in: snapshot))
        XCTAssertEqual(finding.title, "system file handles at 80% of fs.file-max (800 of 1000)")
        XCTAssertEqual(finding.suggestion[1], "Raise the ceiling: sysctl -w fs.file-max=2000")
        snapshot.fds.systemAllocated = 950
        XCTAssertEqual(AdviceTesting.finding("system_fds", in: snapshot)?.severity, .critical)
    }
}
