import NetwatchLoad
import XCTest

/// The `netwatch demo` script as a value: captions and due steps by the second, bounded load, and
/// the port arithmetic that makes exactly one destination run out of ports.
final class DemoScriptTests: XCTestCase {
    private var script: DemoScript!

    override func setUpWithError() throws {
        script = try DemoScript.standard()
    }

    func testCaptionsFollowThePhasesThenTheClosingLine() {
        let expected: [(Double, String)] = [
            (0, "1/5 short connections ramp up to 1000/s; each leaves TIME_WAIT 60 s"),
            (11.9, "1/5 short connections ramp up to 1000/s; each leaves TIME_WAIT 60 s"),
            (12, "2/5 ports to 127.0.0.2:8080 run out: range 40000-41999, tw_reuse off"),
            (23.99, "2/5 ports to 127.0.0.2:8080 run out: range 40000-41999, tw_reuse off"),
            (24, "3/5 a service leaks CLOSE_WAIT: 127.0.0.1:7200 never closes"),
            (36, "4/5 a slow acceptor overflows its backlog: 127.0.0.1:7300"),
            (48, "5/5 a process nears its fd limit: nw-demo-fds holds 232 of 256"),
            (71.9, "5/5 a process nears its fd limit: nw-demo-fds holds 232 of 256"),
            (72, "demo over: load stopped, TIME_WAIT expires within 60 s; q quits"),
            (3600, "demo over: load stopped, TIME_WAIT expires within 60 s; q quits"),
        ]
        for (second, caption) in expected {
            XCTAssertEqual(script.caption(atSecond: second), caption, "at \(second) s")
        }
    }

    func testStepsAreDueFromTheirSecondAndNoneStartsAfterTheEnd() {
        XCTAssertEqual(script.steps.map(\.name),
                       ["nw-demo-storm1", "nw-demo-storm2", "nw-demo-storm3", "nw-demo-ports", "nw-demo-leak", "nw-demo-slow", "nw-demo-fds"])
        let expected: [(Double, Int)] = [(0, 1), (3.9, 1), (4, 2), (8, 3), (12, 4), (24, 5), (35.9, 5), (36, 6), (48, 7), (71.9, 7), (72, 0)]
        for (second, due) in expected {
            XCTAssertEqual(script.stepsDue(atSecond: second), due, "at \(second) s")
        }
    }

    func testEveryWorkerEndsByTheScriptsEnd() {
        XCTAssertEqual(script.end, 72)
        let ends = script.steps.map { step -> Int in
            switch step.work {
            case let .load(plan): step.start + plan.hold
            case let .descriptors(pressure): step.start + pressure.seconds
            }
        }
        XCTAssertEqual(ends, [12, 12, 12, 42, 72, 72, 72])
    }

    func testConnectRateStaysUnder2000PerSecondAndPeaksAt1000() {
        let perSecond = (0..<script.end).map { second in
            storms.filter { $0.start <= second && second < $0.start + $0.storm.duration }.map(\.storm.rate).reduce(0, +)
        }
        XCTAssertEqual(perSecond.max(), 1000)
        XCTAssertEqual(Array(perSecond[0..<13]), [200, 200, 200, 200, 500, 500, 500, 500, 1000, 1000, 1000, 1000, 250])
        XCTAssertTrue(perSecond.allSatisfy { $0 <= 2000 })
    }

    /// Each storm's connections per destination against the 2000 usable ports (no listener port is
    /// in the range): the first three stay under the 70% warning line, the fourth passes the 90%
    /// critical line 7.2 s after it starts, 19.2 s into the demo.
    func testOnlyThePortsStepRunsItsDestinationOutOfPorts() {
        XCTAssertEqual(script.portRange, 40_000...41_999)
        let usable = script.portRange.count
        let perDestination = storms.map { $0.storm.total / $0.destinations }
        XCTAssertEqual(perDestination, [600, 600, 500, 7500])
        XCTAssertTrue(perDestination.prefix(3).allSatisfy { Double($0) < 0.7 * Double(usable) })
        let ports = storms[3]
        XCTAssertEqual(ports.destinations, 1)
        XCTAssertEqual(Double(ports.start) + 0.9 * Double(usable) / Double(ports.storm.rate), 19.2, accuracy: 1e-9)
    }

    func testListenersAreDistinctAndOutsideThePortRange() {
        var endpoints = [LoopbackEndpoint]()
        for step in script.steps {
            switch step.work {
            case let .load(plan): endpoints += plan.listeners.map(\.endpoint)
            case let .descriptors(pressure): endpoints.append(pressure.endpoint)
            }
        }
        XCTAssertEqual(endpoints.count, 12 + 1 + 1 + 1 + 1)
        XCTAssertEqual(Set(endpoints).count, endpoints.count)
        XCTAssertTrue(endpoints.allSatisfy { !script.portRange.contains(Int($0.port)) }, "\(endpoints)")
    }

    /// The header keeps 10 columns for the clock and one leading blank; a worker's name is a `comm`.
    func testCaptionsFitAnEightyColumnHeaderAndNamesFitComm() {
        for caption in script.phases.map(\.caption) + [script.closingCaption] {
            XCTAssertLessThanOrEqual(caption.count, 69, caption)
        }
        for name in script.steps.map(\.name) {
            XCTAssertLessThanOrEqual(name.utf8.count, 15, name)
        }
    }

    func testTheFileDescriptorStepStaysJustUnderItsLimit() throws {
        let step = try XCTUnwrap(script.steps.last)
        guard case let .descriptors(pressure) = step.work else { return XCTFail("the last step is \(step.work)") }
        XCTAssertEqual([pressure.held, pressure.limit], [232, 256])
        XCTAssertEqual(Double(pressure.held) / Double(pressure.limit), 0.906, accuracy: 0.001)
    }

    /// The storm steps: start, storm and how many destinations it spreads over.
    private var storms: [(start: Int, storm: LoadPlan.Storm, destinations: Int)] {
        script.steps.compactMap { step in
            guard case let .load(plan) = step.work, let storm = plan.storm else { return nil }
            return (step.start, storm, plan.destinations.count)
        }
    }
}
