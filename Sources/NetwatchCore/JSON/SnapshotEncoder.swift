import FoundationEssentials

/// The `netwatch.snapshot/1` JSON contract, written in one place. Field order follows
/// `schema/netwatch.snapshot-1.schema.json`; keys are snake_case; absent data is `null`, never 0.
public enum SnapshotEncoder {
    public static func encode(_ snapshot: Snapshot, extra: [(String, JSONValue)] = []) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("schema", .string(Snapshot.schema)),
            ("taken_at", .string(rfc3339(snapshot.takenAt))),
            ("host", .object([("name", JSONValue(snapshot.hostName)), ("kernel", JSONValue(snapshot.kernel))])),
            ("interval_s", JSONValue(snapshot.intervalSeconds)),
            ("filter", snapshot.filter.map { .object([("ports", .array($0.ports.map { .int(Int64($0)) }))]) } ?? .null),
            ("drill", snapshot.drill?.jsonValue ?? .null),
            ("collector", collector(snapshot.collector)),
            ("sysctl", sysctl(snapshot.sysctl)),
            ("sockstat", sockstat(snapshot.sockstat)),
            ("states", states(snapshot.states)),
            ("rates", .object(RateCounter.allCases.map { ($0.rawValue, JSONValue(snapshot.rates[$0] ?? nil)) })),
            ("counters", .object(RateCounter.allCases.map { ($0.rawValue, JSONValue(snapshot.counters[$0] ?? nil)) })),
            ("ports", ports(snapshot.ports)),
            ("fds", fds(snapshot.fds)),
            ("peers", .array(snapshot.peers.map(peer))),
            ("listeners", .array(snapshot.listeners.map(listener))),
            ("local_ports", .array(snapshot.localPorts.map(localPort))),
            ("close_wait_owners", .array(snapshot.closeWaitOwners.map(closeWaitOwner))),
            ("connectors", connectors(snapshot.connectors)),
            ("syn_sent", .array(snapshot.synSent.map(synSentTarget))),
            ("conntrack", conntrack(snapshot.conntrack)),
            ("health", health(snapshot.health)),
        ]
        if let sockets = snapshot.sockets {
            members.append(("sockets", .array(sockets.map(socket))))
            members.append(("sockets_matched", .int(Int64(snapshot.socketsMatched))))
            members.append(("sockets_matched_by_state", stateObject(snapshot.socketsMatchedByState)))
            members.append(("sockets_matched_by_peer", .array(snapshot.socketsMatchedByPeer.map(peer))))
            members.append(("sockets_matched_by_port", .array(snapshot.socketsMatchedByPort.map(localPort))))
        }
        if let namespace = snapshot.namespace { members.append(("netns", .object(NamespaceOverviewEncoder.identity(namespace)))) }
        members.append(("advice", .array(snapshot.advice.map(finding))))
        members += extra
        return .object(members)
    }

    /// RFC 3339 in UTC with milliseconds: `2026-11-26T19:05:16.123Z`. Computed directly
    /// (civil-from-days), not with a date formatter: exports format thousands of history points.
    public static func rfc3339(_ date: Date) -> String {
        let totalMs = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let ms = Int(((totalMs % 1000) + 1000) % 1000)
        let seconds = (totalMs - Int64(ms)) / 1000
        var days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = Int(seconds - days * 86_400)
        // Howard Hinnant's civil_from_days: days since 1970-01-01 → year, month, day.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let dayOfEra = days - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = Int(dayOfYear - (153 * monthIndex + 2) / 5 + 1)
        let month = Int(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9)
        let year = Int(yearOfEra + era * 400 + (month <= 2 ? 1 : 0))
        func pad(_ n: Int, _ width: Int) -> String {
            let digits = String(n)
            return String(repeating: "0", count: max(0, width - digits.count)) + digits
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))T\(pad(secondOfDay / 3600, 2)):\(pad(secondOfDay / 60 % 60, 2)):"
            + "\(pad(secondOfDay % 60, 2)).\(pad(ms, 3))Z"
    }

    static func peer(_ peer: Snapshot.Peer) -> JSONValue {
        .object([("address", .string(peer.address.description)), ("total", .int(Int64(peer.total))),
                 ("by_state", stateObject(peer.counts))])
    }

    static func localPort(_ local: Snapshot.LocalPort) -> JSONValue {
        .object([("port", .int(Int64(local.port))), ("total", .int(Int64(local.counts.total))),
                 ("by_state", stateObject(local.counts))])
    }

    static func collector(_ c: Snapshot.Collector) -> JSONValue {
        .object([
            ("source", .string(c.source.rawValue)),
            ("duration_ms", .double(c.timings.totalMs)),
            ("sockets_ms", .double(c.timings.socketsMs)),
            ("processes_ms", .double(c.timings.processesMs)),
            ("owners_ms", JSONValue(c.timings.ownersMs)),
            ("conntrack_ms", JSONValue(c.timings.conntrackMs)),
            ("owners_unreadable_processes", JSONValue(c.ownersUnreadableProcesses)),
            ("skipped_lines", .int(Int64(c.skippedLines))),
            ("warnings", .array(c.warnings.map { .string($0) })),
        ])
    }

    static func range(_ r: ClosedRange<UInt16>) -> JSONValue { .array([.int(Int64(r.lowerBound)), .int(Int64(r.upperBound))]) }

    static func sysctl(_ s: Sysctls) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("ip_local_port_range", s.ipLocalPortRange.map(range) ?? .null),
            ("ip_local_reserved_ports", s.ipLocalReservedPorts.map { .array($0.map(range)) } ?? .null),
        ]
        members += Sysctls.integerFiles.map { ($0.name, JSONValue(s[keyPath: $0.keyPath])) }
        return .object(members)
    }

    static func sockstat(_ s: Sockstat?) -> JSONValue {
        .object([("inuse", JSONValue(s?.inuse)), ("inuse6", JSONValue(s?.inuse6)), ("orphan", JSONValue(s?.orphan)),
                 ("tw", JSONValue(s?.tw)), ("alloc", JSONValue(s?.alloc)), ("mem", JSONValue(s?.mem))])
    }

    public static func stateObject(_ counts: StateCounts) -> JSONValue {
        .object(TCPState.allCases.map { ($0.name, .int(Int64(counts[$0]))) })
    }

    static func states(_ s: Snapshot.States?) -> JSONValue {
        guard let s else {
            return .object([("total", .null), ("by_state", .null), ("ipv4", .null), ("ipv6", .null),
                            ("orphaned_fin_wait2", .null), ("time_wait_clients_closed", .null),
                            ("time_wait_servers_closed", .null)])
        }
        return .object([("total", .int(Int64(s.total))), ("by_state", stateObject(s.byState)),
                        ("ipv4", stateObject(s.ipv4)), ("ipv6", s.ipv6.map(stateObject) ?? .null),
                        ("orphaned_fin_wait2", .int(Int64(s.orphanedFinWait2))),
                        ("time_wait_clients_closed", JSONValue(s.timeWaitClientsClosed)),
                        ("time_wait_servers_closed", JSONValue(s.timeWaitServersClosed))])
    }

    static func destination(_ d: Snapshot.Destination) -> JSONValue {
        .object([
            ("local_address", .string(d.localAddress.description)),
            ("remote_address", .string(d.remoteAddress.description)),
            ("remote_port", .int(Int64(d.remotePort))),
            ("used", .int(Int64(d.used))),
            ("time_wait", .int(Int64(d.timeWait))),
            ("usable", .int(Int64(d.usable))),
            ("ratio", .double(d.ratio)),
            ("ratio_with_reuse", JSONValue(d.ratioWithReuse)),
            ("growth_per_s", JSONValue(d.growthPerSecond)),
            ("seconds_to_exhaustion", JSONValue(d.secondsToExhaustion)),
        ])
    }

    static func ports(_ p: Snapshot.Ports) -> JSONValue {
        .object([
            ("range", p.range.map(range) ?? .null),
            ("reserved", JSONValue(p.reserved)),
            ("held_by_listeners", JSONValue(p.heldByListeners)),
            ("usable", JSONValue(p.usable)),
            ("tw_reuse", JSONValue(p.twReuse)),
            ("worst", p.worst.map(destination) ?? .null),
            ("destination_count", .int(Int64(p.destinationCount))),
            ("destinations", .array(p.destinations.map(destination))),
        ])
    }

    static func fds(_ f: Snapshot.FileDescriptors) -> JSONValue {
        .object([
            ("system", .object([("allocated", JSONValue(f.systemAllocated)), ("max", JSONValue(f.systemMax)),
                                ("ratio", JSONValue(f.systemRatio)), ("nr_open", JSONValue(f.nrOpen))])),
            ("processes", .array(f.processes.map(process))),
            ("process_count", .int(Int64(f.processCount))),
            ("unreadable_processes", .int(Int64(f.unreadableProcesses))),
        ])
    }

    static func process(_ p: ProcessFDUsage) -> JSONValue {
        .object([("pid", .int(Int64(p.process.pid))), ("command", .string(p.process.command)),
                 ("open", .int(Int64(p.open))), ("soft_limit", JSONValue(p.limit.soft)),
                 ("hard_limit", JSONValue(p.limit.hard)), ("ratio", JSONValue(p.ratio))])
    }

    static func listener(_ l: Snapshot.Listener) -> JSONValue {
        .object([
            ("address", .string(l.record.address.description)),
            ("port", .int(Int64(l.record.port))),
            ("accept_queue", .int(Int64(l.record.acceptQueue))),
            ("backlog", JSONValue(l.record.backlog)),
            ("pid", JSONValue(l.owner.map { Int64($0.pid) })),
            ("command", JSONValue(l.owner?.command)),
        ])
    }

    static func socket(_ s: Snapshot.Socket) -> JSONValue {
        let r = s.record
        return .object([
            ("state", .string(r.state.name)),
            ("local_address", .string(r.localAddress.description)),
            ("local_port", .int(Int64(r.localPort))),
            ("remote_address", .string(r.remoteAddress.description)),
            ("remote_port", .int(Int64(r.remotePort))),
            ("expires_ms", r.timer == 0 ? .null : .int(Int64(r.expiresMs))),
            ("rx_queue", .int(Int64(r.rxQueue))),
            ("tx_queue", .int(Int64(r.txQueue))),
            ("kernel_held", .bool(r.inode == 0)),
            ("pid", JSONValue(s.owner.map { Int64($0.pid) })),
            ("command", JSONValue(s.owner?.command)),
        ])
    }
}
