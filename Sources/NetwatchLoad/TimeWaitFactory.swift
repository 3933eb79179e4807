import Glibc

/// Creates client-side TIME_WAIT entries toward the generator's own listeners (docs/KERNEL.md §4: the
/// side that closes first gets TIME_WAIT). One connection at a time: connect, accept, close the
/// client, read its FIN on the server end, then shut the server's write side. When the server end
/// reaches CLOSE, the client has answered the server's FIN from TIME_WAIT; only then is the server
/// end closed, so READY never runs ahead of the kernel.
///
/// Local ports. A new namespace has `tcp_tw_reuse=2`: toward a loopback destination, a connect may
/// take over a TIME_WAIT entry older than `tcp_tw_reuse_delay` (1 s) on the same 4-tuple, destroying
/// it. Left to the kernel's choice, that starts once a destination's port scan wraps around while
/// creation has lasted over a second (measured: 20000 per destination over 3 destinations kept only
/// about 13200 each). So each connection's port is pinned with `IP_LOCAL_PORT_RANGE` to the
/// destination's next usable port of `ip_local_port_range`: the kernel still allocates it through
/// `connect()`, but never a port already used toward that destination, so up to the usable range
/// size per destination exist exactly (``NamespaceLimits/check(_:)`` enforces that size). A port held by
/// another socket is skipped. Kernels before 6.3 lack the option; the kernel then chooses, and the
/// distinct local ports per destination are counted so that the number reported is the number that
/// exists. Either way the entries expire 60 s after creation (`TCP_TIMEWAIT_LEN`), whatever the hold.
struct TimeWaitFactory {
    /// What one destination received.
    struct Tally {
        let endpoint: LoopbackEndpoint
        /// Distinct local ports used: the TIME_WAIT entries that exist.
        private(set) var ports = PortBitmap()
        /// Connects that got a port already used toward this destination (an entry was taken over).
        private(set) var reused = 0
        /// Index of the next port to pin in the factory's usable ports.
        var nextPort = 0

        init(endpoint: LoopbackEndpoint) {
            self.endpoint = endpoint
        }

        mutating func record(_ port: UInt16) {
            if !ports.insert(port) { reused += 1 }
        }
    }

    /// Server ends that may wait at once for the client's last ACK; bounds descriptors and memory.
    static let unsettledCapacity = 64

    /// The destination listeners, in `--destinations` order.
    let listeners: [TCPSocket]
    /// The ports to pin, ascending (``NamespaceLimits/usablePorts(besides:)``).
    let usablePorts: [UInt16]
    let wait: StateWait

    /// Creates `count` entries round-robin over the listeners; nil if a stop was requested.
    func make(_ count: Int) throws(SocketError) -> [Tally]? {
        var tallies = listeners.map { Tally(endpoint: $0.endpoint) }
        var pinning = true
        var unsettled = [TCPSocket]()
        defer { for server in unsettled { server.close() } }
        for index in 0..<count {
            if index % 256 == 255, wait.clock.stopRequested() { return nil }
            let destination = index % listeners.count
            let (port, server) = try connect(through: listeners[destination], tally: &tallies[destination], pinning: &pinning)
            tallies[destination].record(port)
            if server.state() == .close { server.close() } else { unsettled.append(server) }
            if unsettled.count == Self.unsettledCapacity, try !settle(&unsettled) { return nil }
        }
        return try settle(&unsettled) ? tallies : nil
    }

    /// One connection closed by the client first, on the destination's next free pinned port;
    /// turns `pinning` off for good when the kernel does not know the option.
    private func connect(
        through listener: TCPSocket, tally: inout Tally, pinning: inout Bool
    ) throws(SocketError) -> (port: UInt16, server: TCPSocket) {
        while true {
            let pin = pinning && tally.nextPort < usablePorts.count ? usablePorts[tally.nextPort] : nil
            tally.nextPort += 1
            do throws(SocketError) {
                return try Self.closeClientFirst(through: listener, localPort: pin)
            } catch SocketError.systemCall(operation: _, endpoint: _, errno: ENOPROTOOPT) where pin != nil {
                pinning = false
            } catch SocketError.systemCall(operation: "connect", endpoint: _, errno: EADDRNOTAVAIL) where pin != nil {
                continue
            }
        }
    }

    /// One connection through `listener`, closed by the client first. Returns the client's local
    /// port and the server end, which has read the FIN and sent its own; the caller closes it.
    /// - Parameter localPort: the port to pin, or nil to let the kernel choose.
    static func closeClientFirst(through listener: TCPSocket, localPort: UInt16?) throws(SocketError) -> (port: UInt16, server: TCPSocket) {
        let client = try TCPSocket.open(toward: listener.endpoint)
        let port: UInt16
        let server: TCPSocket
        do throws(SocketError) {
            if let localPort { try client.pinLocalPort(localPort) }
            try client.connect()
            port = try client.localPort()
            server = try listener.accept()
        } catch {
            client.close()
            throw error
        }
        client.close()
        do throws(SocketError) {
            try server.awaitEndOfStream()
            try server.shutdownWrite()
        } catch {
            server.close()
            throw error
        }
        return (port, server)
    }

    /// Waits until the unsettled server ends reach CLOSE, then closes them; false if a stop came first.
    private func settle(_ unsettled: inout [TCPSocket]) throws(SocketError) -> Bool {
        guard let first = unsettled.first else { return true }
        let settled = try wait.until(unsettled, are: .close, toward: first.endpoint)
        for server in unsettled { server.close() }
        unsettled.removeAll(keepingCapacity: true)
        return settled
    }
}
