/// Polls sockets about every millisecond until they reach the state the plan promised, so READY is
/// printed only once the kernel agrees. Bounded: gives up after ``seconds``.
struct StateWait {
    let clock: LoadClock
    /// Longest wait, in seconds.
    let seconds: Int

    /// Polling period, in nanoseconds.
    private static let period: UInt64 = 1_000_000

    /// Waits until every socket is in `expected`. Returns false if a stop was requested first;
    /// throws `stateTimeout` naming a laggard's state when time runs out.
    func until(_ sockets: [TCPSocket], are expected: KernelTCPState, toward endpoint: LoopbackEndpoint) throws(SocketError) -> Bool {
        var lagging = sockets
        return try until(expected.description, toward: endpoint) {
            lagging.removeAll { $0.state() == expected }
            return lagging.first.map { (lagging.count, $0.state()?.description ?? "unreadable") }
        }
    }

    /// Waits until `listener`'s accept queue holds exactly `count` connections.
    func until(_ listener: TCPSocket, queues count: Int) throws(SocketError) -> Bool {
        try until("\(count) queued connections", toward: listener.endpoint) {
            let queued = listener.acceptQueue()?.queued ?? 0
            return queued == count ? nil : (1, "a listener with \(queued) queued")
        }
    }

    /// Polls `laggard` (how many lag and how one looks, or nil when all are done) until it is nil.
    private func until(_ expected: String, toward endpoint: LoopbackEndpoint, laggard: () -> (Int, String)?) throws(SocketError) -> Bool {
        let deadline = clock.now() + .nanoseconds(seconds: seconds)
        while let (lagging, found) = laggard() {
            let now = clock.now()
            guard now < deadline else {
                throw .stateTimeout(endpoint: endpoint, expected: expected, found: found, lagging: lagging, seconds: seconds)
            }
            guard clock.wait(until: min(deadline, now + Self.period)) else { return false }
        }
        return true
    }
}
