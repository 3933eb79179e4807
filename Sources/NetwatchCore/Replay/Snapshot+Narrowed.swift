/// A recorded snapshot seen through a port filter or a drill target chosen during replay.
///
/// Only what was recorded can be narrowed: the destinations, listeners, local ports and (when
/// the recording kept them, `record --port`) the sockets. State counts, peers and rates stay as
/// recorded; the replay says so.
extension Snapshot {
    public func narrowed(filter: PortSet?, drill: DrillTarget?) -> Snapshot {
        var copy = self
        copy.drill = drill
        guard let ports = drill?.ports ?? filter else { return copy }
        copy.filter = filter ?? self.filter
        copy.ports.destinations = self.ports.destinations.filter { ports.contains($0.remotePort) }
        copy.listeners = listeners.filter { ports.contains($0.record.port) }
        copy.localPorts = localPorts.filter { ports.contains($0.port) }
        copy.sockets = sockets?.filter { ports.matches(localPort: $0.record.localPort, remotePort: $0.record.remotePort) }
        return copy
    }
}
