/// Every socket the generator holds open: its listeners, both ends of held connections, the
/// CLOSE_WAIT server ends and the queued and overflowing clients. Builders add each socket as soon
/// as it exists, so ``closeAll()`` releases everything after a failure or a stop as well.
final class Population {
    /// Listeners, in the order of ``LoadPlan/listeners``.
    private(set) var listeners = [TCPSocket]()
    private var held = [TCPSocket]()

    func addListener(_ socket: TCPSocket) {
        listeners.append(socket)
    }

    func hold(_ socket: TCPSocket) {
        held.append(socket)
    }

    /// The listeners opened for `role`, in plan order (empty if the plan has none).
    func listeners(for role: LoadPlan.ListenerRole, in plan: LoadPlan) -> [TCPSocket] {
        plan.listeners.indices.filter { plan.listeners[$0].role == role }.map { listeners[$0] }
    }

    /// Closes every socket, connections first, then listeners.
    func closeAll() {
        for socket in held { socket.close() }
        for socket in listeners { socket.close() }
        held.removeAll()
        listeners.removeAll()
    }
}
