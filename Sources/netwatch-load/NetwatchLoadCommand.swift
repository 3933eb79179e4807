import ArgumentParser
import NetwatchLoad

/// The `netwatch-load` command line: options into a ``LoadPlan``, errors into exit statuses.
///
/// Exit status: 0 after the hold or a SIGTERM/SIGINT, 1 when a socket operation failed, 2 for a
/// refused argument or a plan that does not fit this namespace or process (one line on stderr).
struct NetwatchLoadCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "netwatch-load",
        abstract: "Create a known, bounded population of loopback TCP sockets in the current network namespace.",
        discussion: """
            Run it inside a private network namespace: `ip netns exec NS netwatch-load …` after \
            `ip link set lo up`. Only 127.0.0.0/8 and ::1 are used, and every listener belongs to the generator.

            When the population exists it prints one line `READY <json>` (the counts per state as `ss -tan` \
            shows them), holds it for --hold seconds or until SIGTERM/SIGINT, closes everything and exits 0. \
            With --rate and --duration a storm runs after READY, and `STORM <json>` is printed when it ends.

            Counting modes, instead of a population: --exhaust connects to a listener of its own --attempts \
            times (at --rate per second, or at once), holding every connection, and prints `EXHAUSTING <json>` \
            with its pid, then `EXHAUST <json>` \
            with its pid, what its connect() calls returned (succeeded, addr_not_avail, other) and the \
            microseconds they took on its monotonic clock (elapsed_us); \
            --accept-limited makes --attempts connections to itself, lowers its fd limit to --fd-limit and \
            calls accept() once per connection, printing `ACCEPT <json>` (accepted, emfile). Both then hold.

            Sockets that age out by themselves: TIME-WAIT after 60 s, the orphaned FIN-WAIT-2 clients after \
            tcp_fin_timeout (60 s), the SYN-SENT overflow clients after tcp_syn_retries (about 127 s).

            Exit status: 0 done or stopped, 1 a socket operation failed, 2 a refused argument or a plan \
            that does not fit this namespace or process.
            """
    )

    @Option(
        name: .customLong("time-wait"),
        help: ArgumentHelp(
            "Client-side TIME-WAIT sockets, round-robin over --destinations.",
            valueName: "count"
        )
    )
    var timeWait = 0

    @Option(
        help: ArgumentHelp(
            "Comma list of ADDR:PORT or [ADDR6]:PORT the generator listens on for --time-wait and the storm.",
            valueName: "list"
        )
    )
    var destinations = LoadPlan.defaultDestinations

    @Option(help: ArgumentHelp("Connections held open to --service (2 ESTAB sockets each).", valueName: "count"))
    var established = 0

    @Option(help: ArgumentHelp("Listener that accepts the --established connections.", valueName: "addr:port"))
    var service = LoadPlan.defaultService

    @Option(name: .customLong("keep-alive"),
            help: ArgumentHelp("Of the --established connections, how many set SO_KEEPALIVE on their client end.", valueName: "count"))
    var keepAlive = 0

    @Option(
        name: .customLong("close-wait"),
        help: ArgumentHelp(
            "Connections to --leaky closed by the client only (CLOSE-WAIT + FIN-WAIT-2).",
            valueName: "count"
        )
    )
    var closeWait = 0

    @Option(help: ArgumentHelp("Listener that accepts the --close-wait connections and never closes them.", valueName: "addr:port"))
    var leaky = LoadPlan.defaultLeaky

    @Option(
        help: ArgumentHelp(
            "Open a never-accepting listener at --slow with this listen() backlog and fill its queue (backlog+1 connections).",
            valueName: "count"
        )
    )
    var backlog: Int?

    @Option(help: ArgumentHelp("Address of the never-accepting listener.", valueName: "addr:port"))
    var slow = LoadPlan.defaultSlow

    @Option(help: ArgumentHelp("Connections to --slow beyond its full queue; they stay SYN-SENT. Needs --backlog.", valueName: "count"))
    var overflow = 0

    @Option(
        help: ArgumentHelp(
            "Storm: connections per second opened and closed after READY (max \(LoadPlan.rateCap)). Needs --duration.",
            valueName: "per-second"
        )
    )
    var rate = 0

    @Option(
        help: ArgumentHelp(
            "Storm length in seconds (max \(LoadPlan.durationCap)); the storm runs inside --hold.",
            valueName: "seconds"
        )
    )
    var duration = 0

    @Option(help: ArgumentHelp("Seconds to keep the population after READY (max \(LoadPlan.holdCap)).", valueName: "seconds"))
    var hold = LoadPlan.defaultHold

    @Option(help: ArgumentHelp("Count connect() results toward a listener of its own at this address until the ports run out.", valueName: "addr:port"))
    var exhaust: String?

    @Option(name: .customLong("accept-limited"),
            help: ArgumentHelp("Count accept() results on a listener at this address under --fd-limit.", valueName: "addr:port"))
    var acceptLimited: String?

    @Option(name: .customLong("accept-after"),
            help: ArgumentHelp("With --accept-limited: once the limit is lowered, print LIMITED and call accept() only when this file exists.",
                               valueName: "path"))
    var acceptAfter: String?

    @Option(help: ArgumentHelp("connect() calls for --exhaust, connections for --accept-limited.", valueName: "count"))
    var attempts = 1000

    @Option(name: .customLong("fd-limit"), help: ArgumentHelp("Soft fd limit for --accept-limited's accept() calls.", valueName: "count"))
    var fdLimit = 64

    /// Parses `arguments`, runs the generator and returns the exit status.
    static func execute(_ arguments: [String], clock: LoadClock) -> Int32 {
        let command: NetwatchLoadCommand
        do {
            command = try parse(arguments)
        } catch {
            if exitCode(for: error) == .success {
                ConsoleOutput.out(fullMessage(for: error))
                return 0
            }
            ConsoleOutput.error(message(for: error).split(whereSeparator: \.isNewline).joined(separator: "; "))
            return 2
        }
        return command.run(clock: clock)
    }

    /// The validated plan, or the first refused option.
    func plan() throws(LoadPlanError) -> LoadPlan {
        try LoadPlan(
            timeWait: timeWait, destinations: LoopbackEndpoint.parseList(destinations, argument: "--destinations"),
            established: established, service: LoopbackEndpoint.parse(service, argument: "--service"), keepAlive: keepAlive,
            closeWait: closeWait, leaky: LoopbackEndpoint.parse(leaky, argument: "--leaky"),
            backlog: backlog, slow: LoopbackEndpoint.parse(slow, argument: "--slow"), overflow: overflow,
            rate: rate, duration: duration, hold: hold
        )
    }

    private func run(clock: LoadClock) -> Int32 {
        do {
            let counter = ConnectCounter(clock: clock, emit: ConsoleOutput.out)
            if let exhaust {
                try counter.exhaust(LoopbackEndpoint.parse(exhaust, argument: "--exhaust"), attempts: attempts, rate: rate, hold: hold)
                return 0
            }
            if let acceptLimited {
                try counter.acceptUnderLimit(LoopbackEndpoint.parse(acceptLimited, argument: "--accept-limited"),
                                             connections: attempts, fdLimit: fdLimit, hold: hold, goFile: acceptAfter)
                return 0
            }
            try LoadGenerator(plan: plan(), clock: clock, emit: ConsoleOutput.out).run()
            return 0
        } catch let error as LoadPlanError {
            ConsoleOutput.error(error.description)
            return 2
        } catch let error as CapacityError {
            ConsoleOutput.error(error.description)
            return 2
        } catch {
            ConsoleOutput.error("\(error)")
            return 1
        }
    }
}
