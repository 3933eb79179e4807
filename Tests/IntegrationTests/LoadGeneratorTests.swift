import Foundation
import NetwatchCore
import NetwatchLoad
import TestSupport
import XCTest

/// The `netwatch-load` binary: refused arguments (no socket is opened), storm pacing on a manual
/// clock, and, as root, the exact population in a private network namespace compared with `ss`.
final class LoadGeneratorTests: XCTestCase {
    // MARK: refused arguments (run the binary; each exits before opening a socket)

    func testNonLoopbackIPv4DestinationIsRefused() throws {
        let result = try Self.run(["--destinations", "127.0.0.1:7001,10.0.0.1:80", "--time-wait", "10", "--hold", "0"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr,
                       "netwatch-load: --destinations: 10.0.0.1:80 is not a loopback address; only 127.0.0.0/8 and ::1 are allowed\n")
        XCTAssertEqual(result.stdout, "")
    }

    func testNonLoopbackIPv6AndMappedAddressesAreRefused() throws {
        for endpoint in ["[2001:db8::1]:80", "[::ffff:127.0.0.1]:80"] {
            let result = try Self.run(["--service", endpoint, "--established", "1", "--hold", "0"])
            XCTAssertEqual(result.status, 2, endpoint)
            XCTAssertEqual(result.stderr,
                           "netwatch-load: --service: \(endpoint) is not a loopback address; only 127.0.0.0/8 and ::1 are allowed\n")
        }
    }

    func testTooManySocketsIsRefused() throws {
        // 300000 TIME_WAIT + 2 × 50001 ESTABLISHED + 4 listeners (3 destinations, 1 service) = 400006.
        let result = try Self.run(["--time-wait", "300000", "--established", "50001", "--hold", "0"])
        XCTAssertEqual(result.status, 2)
        XCTAssertEqual(result.stderr, "netwatch-load: the population needs 400006 sockets, more than the cap of 400000; "
            + "lower --time-wait, --established, --close-wait, --backlog or --overflow\n")
    }

    func testBadValuesNameTheirArgument() throws {
        let cases: [([String], String)] = [
            (["--time-wait", "many"], "netwatch-load: The value 'many' is invalid for '--time-wait <count>'\n"),
            (["--hold", "3601"], "netwatch-load: --hold: 3601 is out of range; allowed 0...3600\n"),
            (["--overflow", "2"], "netwatch-load: --overflow needs --backlog as well\n"),
            (["--established", "4", "--keep-alive", "5"], "netwatch-load: --keep-alive: 5 is out of range; allowed 0...4\n"),
            (["--rate", "100"], "netwatch-load: --rate needs --duration as well\n"),
            (["--rate", "20001", "--duration", "1"], "netwatch-load: --rate: 20001 is out of range; allowed 0...20000\n"),
            (["--destinations", "::1:7003", "--time-wait", "1"],
             "netwatch-load: --destinations: '::1:7003' is not a valid endpoint: an IPv6 address needs brackets, as [::1]:7003\n"),
            (["--leaky", "127.0.0.1:7001", "--close-wait", "1", "--time-wait", "1"],
             "netwatch-load: --leaky: 127.0.0.1:7001 is also used by --destinations; every listener needs its own address and port\n"),
        ]
        for (arguments, message) in cases {
            let result = try Self.run(arguments.contains("--hold") ? arguments : arguments + ["--hold", "0"])
            XCTAssertEqual(result.status, 2, "\(arguments)")
            XCTAssertEqual(result.stderr, message, "\(arguments)")
        }
    }

    // MARK: storm pacing on a manual clock

    func testStormOpensEachConnectionNoSoonerThanDue() throws {
        let clock = ManualClock()
        let start = clock.now()
        var startedAt = [UInt64]()
        let report = StormRunner(storm: try Self.storm(rate: 1000, duration: 2), clock: clock).run { _ in startedAt.append(clock.now()) }
        XCTAssertEqual(report.opened, 2000)
        XCTAssertEqual(report.failed, 0)
        XCTAssertEqual(startedAt.count, 2000)
        for (index, instant) in startedAt.enumerated() {
            XCTAssertGreaterThanOrEqual(instant, start + UInt64(index) * 1_000_000, "connection \(index) opened early")
        }
        XCTAssertEqual(report.elapsedMs, 1999, "the last connection is due 1.999 s after the first")
    }

    func testStormStopsWhenAStopIsRequested() throws {
        let clock = ManualClock(stopAfterWaits: 10)
        let report = StormRunner(storm: try Self.storm(rate: 1000, duration: 2), clock: clock).run { _ in }
        // One connection at the start, then one after each of the 10 granted waits.
        XCTAssertEqual(report.opened, 11)
    }

    func testStormCountsFailuresAndGoesOn() throws {
        let clock = ManualClock()
        let endpoint = try LoopbackEndpoint.parse("127.0.0.1:7001", argument: "--destinations")
        let report = StormRunner(storm: try Self.storm(rate: 10, duration: 1), clock: clock).run { (index: Int) throws(SocketError) in
            if index % 2 == 1 { throw .systemCall(operation: "connect", endpoint: endpoint, errno: EADDRNOTAVAIL) }
        }
        XCTAssertEqual(report.opened, 5)
        XCTAssertEqual(report.failed, 5)
        XCTAssertEqual(report.firstError?.hasPrefix("connect on 127.0.0.1:7001 failed: Cannot assign requested address (errno 99)"), true,
                       report.firstError ?? "no error recorded")
    }

    func testPacerDueCounts() {
        let pacer = StormPacer(rate: 3, total: 6, start: 10)
        XCTAssertEqual(pacer.due(at: 9), 0)
        XCTAssertEqual(pacer.due(at: 10), 1)
        XCTAssertEqual(pacer.due(at: 10 + 333_333_332), 1)
        XCTAssertEqual(pacer.due(at: 10 + 333_333_333), 2)
        XCTAssertEqual(pacer.due(at: 10 + 60_000_000_000), 6)
        XCTAssertEqual(pacer.wakeTime(after: 1, now: 10), 10 + 333_333_333)
        XCTAssertEqual(pacer.wakeTime(after: 1, now: 10 + 333_000_000), 10 + 334_000_000, "sleeps at least a millisecond")
    }

    // MARK: the population in a private network namespace (root)

    func testPopulationMatchesSSInPrivateNamespace() throws {
        try NetworkNamespace.skipUnlessRoot()
        let namespace = try NetworkNamespace("load")
        defer { namespace.delete() }   // stops the generator (SIGTERM, then SIGKILL) if still running
        let (generator, readyLine) = try namespace.start([Self.binary,
            "--time-wait", "300", "--established", "5", "--close-wait", "4", "--backlog", "3", "--overflow", "2", "--hold", "30",
        ], readyPrefix: "READY ", timeout: 30)

        let object = try JSONSerialization.jsonObject(with: Data(readyLine.dropFirst(6).utf8))
        let ready = try XCTUnwrap(object as? [String: Any], "READY carries a JSON object")
        XCTAssertEqual(ready["pid"] as? Int, Int(generator.processIdentifier))
        XCTAssertEqual(ready["time_wait"] as? Int, 300)
        let perDestination = (ready["per_destination"] as? [[String: Any]] ?? []).map {
            "\($0["address"] ?? "?"):\($0["port"] ?? "?")=\($0["time_wait"] ?? "?")"
        }
        XCTAssertEqual(perDestination, ["127.0.0.1:7001=100", "127.0.0.2:7002=100", "::1:7003=100"])
        XCTAssertEqual(ready["established"] as? Int, 10)
        XCTAssertEqual(ready["close_wait"] as? Int, 4)
        XCTAssertEqual(ready["fin_wait2"] as? Int, 4)
        XCTAssertEqual(ready["listen"] as? Int, 6)
        XCTAssertEqual(ready["accept_queue"] as? Int, 4)
        XCTAssertEqual(ready["backlog"] as? Int, 3)
        XCTAssertEqual(ready["syn_sent"] as? Int, 2)
        XCTAssertEqual((ready["warnings"] as? [String])?.count, 0, "\(ready["warnings"] ?? "")")

        // ESTAB: 5 held pairs (10) + 4 queued connections, each a client and an unaccepted child (8).
        // LISTEN: 3 destinations, service, leaky, slow.
        let expected = StateCounts([.timeWait: 300, .established: 18, .closeWait: 4, .finWait2: 4, .synSent: 2, .listen: 6])
        XCTAssertEqual(try namespace.ss().byState, expected)

        let status = try namespace.terminate(generator, timeout: 10)
        XCTAssertEqual(generator.terminationReason, .exit, "the generator died from a signal")
        XCTAssertEqual(status, 0, "SIGTERM must end the generator with status 0")
    }

    /// The built `netwatch-load` (`swift build` first). Each refused-argument run passes `--hold 0`
    /// (or an invalid hold), so even a plan accepted by mistake ends at once.
    private static let binary = FixturePaths.binary("netwatch-load")

    private static func run(_ arguments: [String]) throws -> ProcessResult {
        try ProcessRunner.run([binary] + arguments)
    }

    private static func storm(rate: Int, duration: Int) throws -> LoadPlan.Storm {
        let plan = try LoadPlan(
            destinations: LoopbackEndpoint.parseList(LoadPlan.defaultDestinations, argument: "--destinations"),
            service: LoopbackEndpoint.parse(LoadPlan.defaultService, argument: "--service"),
            leaky: LoopbackEndpoint.parse(LoadPlan.defaultLeaky, argument: "--leaky"),
            slow: LoopbackEndpoint.parse(LoadPlan.defaultSlow, argument: "--slow"),
            rate: rate, duration: duration, hold: duration
        )
        return try XCTUnwrap(plan.storm)
    }
}

/// A ``LoadClock`` that jumps to each deadline at once; optionally requests a stop after some waits.
private final class ManualClock: LoadClock {
    private var time: UInt64 = 1_000_000_000
    private var waits = 0
    private let stopAfterWaits: Int

    init(stopAfterWaits: Int = .max) {
        self.stopAfterWaits = stopAfterWaits
    }

    func now() -> UInt64 { time }

    func wait(until deadline: UInt64) -> Bool {
        guard !stopRequested() else { return false }
        waits += 1
        time = max(time, deadline)
        return true
    }

    func stopRequested() -> Bool { waits >= stopAfterWaits }
}
