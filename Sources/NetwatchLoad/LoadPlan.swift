/// The socket population to create, validated: every count is in range, every endpoint is on the
/// loopback network, each listener has its own endpoint, and the total stays under ``socketCap``.
///
/// A plan says nothing about the namespace it will run in; ``NamespaceLimits`` checks that part.
public struct LoadPlan: Equatable, Sendable {
    /// Most sockets (of any state, listeners included) one plan may ask for.
    public static let socketCap = 400_000
    /// Longest hold after READY, in seconds.
    public static let holdCap = 3_600
    /// Highest storm rate, in connections per second.
    public static let rateCap = 20_000
    /// Longest storm, in seconds.
    public static let durationCap = 600
    /// Most `--destinations` endpoints (each is a listener, and TIME_WAIT accounting costs 8 KiB each).
    public static let destinationCap = 1024

    public static let defaultDestinations = "127.0.0.1:7001,127.0.0.2:7002,[::1]:7003"
    public static let defaultService = "127.0.0.1:7100"
    public static let defaultLeaky = "127.0.0.1:7200"
    public static let defaultSlow = "127.0.0.1:7300"
    /// Default hold after READY, in seconds.
    public static let defaultHold = 60

    /// What a listener owned by the generator is for; `argument` is the option that sets its endpoint.
    public enum ListenerRole: String, Sendable {
        case destination, service, leaky, slow

        public var argument: String {
            switch self {
            case .destination: return "--destinations"
            case .service: return "--service"
            case .leaky: return "--leaky"
            case .slow: return "--slow"
            }
        }
    }

    /// A listener the generator opens, and the `listen()` backlog it asks for.
    public struct Listener: Equatable, Sendable {
        public let role: ListenerRole
        public let endpoint: LoopbackEndpoint
        public let backlog: Int
    }

    /// Open-and-close traffic after READY: `rate` connections per second for `duration` seconds.
    public struct Storm: Equatable, Sendable {
        public let rate: Int
        public let duration: Int
        /// Connections the whole storm opens.
        public var total: Int { rate * duration }
    }

    /// Client-side TIME_WAIT entries to create, spread round-robin over ``destinations``.
    public let timeWait: Int
    public let destinations: [LoopbackEndpoint]
    /// Held connections to ``service`` (each is two ESTABLISHED sockets).
    public let established: Int
    public let service: LoopbackEndpoint
    /// Of the ``established`` connections, how many have `SO_KEEPALIVE` set on their client end.
    public let keepAlive: Int
    /// Connections to ``leaky`` closed by the client only (CLOSE_WAIT server + FIN_WAIT2 client).
    public let closeWait: Int
    public let leaky: LoopbackEndpoint
    /// `listen()` backlog of the never-accepting listener at ``slow``; nil means no such listener.
    public let backlog: Int?
    public let slow: LoopbackEndpoint
    /// Connections to ``slow`` beyond a full accept queue; they stay SYN_SENT.
    public let overflow: Int
    public let storm: Storm?
    /// Seconds to keep the population after READY.
    public let hold: Int

    public init(
        timeWait: Int = 0, destinations: [LoopbackEndpoint],
        established: Int = 0, service: LoopbackEndpoint, keepAlive: Int = 0,
        closeWait: Int = 0, leaky: LoopbackEndpoint,
        backlog: Int? = nil, slow: LoopbackEndpoint, overflow: Int = 0,
        rate: Int = 0, duration: Int = 0, hold: Int = LoadPlan.defaultHold
    ) throws(LoadPlanError) {
        for (argument, value) in [("--time-wait", timeWait), ("--established", established),
                                  ("--close-wait", closeWait), ("--backlog", backlog ?? 0), ("--overflow", overflow)] {
            try Self.check(argument, value, in: 0...Self.socketCap)
        }
        try Self.check("--keep-alive", keepAlive, in: 0...established)
        self.keepAlive = keepAlive
        try Self.check("--rate", rate, in: 0...Self.rateCap)
        try Self.check("--duration", duration, in: 0...Self.durationCap)
        try Self.check("--hold", hold, in: 0...Self.holdCap)
        (self.timeWait, self.destinations, self.established, self.service) = (timeWait, destinations, established, service)
        (self.closeWait, self.leaky, self.backlog, self.slow, self.overflow) = (closeWait, leaky, backlog, slow, overflow)
        self.storm = try Self.storm(rate: rate, duration: duration, hold: hold)
        self.hold = hold
        if overflow > 0 && backlog == nil { throw .needsCompanion(argument: "--overflow", companion: "--backlog") }
        if (timeWait > 0 || storm != nil) && destinations.isEmpty { throw .emptyList(argument: "--destinations") }
        if destinations.count > Self.destinationCap {
            throw .tooManyEndpoints(argument: "--destinations", count: destinations.count, limit: Self.destinationCap)
        }
        try checkDistinctListeners()
        if socketCount > Self.socketCap { throw .tooManySockets(requested: socketCount, limit: Self.socketCap) }
    }

