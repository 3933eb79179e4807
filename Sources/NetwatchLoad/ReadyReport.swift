import NetwatchCore

/// The JSON of the `READY <json>` line: the population that exists once READY is printed, counted
/// per state as `ss -tan` shows it, and the plan that asked for it.
///
/// Keys are snake_case and stand in the order the properties are declared: the per-state counts
/// with their breakdowns (`time_wait`, `per_destination`, `established`, `close_wait`, `fin_wait2`,
/// `listen`, `listeners`, `accept_queue`, `backlog`, `syn_sent`), then the facts of the run (`pid`,
/// `tcp_tw_reuse`, `build_ms`, `warnings`), then `requested`. A value that is absent is an explicit
/// null, never a missing key.
///
/// Sockets that age out during the hold: TIME_WAIT after 60 s, the orphaned FIN_WAIT2 clients after
/// `tcp_fin_timeout` (60 s), the SYN_SENT overflow clients after `tcp_syn_retries` (about 127 s).
public struct ReadyReport: Equatable, Sendable {
    /// TIME_WAIT entries toward one destination: `address`, `port`, `time_wait`.
    public struct Destination: Equatable, Sendable {
        public let address: String
        public let port: Int
        public let timeWait: Int

        public var jsonValue: JSONValue {
            .object([("address", JSONValue(address)), ("port", JSONValue(port)), ("time_wait", JSONValue(timeWait))])
        }
    }

    /// A listener the generator owns; `backlog` is what it passed to `listen()`.
    /// Keys: `role`, `address`, `port`, `backlog`.
    public struct Listener: Equatable, Sendable {
        public let role: String
        public let address: String
        public let port: Int
        public let backlog: Int

        public var jsonValue: JSONValue {
            .object([("role", JSONValue(role)), ("address", JSONValue(address)), ("port", JSONValue(port)),
                     ("backlog", JSONValue(backlog))])
        }
    }

    /// The options, as validated (`backlog` is null without `--backlog`). Keys in the order of the
    /// command's options: `time_wait`, `destinations`, `established`, `service`, `keep_alive`, `close_wait`,
    /// `leaky`, `backlog`, `slow`, `overflow`, `rate`, `duration`, `hold`.
    public struct Requested: Equatable, Sendable {
        public let timeWait: Int
        public let destinations: [String]
        public let established: Int
        public let service: String
        public let keepAlive: Int
        public let closeWait: Int
        public let leaky: String
        public let backlog: Int?
        public let slow: String
        public let overflow: Int
        /// Storm connections per second; 0 without a storm.
        public let rate: Int
        /// Storm seconds; 0 without a storm.
        public let duration: Int
        /// Seconds held after READY.
        public let hold: Int

        init(plan: LoadPlan) {
            (timeWait, destinations, established) = (plan.timeWait, plan.destinations.map(\.description), plan.established)
            (service, keepAlive, closeWait, leaky) = (plan.service.description, plan.keepAlive, plan.closeWait, plan.leaky.description)
            (backlog, slow, overflow) = (plan.backlog, plan.slow.description, plan.overflow)
            (rate, duration, hold) = (plan.storm?.rate ?? 0, plan.storm?.duration ?? 0, plan.hold)
        }

        public var jsonValue: JSONValue {
            .object([
                ("time_wait", JSONValue(timeWait)), ("destinations", .array(destinations.map { JSONValue($0) })),
                ("established", JSONValue(established)), ("service", JSONValue(service)), ("keep_alive", JSONValue(keepAlive)),
                ("close_wait", JSONValue(closeWait)), ("leaky", JSONValue(leaky)), ("backlog", JSONValue(backlog)),
                ("slow", JSONValue(slow)), ("overflow", JSONValue(overflow)), ("rate", JSONValue(rate)),
                ("duration", JSONValue(duration)), ("hold", JSONValue(hold)),
            ])
        }
    }

    /// Client-side TIME_WAIT sockets.
    public var timeWait = 0
    public var perDestination = [Destination]()
    /// ESTABLISHED sockets of the held connections (both ends; the accept-queue ones are not included).
    public var established = 0
    /// Server ends in CLOSE_WAIT.
    public var closeWait = 0
    /// Orphaned clients in FIN_WAIT2, one per CLOSE_WAIT.
    public var finWait2 = 0
    /// LISTEN sockets.
    public var listen = 0
    public var listeners = [Listener]()
    /// Connections in the never-accepting listener's queue; each is two ESTABLISHED sockets.
    public var acceptQueue = 0
    /// That listener's backlog as the kernel applied it (`TCP_INFO`); null without `--backlog`.
    public var backlog: Int?
    /// Overflow clients in SYN_SENT.
    public var synSent = 0
    public var pid = 0
    /// `net.ipv4.tcp_tw_reuse` of the namespace (2: loopback reuse after 1 s).
    public var tcpTwReuse = 0
    /// Milliseconds from start to READY.
    public var buildMs = 0
    /// Shortfalls against the plan, in words; empty when everything was achieved.
    public var warnings = [String]()
    public var requested: Requested

    public init(requested: Requested) {
        self.requested = requested
    }

    /// The report as JSON, keys in the order described above.
    public var jsonValue: JSONValue {
        .object([
            ("time_wait", JSONValue(timeWait)), ("per_destination", .array(perDestination.map(\.jsonValue))),
            ("established", JSONValue(established)), ("close_wait", JSONValue(closeWait)), ("fin_wait2", JSONValue(finWait2)),
            ("listen", JSONValue(listen)), ("listeners", .array(listeners.map(\.jsonValue))),
            ("accept_queue", JSONValue(acceptQueue)), ("backlog", JSONValue(backlog)), ("syn_sent", JSONValue(synSent)),
            ("pid", JSONValue(pid)), ("tcp_tw_reuse", JSONValue(tcpTwReuse)), ("build_ms", JSONValue(buildMs)),
            ("warnings", .array(warnings.map { JSONValue($0) })), ("requested", requested.jsonValue),
        ])
    }

    /// The line to print: `READY ` and the JSON on one line.
    public var line: String { "READY " + jsonValue.serialized() }
}
