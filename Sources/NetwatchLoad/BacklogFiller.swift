/// Fills a never-accepting listener's accept queue to the brim, then sends SYNs it must drop.
///
/// The kernel treats the queue as full when it holds more than the backlog (`sk_acceptq_is_full`:
/// `ack_backlog > max_ack_backlog`), so backlog + 1 connections complete their handshake and wait in
/// the queue, client and child both ESTABLISHED. Only when the listener reports that many queued
/// (`TCP_INFO`) do the overflow connects start: their SYNs are dropped (`ListenOverflows` and
/// `ListenDrops` count each one and each retransmission) and they stay SYN_SENT until
/// `tcp_syn_retries` gives up, about 127 s later with the default of 6.
struct BacklogFiller {
    /// What the listener holds once filled.
    struct Outcome {
        /// Connections waiting in the accept queue.
        let queued: Int
        /// The queue's limit as the kernel applied it (the `listen()` backlog after the somaxconn clamp).
        let limit: Int
        /// Overflow clients still in SYN_SENT.
        let synSent: Int
    }

    let listener: TCPSocket
    let wait: StateWait

    /// Queues `queue` connections, then starts `overflow` more; every client is held by `population`.
    /// Returns nil if a stop was requested.
    func fill(queue: Int, overflow: Int, into population: Population) throws(SocketError) -> Outcome? {
        let queuedClients = try connect(queue, into: population)
        guard try wait.until(queuedClients, are: .established, toward: listener.endpoint),
              try wait.until(listener, queues: queue)
        else { return nil }
        let overflowClients = try connect(overflow, into: population)
        let (queued, limit) = listener.acceptQueue() ?? (0, 0)
        return Outcome(queued: queued, limit: limit, synSent: overflowClients.count(where: { $0.state() == .synSent }))
    }

    /// Starts `count` non-blocking connects to the listener.
    private func connect(_ count: Int, into population: Population) throws(SocketError) -> [TCPSocket] {
        var clients = [TCPSocket]()
        for _ in 0..<count {
            let client = try TCPSocket.open(toward: listener.endpoint, nonBlocking: true)
            population.hold(client)
            try client.connect()
            clients.append(client)
        }
        return clients
    }
}