    /// The listeners this plan needs, in the order they are opened.
    public var listeners: [Listener] {
        var result = [Listener]()
        if timeWait > 0 || storm != nil {
            result += destinations.map { Listener(role: .destination, endpoint: $0, backlog: Self.acceptingBacklog) }
        }
        if established > 0 { result.append(Listener(role: .service, endpoint: service, backlog: Self.acceptingBacklog)) }
        if closeWait > 0 { result.append(Listener(role: .leaky, endpoint: leaky, backlog: Self.acceptingBacklog)) }
        if let backlog { result.append(Listener(role: .slow, endpoint: slow, backlog: backlog)) }
        return result
    }

    /// Connections held in the never-accepting listener's queue: the kernel takes backlog + 1.
    public var acceptQueue: Int { backlog.map { $0 + 1 } ?? 0 }

    /// Sockets the population holds at READY, counted per state as `ss` would show them.
    public var socketCount: Int {
        timeWait + 2 * established + 2 * closeWait + 2 * acceptQueue + overflow + listeners.count
    }

    /// File descriptors the process holds at once: stdio, listeners, held sockets, one connect/accept
    /// pair in flight, the TIME_WAIT server ends waiting to settle, and a margin for inherited ones.
    public var fileDescriptorCount: Int {
        3 + listeners.count + 2 * established + closeWait + acceptQueue + overflow + 2 + TimeWaitFactory.unsettledCapacity + 32
    }

    /// TIME_WAIT connections toward `destinations[index]` under round-robin spreading.
    private func timeWait(toDestinationAt index: Int) -> Int {
        timeWait / destinations.count + (index < timeWait % destinations.count ? 1 : 0)
    }

    /// Outgoing connections alive at once toward each endpoint, with the option naming it; each
    /// needs its own local port from the ephemeral range.
    public var connectionsPerEndpoint: [(endpoint: LoopbackEndpoint, connections: Int, argument: String)] {
        var result = [(endpoint: LoopbackEndpoint, connections: Int, argument: String)]()
        if timeWait > 0 {
            for (index, endpoint) in destinations.enumerated() {
                result.append((endpoint, timeWait(toDestinationAt: index), "--time-wait"))
            }
        }
        if established > 0 { result.append((service, established, "--established")) }
        if closeWait > 0 { result.append((leaky, closeWait, "--close-wait")) }
        if backlog != nil { result.append((slow, acceptQueue + overflow, "--backlog")) }
        return result
    }

    /// Backlog of the listeners that accept everything at once; only one connection waits at a time.
    private static let acceptingBacklog = 128

    private static func check(_ argument: String, _ value: Int, in allowed: ClosedRange<Int>) throws(LoadPlanError) {
        guard allowed.contains(value) else { throw .outOfRange(argument: argument, value: value, allowed: allowed) }
    }

    private static func storm(rate: Int, duration: Int, hold: Int) throws(LoadPlanError) -> Storm? {
        switch (rate > 0, duration > 0) {
        case (false, false): return nil
        case (true, false): throw .needsCompanion(argument: "--rate", companion: "--duration")
        case (false, true): throw .needsCompanion(argument: "--duration", companion: "--rate")
        case (true, true):
            guard duration <= hold else { throw .stormLongerThanHold(duration: duration, hold: hold) }
            return Storm(rate: rate, duration: duration)
        }
    }

    private func checkDistinctListeners() throws(LoadPlanError) {
        var owners = [LoopbackEndpoint: ListenerRole]()
        for listener in listeners {
            if let other = owners[listener.endpoint] {
                throw .duplicateEndpoint(argument: listener.role.argument, endpoint: listener.endpoint, otherArgument: other.argument)
            }
            owners[listener.endpoint] = listener.role
        }
    }
}
