extension ConnectionHealth {
    /// The health of a walk: every destination's figures and, where owners were looked up, every
    /// process's, the busiest `top` of each.
    public static func analyse(_ sample: RawSample, top: Int) -> ConnectionHealth? {
        guard let table = sample.table, !table.health.isEmpty || table.tcpInfoRead else { return nil }
        var listed = Array(destinations(table.health).prefix(top))
        for index in listed.indices {
            listed[index].earlierRTT = sample.earlierRTT[RemoteEndpoint(address: listed[index].address, port: listed[index].port)]
        }
        return ConnectionHealth(destinations: listed, destinationCount: table.health.count,
                                processes: Array(processes(table.healthSockets, owners: sample.owners).prefix(top)),
                                tcpInfo: table.tcpInfoRead)
    }

    /// Every destination's figures, the largest pool first (then most SYN_SENT, then by address and port).
    public static func destinations(_ tallies: [RemoteEndpoint: HealthTally]) -> [Destination] {
        tallies.map { Destination(address: $0.key.address, port: $0.key.port, figures: $0.value.figures) }
            .sorted(by: busierFirst)
    }

    /// Every owning process's figures over its kept client sockets, the largest pool first.
    static func processes(_ sockets: [UInt32: SocketHealth], owners: [UInt32: ProcessIdentity]) -> [Process] {
        var tallies = [ProcessIdentity: (tally: HealthTally, toward: [RemoteEndpoint: Int])]()
        for (inode, socket) in sockets {
            guard let owner = owners[inode] else { continue }
            tallies[owner, default: (HealthTally(), [:])].tally.add(socket)
            tallies[owner]?.toward[socket.destination, default: 0] += 1
        }
        return tallies.map { process, value in
            let busiest = value.toward.max { $0.value != $1.value ? $0.value < $1.value : !endpointFirst($0.key, $1.key) }
            return Process(process: process, figures: value.tally.figures, busiestDestination: busiest?.key)
        }.sorted {
            let a = $0.figures, b = $1.figures
            if a.established + a.synSent != b.established + b.synSent { return a.established + a.synSent > b.established + b.synSent }
            return $0.process.pid < $1.process.pid
        }
    }

    static func busierFirst(_ x: Destination, _ y: Destination) -> Bool {
        let a = x.figures, b = y.figures
        if a.established != b.established { return a.established > b.established }
        if a.synSent != b.synSent { return a.synSent > b.synSent }
        return endpointFirst(RemoteEndpoint(address: x.address, port: x.port), RemoteEndpoint(address: y.address, port: y.port))
    }

    /// Lower port first, then the lower address (as text, as elsewhere in netwatch).
    static func endpointFirst(_ a: RemoteEndpoint, _ b: RemoteEndpoint) -> Bool {
        a.port != b.port ? a.port < b.port : a.address.description < b.address.description
    }
}
