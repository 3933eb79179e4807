import Glibc

/// A process close to its own descriptor limit: lowers its soft `RLIMIT_NOFILE` to ``limit``, then
/// opens loopback connections, both ends held, until ``held`` descriptors are open, and keeps them
/// for ``seconds`` or until a stop is requested. Its fd count over its soft limit is what a
/// dashboard's file-descriptor pane ranks by.
public struct FileDescriptorPressure: Equatable, Sendable {
    /// The soft limit the process sets itself (kept at or under the hard limit).
    public let limit: Int
    /// Descriptors open at once, stdio and the listener included.
    public let held: Int
    /// Seconds to hold them.
    public let seconds: Int
    /// The listener the connections go to.
    public let endpoint: LoopbackEndpoint

    /// - Precondition: `held` is below `limit`, so the process stays under it.
    public init(limit: Int, held: Int, seconds: Int, endpoint: LoopbackEndpoint) {
        (self.limit, self.held, self.seconds, self.endpoint) = (limit, held, seconds, endpoint)
    }

    /// Lowers the limit, opens the connections and holds them; every socket is closed on every path.
    public func run(clock: LoadClock) throws(SocketError) {
        let started = clock.now()
        lowerSoftLimit()
        let population = Population()
        defer { population.closeAll() }
        let listener = try TCPSocket.listen(on: endpoint, backlog: 128)
        population.addListener(listener)
        while Self.openDescriptors(below: limit) + 2 <= held {
            if clock.stopRequested() { return }
            let client = try TCPSocket.open(toward: endpoint)
            population.hold(client)
            try client.connect()
            population.hold(try listener.accept())
        }
        _ = clock.wait(until: started + .nanoseconds(seconds: seconds))
    }

    /// Sets the soft `RLIMIT_NOFILE` to ``limit``, or to the hard limit when that is lower; lowering
    /// a soft limit needs no privilege.
    private func lowerSoftLimit() {
        let resource = __rlimit_resource_t(RLIMIT_NOFILE.rawValue)
        var current = rlimit()
        getrlimit(resource, &current)
        current.rlim_cur = min(current.rlim_max, rlim_t(limit))
        setrlimit(resource, &current)
    }

    /// Descriptors open in this process with numbers below `ceiling` (`F_GETFD` succeeds on each).
    static func openDescriptors(below ceiling: Int) -> Int {
        (0..<Int32(ceiling)).count { fcntl($0, F_GETFD) >= 0 }
    }
}
