import FoundationEssentials

/// Reads a `netwatch.snapshot/1` document (one line of a recording, or an export) back into a
/// ``Snapshot``: the inverse of ``SnapshotEncoder``, so re-encoding a decoded snapshot gives the
/// same text.
///
/// Fields the model derives (`states.total`, `by_state`, every `total` beside a `by_state`, the fd
/// `ratio`s) are recomputed, not read. A missing member reads as `null`: optional data becomes
/// `nil`, arrays become empty, and a required field reports itself missing by its JSON path.
/// Two things the schema does not record come back as stand-ins: a listener's inode is 0, and a
/// socket's timer kind is 1 when `expires_ms` is present (only "running or not" is recorded) and
/// its inode is 1 when it is not `kernel_held`.
public enum SnapshotDecoder {
    // What each recorded measure can hold; a value outside is not netwatch's, and the line is
    // skipped with its path and this range as the reason.
    /// Seconds between two counter samples.
    static let intervalSeconds = 0.001...1e6
    /// Collector timings in milliseconds.
    static let milliseconds = 0.0...1e9
    /// used / usable: used ≤ 65535 ports, usable ≥ 1.
    static let ratios = 0.0...65536
    /// Events per second: a 64-bit counter's whole range over a millisecond.
    static let perSecond = 0.0...1e23
    /// Ports gained or lost per second.
    static let growthPerSecond = -1e12...1e12
    /// Seconds to exhaustion: 65535 ports at the slowest growth.
    static let seconds = 0.0...1e12

    /// Parses and decodes one JSON text (one NDJSON line).
    public static func decode(_ text: String) throws(SnapshotDecodeError) -> Snapshot {
        try decode(try parse(text))
    }

