import Foundation
import NetwatchCore
import TestSupport
import XCTest
@testable import NetwatchLinux

/// The storm tree with files corrupted or removed: every damaged value becomes null with a
/// warning naming the file, malformed lines are skipped and counted, nothing else is lost.
final class BrokenTreeTests: XCTestCase {
    var root = ""

    override func setUpWithError() throws {
        let source = FixturePaths.fixture("proc-storm")
        guard FileManager.default.fileExists(atPath: source + "/net/tcp") else {
            XCTFail("fixture \(source) is missing: run scripts/capture-fixtures.sh as root")
            return
        }
        root = NSTemporaryDirectory() + "netwatch-broken-\(getpid())-\(name.hashValue)"
        try? FileManager.default.removeItem(atPath: root)
        try FileManager.default.copyItem(atPath: source, toPath: root)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: root)
    }

    func write(_ relative: String, _ text: String) throws {
        try text.write(toFile: root + "/" + relative, atomically: false, encoding: .utf8)
    }

    func collect() -> (RawSample, Snapshot) {
        let sample = Collector(root: ProcRoot(path: root), useNetlink: false, clock: FakeClock()).collect(CollectRequest())
        return (sample, SnapshotBuilder.build(sample, previous: nil, options: .init()))
    }

    func testMalformedSocketLinesAreSkippedAndCounted() throws {
        let tcp = try String(contentsOfFile: root + "/net/tcp", encoding: .utf8)
        var lines = tcp.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let total = lines.count - 2   // header, trailing empty
        lines[1] = "   0: garbage"
        lines[2] = String(lines[2].prefix(40))
        try write("net/tcp", lines.joined(separator: "\n"))
        let (sample, snapshot) = collect()
        XCTAssertEqual(sample.skippedLines, 2)
        XCTAssertEqual(snapshot.collector.skippedLines, 2)
        XCTAssertEqual(snapshot.states.map { $0.ipv4.total }, total - 2)
        XCTAssertTrue(sample.warnings.contains("\(root)/net/tcp: skipped 2 malformed line(s), first: '   0: garbage'"), "\(sample.warnings)")
    }

    func testDamagedKernelFilesBecomeNullWithWarnings() throws {
        try write("sys/net/ipv4/ip_local_port_range", "60999 32768\n")
        try write("sys/net/ipv4/tcp_tw_reuse", "two\n")
        try write("net/snmp", "Tcp: ActiveOpens PassiveOpens\nTcp: 1\n")
        try FileManager.default.removeItem(atPath: root + "/net/netstat")
        try FileManager.default.removeItem(atPath: root + "/sys/fs/file-nr")
        let (sample, snapshot) = collect()
        XCTAssertNil(snapshot.sysctl.ipLocalPortRange)
        XCTAssertNil(snapshot.ports.usable)
        XCTAssertNil(snapshot.sysctl.tcpTwReuse)
        XCTAssertEqual(snapshot.sysctl.somaxconn, 4096)
        XCTAssertNil(sample.tcp)
        XCTAssertNil(snapshot.counters[.listenOverflows] ?? nil)
        XCTAssertNil(snapshot.fds.systemAllocated)
        let ss = SSOracle(try String(contentsOfFile: FixturePaths.fixture("proc-storm") + "/ss-tan.txt", encoding: .utf8))
        XCTAssertEqual(snapshot.states?.byState, ss.byState, "the socket table is unaffected: as ss saw it")
        XCTAssertEqual(sample.warnings, [
            "\(root)/sys/net/ipv4/ip_local_port_range: not a port range 'LOW HIGH': '60999 32768\n'; value ignored",
            "\(root)/sys/net/ipv4/tcp_tw_reuse: not an integer: 'two\n'; value ignored",
            "\(root)/net/snmp: 'Tcp:' has 2 names but 1 values: 'Tcp: 1'; value ignored",
            "\(root)/net/netstat is missing",
            "\(root)/sys/fs/file-nr is missing",
        ])
    }

    func testMissingSocketFilesGiveNullStates() throws {
        try FileManager.default.removeItem(atPath: root + "/net/tcp")
        try FileManager.default.removeItem(atPath: root + "/net/tcp6")
        let (sample, snapshot) = collect()
        XCTAssertNil(snapshot.states)
        XCTAssertEqual(snapshot.peers, [])
        XCTAssertEqual(Array(sample.warnings.suffix(2)), ["\(root)/net/tcp is missing; IPv4 sockets unknown",
                                                         "\(root)/net/tcp6 is missing; IPv6 sockets unknown"])
    }

    func testUnparseableLimitsCountAsUnreadableAndAreNamedInAWarning() throws {
        let pid = try String(contentsOfFile: root + "/loadgen.pid", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
        try write("\(pid)/limits", "Limit Soft Hard\n")
        let (sample, snapshot) = collect()
        XCTAssertEqual(snapshot.fds.processes, [])
        XCTAssertEqual(snapshot.fds.unreadableProcesses, 1)
        XCTAssertEqual(sample.warnings.last, "\(root)/\(pid)/limits: no 'Max open files' line: 'Limit Soft Hard\n'; counted as unreadable")
    }
}
