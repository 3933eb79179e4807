/// The JSON of the `READY <json>` line: the population that exists once READY is printed, counted
/// per state as `ss -tan` shows it, and the plan that asked for it.
///
/// Sockets that age out during the hold: TIME_WAIT after 60 s, the orphaned FIN_WAIT2 clients after
/// `tcp_fin_timeout` (60 s), the SYN_SENT overflow clients after `tcp_syn_retries` (about 127 s).
public struct ReadyReport: Encodable, Equatable, Sendable {
    /// TIME_WAIT entries toward one destination.
    public struct Destination: Encodable, Equatable, Sendable {
        public let address: String
        public let port: Int
        public let timeWait: Int

        enum CodingKeys: String, CodingKey {
            case address, port
            case timeWait = "time_wait"
        }
    }

    /// A listener the generator owns; `backlog` is what it passed to `listen()`.
    public struct Listener: Encodable, Equatable, Sendable {
        public let role: String
        public let address: String
        public let port: Int
        public let backlog: Int
    }

    /// The options, as validated (`backlog` is null without `--backlog`).
    public struct Requested: Encodable, Equatable, Sendable {
        public let timeWait: Int
        public let destinations: [String]
        public let established: Int
        public let service: String
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
            (service, closeWait, leaky) = (plan.service.description, plan.closeWait, plan.leaky.description)
            (backlog, slow, overflow) = (plan.backlog, plan.slow.description, plan.overflow)
            (rate, duration, hold) = (plan.storm?.rate ?? 0, plan.storm?.duration ?? 0, plan.hold)
        }

        enum CodingKeys: String, CodingKey {
            case timeWait = "time_wait", destinations, established, service
            case closeWait = "close_wait", leaky, backlog, slow, overflow, rate, duration, hold
        }

        public func encode(to encoder: any Encoder) throws {
            var keyed = encoder.container(keyedBy: CodingKeys.self)
            try keyed.encode(timeWait, forKey: .timeWait)
            try keyed.encode(destinations, forKey: .destinations)
            try keyed.encode(established, forKey: .established)
            try keyed.encode(service, forKey: .service)
            try keyed.encode(closeWait, forKey: .closeWait)
            try keyed.encode(leaky, forKey: .leaky)
            try keyed.encode(backlog, forKey: .backlog)
            try keyed.encode(slow, forKey: .slow)
            try keyed.encode(overflow, forKey: .overflow)
            try keyed.encode(rate, forKey: .rate)
            try keyed.encode(duration, forKey: .duration)
            try keyed.encode(hold, forKey: .hold)
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

    enum CodingKeys: String, CodingKey {
        case timeWait = "time_wait", perDestination = "per_destination", established, closeWait = "close_wait"
        case finWait2 = "fin_wait2", listen, listeners, acceptQueue = "accept_queue", backlog, synSent = "syn_sent"
        case pid, tcpTwReuse = "tcp_tw_reuse", buildMs = "build_ms", warnings, requested
    }

    public func encode(to encoder: any Encoder) throws {
        var keyed = encoder.container(keyedBy: CodingKeys.self)
        try keyed.encode(timeWait, forKey: .timeWait)
        try keyed.encode(perDestination, forKey: .perDestination)
        try keyed.encode(established, forKey: .established)
        try keyed.encode(closeWait, forKey: .closeWait)
        try keyed.encode(finWait2, forKey: .finWait2)
        try keyed.encode(listen, forKey: .listen)
        try keyed.encode(listeners, forKey: .listeners)
        try keyed.encode(acceptQueue, forKey: .acceptQueue)
        try keyed.encode(backlog, forKey: .backlog)
        try keyed.encode(synSent, forKey: .synSent)
        try keyed.encode(pid, forKey: .pid)
        try keyed.encode(tcpTwReuse, forKey: .tcpTwReuse)
        try keyed.encode(buildMs, forKey: .buildMs)
        try keyed.encode(warnings, forKey: .warnings)
        try keyed.encode(requested, forKey: .requested)
    }

    /// The line to print: `READY ` and the JSON.
    public var line: String { "READY " + JSONLine.render(self) }
}