    /// Parses one JSON text, reporting a parse failure as ``SnapshotDecodeError/invalidJSON(_:)``.
    public static func parse(_ text: String) throws(SnapshotDecodeError) -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw .invalidJSON(error)
        }
    }

    public static func decode(_ value: JSONValue) throws(SnapshotDecodeError) -> Snapshot {
        let root = JSONField(value, path: "")
        guard case .object = value else { throw .invalidField(path: "(document)", reason: "expected an object") }
        try checkSchema(root.member("schema"))
        let host = try root.member("host").object()
        let sockets = try root.member("sockets").optionalItems()
        var snapshot = Snapshot(
            takenAt: try date(root.member("taken_at")),
            hostName: try host.member("name").optionalString(),
            kernel: try host.member("kernel").optionalString(),
            intervalSeconds: try root.member("interval_s").optionalDouble(in: intervalSeconds),
            filter: try filter(root.member("filter").object()),
            drill: try drill(root.member("drill").object()),
            collector: try collector(root.member("collector").object()),
            sysctl: try sysctl(root.member("sysctl").object()),
            sockstat: try sockstat(root.member("sockstat").object()),
            states: try states(root.member("states").object()),
            rates: try counters(root.member("rates").object()) { (f) throws(SnapshotDecodeError) in try f.optionalDouble(in: perSecond) },
            counters: try counters(root.member("counters").object()) { (f) throws(SnapshotDecodeError) in try f.optionalCount(Int64.self) },
            ports: try ports(root.member("ports").object()),
            fds: try fds(root.member("fds").object()),
            peers: try root.member("peers").list(peer),
            listeners: try root.member("listeners").list(listener),
            localPorts: try root.member("local_ports").list(localPort),
            sockets: try sockets.map { (items) throws(SnapshotDecodeError) in
                var out: [Snapshot.Socket] = []
                for item in items { out.append(try socket(item)) }
                return out
            },
            socketsMatched: sockets == nil ? 0 : try root.member("sockets_matched").count(Int.self),
            socketsMatchedByState: try matchedByState(root.member("sockets_matched_by_state").object()),
            socketsMatchedByPeer: try root.member("sockets_matched_by_peer").list(peer),
            socketsMatchedByPort: try root.member("sockets_matched_by_port").list(localPort),
            closeWaitOwners: try root.member("close_wait_owners").list(closeWaitOwner),
            connectors: try connectors(root.member("connectors").object()),
            synSent: try root.member("syn_sent").list(synSentTarget),
            advice: try root.member("advice").list(finding),
            conntrack: try conntrack(root.member("conntrack").object())
        )
        snapshot.namespace = try namespace(root.member("netns"))
        snapshot.health = try health(root.member("health").object())
        return snapshot
    }

    static func peer(_ f: JSONField) throws(SnapshotDecodeError) -> Snapshot.Peer {
        Snapshot.Peer(address: try f.member("address").address(), counts: try stateCounts(f.member("by_state").object()))
    }

    static func localPort(_ f: JSONField) throws(SnapshotDecodeError) -> Snapshot.LocalPort {
        Snapshot.LocalPort(port: try f.member("port").int(UInt16.self), counts: try stateCounts(f.member("by_state").object()))
    }

    /// `netwatch.snapshot/1` passes; a higher version is ``SnapshotDecodeError/newerSchema(found:supported:)``.
    static func checkSchema(_ field: JSONField) throws(SnapshotDecodeError) {
        let schema = try field.string()
        if schema == Snapshot.schema { return }
        let prefix = "netwatch.snapshot/"
        if schema.hasPrefix(prefix), let version = Int(schema.dropFirst(prefix.count)), version > 1 {
            throw .newerSchema(found: QuotedInput.prefix(schema), supported: Snapshot.schema)
        }
        throw field.error("expected \"\(Snapshot.schema)\", found \"\(QuotedInput.prefix(schema))\"")
    }

    static func date(_ field: JSONField) throws(SnapshotDecodeError) -> Date {
        guard let date = date(rfc3339: try field.string()) else {
            throw field.error("expected an RFC 3339 UTC time like 2026-11-26T19:05:16.123Z")
        }
        return date
    }

    static func port(_ field: JSONField) throws(SnapshotDecodeError) -> UInt16 { try field.int(UInt16.self) }

    /// `[low, high]`.
    static func range(_ field: JSONField) throws(SnapshotDecodeError) -> ClosedRange<UInt16> {
        let bounds = try field.items()
        guard bounds.count == 2 else { throw field.error("expected [low, high]") }
        let low = try port(bounds[0]), high = try port(bounds[1])
        guard low <= high else { throw field.error("range runs backwards") }
        return low...high
    }

    static func filter(_ field: JSONField) throws(SnapshotDecodeError) -> PortSet? {
        guard !field.isNull else { return nil }
        let ports = try field.member("ports").list(port)
        return PortSet(ranges: ports.map { $0...$0 })
    }

    static func drill(_ field: JSONField) throws(SnapshotDecodeError) -> DrillTarget? {
        guard !field.isNull else { return nil }
        let kind = field.member("kind")
        switch try kind.string() {
        case "server_port": return .serverPort(try port(field.member("port")))
        case "local_port": return .localPort(try port(field.member("port")))
        case "destination": return .destination(address: try field.member("address").address(), port: try port(field.member("port")))
        case "peer": return .peer(try field.member("address").address())
        case "process": return .process(pid: try field.member("pid").int(Int32.self))
        case let other: throw kind.error("unknown drill kind \"\(QuotedInput.prefix(other))\"")
        }
    }

    static func collector(_ field: JSONField) throws(SnapshotDecodeError) -> Snapshot.Collector {
        let sourceField = field.member("source")
        guard let source = SocketSource(rawValue: try sourceField.string()) else {
            throw sourceField.error("expected \"netlink\" or \"procfs\"")
        }
        var timings = CollectorTimings()
        timings.totalMs = try field.member("duration_ms").double(in: milliseconds)
        timings.socketsMs = try field.member("sockets_ms").double(in: milliseconds)
        timings.processesMs = try field.member("processes_ms").double(in: milliseconds)
        timings.ownersMs = try field.member("owners_ms").optionalDouble(in: milliseconds)
        timings.conntrackMs = try field.member("conntrack_ms").optionalDouble(in: milliseconds)
        return Snapshot.Collector(source: source, timings: timings, skippedLines: try field.member("skipped_lines").count(Int.self),
                                  warnings: try field.member("warnings").list { (f) throws(SnapshotDecodeError) in try f.string() },
                                  ownersUnreadableProcesses: try field.member("owners_unreadable_processes").optionalCount(Int.self))
    }

    static func sysctl(_ field: JSONField) throws(SnapshotDecodeError) -> Sysctls {
        var sysctls = Sysctls()
        let rangeField = field.member("ip_local_port_range")
        sysctls.ipLocalPortRange = rangeField.isNull ? nil : try range(rangeField)
        sysctls.ipLocalReservedPorts = try field.member("ip_local_reserved_ports").optionalItems().map {
            (items) throws(SnapshotDecodeError) in
            var out: [ClosedRange<UInt16>] = []
            for item in items { out.append(try range(item)) }
            return out
        }
        for file in Sysctls.integerFiles { sysctls[keyPath: file.keyPath] = try field.member(file.name).optionalInt() }
        return sysctls
    }

    /// All members `null` (how the encoder writes an unread sockstat) → `nil`.
    static func sockstat(_ field: JSONField) throws(SnapshotDecodeError) -> Sockstat? {
        func count(_ key: String) throws(SnapshotDecodeError) -> Int? {
            let member = field.member(key), counts = Sockstat.counts
            return try member.optionalInt().map { (value) throws(SnapshotDecodeError) in
                guard counts.contains(value) else { throw member.error("expected a count in \(counts.lowerBound)…\(counts.upperBound)") }
                return Int(value)
            }
        }
        let s = Sockstat(inuse: try count("inuse"), orphan: try count("orphan"), tw: try count("tw"), alloc: try count("alloc"),
                         mem: try count("mem"), inuse6: try count("inuse6"))
        return s == Sockstat() ? nil : s
    }

    /// `ipv4` and `ipv6` are read; `total` and `by_state` are their sum, recomputed by the model.
    static func states(_ field: JSONField) throws(SnapshotDecodeError) -> Snapshot.States? {
        let ipv4 = try field.member("ipv4").object()
        guard !ipv4.isNull else { return nil }
        let ipv6 = try field.member("ipv6").object()
        return Snapshot.States(ipv4: try stateCounts(ipv4), ipv6: ipv6.isNull ? nil : try stateCounts(ipv6),
                               orphanedFinWait2: try field.member("orphaned_fin_wait2").optionalCount(Int32.self).map(Int.init) ?? 0,
                               timeWaitClientsClosed: try field.member("time_wait_clients_closed").optionalCount(Int32.self).map(Int.init),
                               timeWaitServersClosed: try field.member("time_wait_servers_closed").optionalCount(Int32.self).map(Int.init))
    }

    /// `{"ESTABLISHED": 12, …}`; a state left out counts 0.
    static func stateCounts(_ field: JSONField) throws(SnapshotDecodeError) -> StateCounts {
        var counts = StateCounts()
        for state in TCPState.allCases { counts[state] = try field.member(state.name).optionalCount(Int32.self).map(Int.init) ?? 0 }
        return counts
    }

    /// `sockets_matched_by_state`; absent (a recording from before it existed) reads as none.
    static func matchedByState(_ field: JSONField) throws(SnapshotDecodeError) -> StateCounts {
        field.isNull ? StateCounts() : try stateCounts(field)
    }

    /// Every ``RateCounter`` by name; a missing or `null` one is known to be unknown (`.some(nil)`).
    static func counters<T>(_ field: JSONField, _ read: (JSONField) throws(SnapshotDecodeError) -> T?)
        throws(SnapshotDecodeError) -> [RateCounter: T?] {
        var values: [RateCounter: T?] = [:]
        for counter in RateCounter.allCases { values[counter] = .some(try read(field.member(counter.rawValue))) }
        return values
    }

    static func ports(_ field: JSONField) throws(SnapshotDecodeError) -> Snapshot.Ports {
        let rangeField = field.member("range"), worst = try field.member("worst").object()
        return Snapshot.Ports(
            range: rangeField.isNull ? nil : try range(rangeField),
            reserved: try field.member("reserved").optionalCount(UInt16.self).map(Int.init),
            heldByListeners: try field.member("held_by_listeners").optionalCount(UInt16.self).map(Int.init),
            usable: try field.member("usable").optionalCount(UInt16.self).map(Int.init),
            twReuse: try field.member("tw_reuse").optionalInt(),
            worst: worst.isNull ? nil : try destination(worst),
            destinations: try field.member("destinations").list(destination),
            destinationCount: try field.member("destination_count").count(Int.self))
    }

    static func destination(_ field: JSONField) throws(SnapshotDecodeError) -> Snapshot.Destination {
        Snapshot.Destination(
            localAddress: try field.member("local_address").address(),
            remoteAddress: try field.member("remote_address").address(),
            remotePort: try port(field.member("remote_port")),
            used: Int(try field.member("used").count(Int32.self)),
            timeWait: Int(try field.member("time_wait").count(Int32.self)),
            usable: Int(try field.member("usable").count(UInt16.self)),
            ratio: try field.member("ratio").double(in: ratios),
            ratioWithReuse: try field.member("ratio_with_reuse").optionalDouble(in: ratios),
            growthPerSecond: try field.member("growth_per_s").optionalDouble(in: growthPerSecond),
            secondsToExhaustion: try field.member("seconds_to_exhaustion").optionalDouble(in: seconds))
    }

    /// The system and per-process `ratio`s are recomputed from the counts and limits.
    static func fds(_ field: JSONField) throws(SnapshotDecodeError) -> Snapshot.FileDescriptors {
        let system = try field.member("system").object()
        return Snapshot.FileDescriptors(
            systemAllocated: try system.member("allocated").optionalCount(Int64.self),
            systemMax: try system.member("max").optionalCount(Int64.self),
            nrOpen: try system.member("nr_open").optionalCount(Int64.self),
            processes: try field.member("processes").list { (p) throws(SnapshotDecodeError) in
                ProcessFDUsage(process: try identity(p),
                               open: try p.member("open").count(Int.self),
                               limit: OpenFileLimit(soft: try p.member("soft_limit").optionalCount(Int64.self),
                                                    hard: try p.member("hard_limit").optionalCount(Int64.self)))
            },
            processCount: try field.member("process_count").count(Int.self),
            unreadableProcesses: try field.member("unreadable_processes").count(Int.self))
    }

    static func identity(_ field: JSONField) throws(SnapshotDecodeError) -> ProcessIdentity {
        ProcessIdentity(pid: try field.member("pid").int(Int32.self), command: try field.member("command").string())
    }

    /// `pid` and `command`, or `nil` when `pid` is `null` (no owner found).
    static func owner(_ field: JSONField) throws(SnapshotDecodeError) -> ProcessIdentity? {
        field.member("pid").isNull ? nil : try identity(field)
    }

    static func listener(_ field: JSONField) throws(SnapshotDecodeError) -> Snapshot.Listener {
        let record = ListenerRecord(address: try field.member("address").address(), port: try port(field.member("port")),
                                    acceptQueue: Int(try field.member("accept_queue").count(UInt32.self)),
                                    backlog: try field.member("backlog").optionalCount(UInt32.self).map(Int.init), inode: 0)
        return Snapshot.Listener(record: record, owner: try owner(field))
    }

    static func socket(_ field: JSONField) throws(SnapshotDecodeError) -> Snapshot.Socket {
        let stateField = field.member("state")
        guard let state = TCPState(name: try stateField.string()) else { throw stateField.error("expected a TCP state name") }
        let local = try field.member("local_address").address()
        let expires = try field.member("expires_ms").optionalInt(UInt32.self)
        let record = SocketRecord(
            family: local.family, state: state, localAddress: local, localPort: try port(field.member("local_port")),
            remoteAddress: try field.member("remote_address").address(), remotePort: try port(field.member("remote_port")),
            timer: expires == nil ? 0 : 1, expiresMs: expires ?? 0,
            rxQueue: try field.member("rx_queue").int(UInt32.self), txQueue: try field.member("tx_queue").int(UInt32.self),
            inode: try field.member("kernel_held").bool() ? 0 : 1)
        return Snapshot.Socket(record: record, owner: try owner(field))
    }
}
