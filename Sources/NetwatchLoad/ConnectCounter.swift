import Glibc

/// Runs of connect() or accept() whose every result the generator counts itself, for comparing
/// with what netwatch counted for this process (its pid and `comm` are in the report).
public struct ConnectCounter {
    let clock: LoadClock
    let emit: (String) -> Void

    public init(clock: LoadClock, emit: @escaping (String) -> Void) {
        self.clock = clock
        self.emit = emit
    }

    /// Listens on `destination` and connects to it `attempts` times (at `rate` per second, or at
    /// once with 0), keeping every connection open, so that once the ephemeral range is used up
    /// connect() fails with EADDRNOTAVAIL. Prints `EXHAUSTING {"pid"}` when it starts and `EXHAUST {"pid", "attempts", "succeeded",
    /// "addr_not_avail", "other", "accepted", "elapsed_us"}`, then holds the connections for `hold` seconds or
    /// until a stop is requested.
    public func exhaust(_ destination: LoopbackEndpoint, attempts: Int, rate: Int, hold: Int) throws {
        raiseFileLimit()
        let listener = try TCPSocket.listen(on: destination, backlog: 4096)
        var held = [listener]
        defer { held.forEach { $0.close() } }
        var succeeded = 0, addressNotAvailable = 0, other = 0, accepted = 0
        emit(report("EXHAUSTING", [("pid", Int(getpid()))]))
        let started = clock.now()
        for attempt in 0..<attempts {
            if rate > 0, !clock.wait(until: started + UInt64(attempt) * 1_000_000_000 / UInt64(rate)) { break }
            let client = try TCPSocket.open(toward: destination)
            do throws(SocketError) {
                try client.connect()
            } catch {
                client.close()
                if case let .systemCall(_, _, code) = error, code == EADDRNOTAVAIL {
                    addressNotAvailable += 1
                } else {
                    other += 1
                }
                continue
            }
            succeeded += 1
            held.append(client)
            held.append(try listener.accept())
            accepted += 1
        }
        let attempted = succeeded + addressNotAvailable + other
        // From the first connect() to the end of the last, on this process's monotonic clock: its own rate's window.
        let elapsedMicroseconds = Int((clock.now() - started) / 1000)
        emit(report("EXHAUST", [("pid", Int(getpid())), ("attempts", attempted), ("succeeded", succeeded),
                                ("addr_not_avail", addressNotAvailable), ("other", other), ("accepted", accepted),
                                ("elapsed_us", elapsedMicroseconds)]))
        _ = clock.wait(until: clock.now() + UInt64(hold) * 1_000_000_000)
    }

    /// Listens on `listener`, makes `connections` connections to itself (their descriptors moved
    /// above `fdLimit`), lowers its own soft fd limit to `fdLimit` (as `ulimit -n` would) and calls
    /// accept() once per connection: the calls past the free descriptors fail with EMFILE.
    /// Prints `ACCEPT {"pid", "calls", "accepted", "emfile", "other"}` and holds like ``exhaust``.
    /// - Parameter goFile: when set, the limit lowered, prints `LIMITED {"pid":…}` and waits until
    ///   this file exists before calling accept() (a test makes it once netwatch watches).
    public func acceptUnderLimit(_ endpoint: LoopbackEndpoint, connections: Int, fdLimit: Int, hold: Int,
                                 goFile: String? = nil) throws {
        raiseFileLimit()
        let listener = try TCPSocket.listen(on: endpoint, backlog: connections + 1)
        var held = [listener]
        defer { held.forEach { $0.close() } }
        for index in 0..<connections {
            let client = try TCPSocket.open(toward: endpoint)
            try client.connect()
            let high = dup2(client.fd, Int32(fdLimit + 16 + index))
            guard high >= 0 else { throw SocketError.systemCall(operation: "dup2", endpoint: endpoint, errno: errno) }
            client.close()
            held.append(TCPSocket(fd: high, endpoint: endpoint))
        }
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        limit.rlim_cur = rlim_t(fdLimit)
        guard setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else {
            throw SocketError.systemCall(operation: "setrlimit(RLIMIT_NOFILE)", endpoint: endpoint, errno: errno)
        }
        if let goFile {
            emit(report("LIMITED", [("pid", Int(getpid()))]))
            while access(goFile, F_OK) != 0 {
                if !clock.wait(until: clock.now() + 10_000_000) { return }   // stopped while waiting
            }
        }
        var accepted = 0, processLimit = 0, other = 0
        for _ in 0..<connections {
            let child = Glibc.accept(listener.fd, nil, nil)
            if child >= 0 {
                accepted += 1
                held.append(TCPSocket(fd: child, endpoint: endpoint))
            } else if errno == EMFILE {
                processLimit += 1
            } else {
                other += 1
            }
        }
        emit(report("ACCEPT", [("pid", Int(getpid())), ("calls", connections), ("accepted", accepted),
                               ("emfile", processLimit), ("other", other)]))
        _ = clock.wait(until: clock.now() + UInt64(hold) * 1_000_000_000)
    }

    /// `PREFIX {"name":value,…}` in the given order.
    private func report(_ prefix: String, _ fields: [(String, Int)]) -> String {
        let members: [String] = fields.map { name, value in "\"\(name)\":\(value)" }
        return prefix + " {" + members.joined(separator: ",") + "}"
    }

    /// Soft fd limit up to the hard one: every held connection is two descriptors.
    private func raiseFileLimit() {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return }
        limit.rlim_cur = limit.rlim_max
        _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
    }
}
