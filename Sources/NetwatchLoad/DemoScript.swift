/// The scripted storm of `netwatch demo`: five phases, each with a caption for the dashboard
/// header, and the load steps that make them happen, each run by its own worker process from its
/// start second until the script's end.
///
/// A value: what the header says and which steps are due are functions of the seconds since the
/// demo started, so the script is tested without a clock. The namespace it runs in has the port
/// range ``portRange`` and `tcp_tw_reuse` 0, so TIME_WAIT entries hold their ports for the full
/// 60 s (docs/KERNEL.md §3, §4); every listener's port is outside that range.
public struct DemoScript: Equatable, Sendable {
    /// A stretch of the demo with one caption.
    public struct Phase: Equatable, Sendable {
        /// Seconds after the start when the phase begins.
        public let start: Int
        /// What the header says while it runs, numbered `N/5`.
        public let caption: String
    }

    /// What one worker process does.
    public enum Work: Equatable, Sendable {
        /// A ``LoadGenerator`` plan: its listeners, its population, its storm, its hold.
        case load(LoadPlan)
        /// A process that nears its own descriptor limit.
        case descriptors(FileDescriptorPressure)
    }

    /// One worker process.
    public struct Step: Equatable, Sendable {
        /// The worker's process name (`comm`, at most 15 bytes), as the dashboard and `ps` show it.
        public let name: String
        /// Seconds after the start when the worker starts.
        public let start: Int
        public let work: Work
    }

    /// The phases, by start.
    public let phases: [Phase]
    /// The workers, by start.
    public let steps: [Step]
    /// Seconds after the start when all load has stopped.
    public let end: Int
    /// The namespace's `net.ipv4.ip_local_port_range` during the demo.
    public let portRange: ClosedRange<Int>
    /// What the header says once the load has stopped.
    public let closingCaption: String

    /// The caption at `seconds` after the start: the latest phase begun, or the closing caption
    /// from ``end`` on.
    public func caption(atSecond seconds: Double) -> String {
        guard seconds < Double(end) else { return closingCaption }
        return phases.last { Double($0.start) <= seconds }?.caption ?? phases[0].caption
    }

    /// How many steps (a prefix of ``steps``) are due by `seconds` after the start; none from ``end`` on.
    public func stepsDue(atSecond seconds: Double) -> Int {
        guard seconds < Double(end) else { return 0 }
        return steps.count { Double($0.start) <= seconds }
    }

    /// The demo `netwatch demo` runs, 72 s long:
    /// 1. from 0 s, three storms start 4 s apart (200, 300 and 500 connections/s, each over four
    ///    destinations of its own) and stop at 12 s: TIME_WAIT climbs past 6,000;
    /// 2. from 12 s, 250 connections/s toward 127.0.0.2:8080 fill the 2,000-port range in 8 s, then fail;
    /// 3. from 24 s, 400 connections to 127.0.0.1:7200 stay in CLOSE_WAIT (the server never closes);
    /// 4. from 36 s, a listener at 127.0.0.1:7300 with backlog 128 never accepts: 129 queued, 64 more in SYN_SENT;
    /// 5. from 48 s, a process lowers its soft fd limit to 256 and holds 232 descriptors open.
    public static func standard() throws(LoadPlanError) -> DemoScript {
        let end = 72
        let range = 40_000...41_999
        let ports = try LoopbackEndpoint.parse("127.0.0.2:8080", argument: "demo")
        let leaky = try LoopbackEndpoint.parse("127.0.0.1:7200", argument: "demo")
        let slow = try LoopbackEndpoint.parse("127.0.0.1:7300", argument: "demo")
        let fds = FileDescriptorPressure(limit: 256, held: 232, seconds: end - 48,
                                         endpoint: try LoopbackEndpoint.parse("127.0.0.1:7400", argument: "demo"))
        let phases = [
            Phase(start: 0, caption: "1/5 short connections ramp up to 1000/s; each leaves TIME_WAIT 60 s"),
            Phase(start: 12, caption: "2/5 ports to \(ports) run out: range \(range.lowerBound)-\(range.upperBound), tw_reuse off"),
            Phase(start: 24, caption: "3/5 a service leaks CLOSE_WAIT: \(leaky) never closes"),
            Phase(start: 36, caption: "4/5 a slow acceptor overflows its backlog: \(slow)"),
            Phase(start: 48, caption: "5/5 a process nears its fd limit: nw-demo-fds holds \(fds.held) of \(fds.limit)"),
        ]
        let steps = [
            Step(name: "nw-demo-storm1", start: 0, work: .load(try storm(
                rate: 200, seconds: 12, toward: "127.0.0.11:7001,127.0.0.12:7002,127.0.0.13:7003,127.0.0.14:7004"))),
            Step(name: "nw-demo-storm2", start: 4, work: .load(try storm(
                rate: 300, seconds: 8, toward: "127.0.0.21:7011,127.0.0.22:7012,127.0.0.23:7013,127.0.0.24:7014"))),
            Step(name: "nw-demo-storm3", start: 8, work: .load(try storm(
                rate: 500, seconds: 4, toward: "127.0.0.31:7021,127.0.0.32:7022,127.0.0.33:7023,127.0.0.34:7024"))),
            Step(name: "nw-demo-ports", start: 12, work: .load(try storm(rate: 250, seconds: 30, toward: ports.description))),
            Step(name: "nw-demo-leak", start: 24, work: .load(try LoadPlan(
                destinations: [], service: unused, closeWait: 400, leaky: leaky, slow: unused, hold: end - 24))),
            Step(name: "nw-demo-slow", start: 36, work: .load(try LoadPlan(
                destinations: [], service: unused, leaky: unused, backlog: 128, slow: slow, overflow: 64, hold: end - 36))),
            Step(name: "nw-demo-fds", start: 48, work: .descriptors(fds)),
        ]
        return DemoScript(phases: phases, steps: steps, end: end, portRange: range,
                          closingCaption: "demo over: load stopped, TIME_WAIT expires within 60 s; q quits")
    }

    /// The endpoint a plan names for the roles it has no listener for.
    private static var unused: LoopbackEndpoint {
        get throws(LoadPlanError) { try LoopbackEndpoint.parse(LoadPlan.defaultService, argument: "demo") }
    }

    /// Open-and-close connections at `rate` per second for `seconds`, round-robin over `destinations`.
    private static func storm(rate: Int, seconds: Int, toward destinations: String) throws(LoadPlanError) -> LoadPlan {
        try LoadPlan(destinations: LoopbackEndpoint.parseList(destinations, argument: "demo"), service: unused,
                     leaky: unused, slow: unused, rate: rate, duration: seconds, hold: seconds)
    }
}
