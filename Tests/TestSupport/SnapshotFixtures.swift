import Foundation
import NetwatchCore

/// Snapshots of known situations, built in code through ``SnapshotBuilder`` (so they are what the
/// analyser makes of a sample), for pane rendering and anything else that needs a whole snapshot.
///
/// - ``storm()``: a client hammering a database: 28k TIME_WAIT toward `10.0.3.17:5432`, whose
///   ephemeral ports are 93% used and growing; a listener (`:8080`) with a full accept queue; nginx
///   at 95% of its fd limit; listen overflows; TIME_WAIT near `tcp_max_tw_buckets`; local ports
///   from the servers (:8080, :443, :22) down to single ephemeral ones (:40001); java holding 400
///   CLOSE_WAIT sockets toward the cache and nginx 12 on :8080.
/// - ``idle()``: a quiet host; nothing near a limit.
/// - ``missingData()``: one sample with most sources unreadable: no socket table, no sockstat,
///   no counters' rates, no sysctls, no host name.
/// - ``stormDrill(_:socketLimit:)``: the storm collected for a drill target, with its individual
///   sockets: owned ones, time-wait and request sockets (inode 0, held by the kernel), and one
///   whose owner could not be read (inode 9_999).
public enum SnapshotFixtures {
    /// When every fixture was taken: 2026-03-14 09:26:53 UTC.
    public static let takenAt = Date(timeIntervalSince1970: 1_773_480_413)

    public static let client = IPAddress("10.0.1.5")!
    public static let database = IPAddress("10.0.3.17")!
    public static let cache = IPAddress("10.0.3.22")!
    public static let api = IPAddress("10.0.3.30")!
    public static let loopback = IPAddress("127.0.0.1")!
    public static let peerV6 = IPAddress("2001:db8:40::17")!

    // MARK: storm

    /// The storm, one second after ``stormPrevious()`` (rates and port growth come from the pair).
    public static func storm() -> Snapshot {
        SnapshotBuilder.build(stormSample(), previous: stormPreviousSample(), options: .init(top: 100))
    }

    /// The storm one second earlier, for per-second state changes.
    public static func stormPrevious() -> Snapshot {
        SnapshotBuilder.build(stormPreviousSample(), previous: nil, options: .init(top: 100))
    }

    /// Five minutes of storm history at 1 s: quiet for two minutes, a climb to a peak of 29,400
    /// TIME_WAIT 40 s ago, then a plateau ending at the storm's 28,100; nginx's open fds steady at
    /// 9,130, then 10 more a second over the last minute up to its 9,730.
    public static func stormHistory(windowSeconds: Double = 300, intervalSeconds: Double = 1) -> History {
        var history = History(windowSeconds: windowSeconds, intervalSeconds: intervalSeconds)
        for second in 0..<300 {
            let time = takenAt.addingTimeInterval(Double(second - 299))
            history.append(HistoryPoint(time: time, value: stormTimeWait(second: second)), to: .timeWait)
            // The walk's TIME_WAIT: sockstat `tw` less the storm's 120 orphaned FIN_WAIT2 minisockets.
            history.append(HistoryPoint(time: time, value: stormTimeWait(second: second) - 120), to: .stateTimeWait)
            history.append(HistoryPoint(time: time, value: second < 120 ? 30 : 2_220), to: .connectsPerSecond)
            history.append(HistoryPoint(time: time, value: second < 120 ? 10 : 180), to: .acceptsPerSecond)
            history.append(HistoryPoint(time: time, value: second < 120 ? 0 : 19), to: .resetsPerSecond)
            history.append(HistoryPoint(time: time, value: 0), to: .timeWaitOverflowPerSecond)
            history.append(HistoryPoint(time: time, value: 9_130 + Double(max(0, second - 239)) * 10), toProcess: nginx.pid)
        }
        return history
    }

    /// TIME_WAIT at second `second` (0…299) of ``stormHistory(windowSeconds:intervalSeconds:)``.
    static func stormTimeWait(second: Int) -> Double {
        switch second {
        case ..<120: 150
        case ..<240: 150 + Double(second - 120) * 245
        case ..<260: 29_400 - Double(abs(second - 259)) * 20
        default: 28_100
        }
    }

    static func stormSample() -> RawSample {
        var sample = baseSample(monotonic: 1_001)
        sample.sockstat = Sockstat(inuse: 3_640, orphan: 12, tw: 28_100, alloc: 3_700, mem: 412, inuse6: 40)
        sample.tcp = ["ActiveOpens": 9_812_400, "PassiveOpens": 1_204_000, "EstabResets": 51_012, "OutRsts": 88_210,
                      "AttemptFails": 3_120, "RetransSegs": 120_400, "InSegs": 99_000_000, "OutSegs": 98_000_000, "InErrs": 4]
        sample.tcpExt = ["TW": 9_100_000, "TWKilled": 0, "TWRecycled": 0, "TCPTimeWaitOverflow": 0,
                         "ListenOverflows": 4_410, "ListenDrops": 4_410, "TCPAbortOnTimeout": 12, "TCPAbortOnData": 40,
                         "TCPAbortOnClose": 3, "TCPReqQFullDrop": 0, "SyncookiesSent": 0]
        sample.fileNr = (allocated: 98_304, max: 1_048_576)
        sample.table = stormTable(growth: 1)
        sample.tableTakenAt = sample.monotonicSeconds
        sample.listeners = stormListeners
        sample.owners = stormOwners
        sample.ownersScanned = true
        sample.processes = stormProcesses
        sample.unreadableProcesses = 3
        sample.ownersUnreadableProcesses = 3
        return sample
    }

    static func stormPreviousSample() -> RawSample {
        var sample = stormSample()
        sample.takenAt = takenAt.addingTimeInterval(-1)
        sample.monotonicSeconds = 1_000
        sample.sockstat?.tw = 27_980
        sample.tcp = sample.tcp?.merging(["ActiveOpens": 9_810_180, "PassiveOpens": 1_203_820, "EstabResets": 51_001,
                                          "OutRsts": 88_202]) { $1 }
        sample.tcpExt = sample.tcpExt?.merging(["TW": 9_097_700, "ListenOverflows": 4_373, "ListenDrops": 4_373]) { $1 }
        sample.table = stormTable(growth: 0)
        sample.tableTakenAt = sample.monotonicSeconds
        return sample
    }

    /// The storm's socket table; `growth` 1 is the later walk (120 more ports toward the database).
    static func stormTable(growth: Int) -> SocketTable {
        var table = SocketTable()
        table.ipv4 = StateCounts([.established: 2_950, .timeWait: 27_780 + 120 * growth, .closeWait: 412, .synSent: 37,
                                  .synRecv: 128, .listen: 9, .finWait1: 14, .finWait2: 85, .lastAck: 6, .closing: 1])
        table.ipv6 = StateCounts([.established: 30, .timeWait: 200, .listen: 4, .closeWait: 2])
        table.peers = [
            database: StateCounts([.established: 180, .timeWait: 26_000 + 120 * growth, .synSent: 31]),
            cache: StateCounts([.established: 64, .timeWait: 1_776, .closeWait: 400]),
            api: StateCounts([.established: 1_900, .timeWait: 4, .synSent: 6, .finWait2: 85]),
            loopback: StateCounts([.established: 806, .timeWait: 0, .synRecv: 128, .closeWait: 12, .lastAck: 6]),
            peerV6: StateCounts([.established: 30, .timeWait: 200, .closeWait: 2]),
        ]
        // The busiest local ports: the :8080 and :443 servers, a few ephemeral ones toward the
        // database and the cache (:40001 is not listening, so it drills into the local port).
        let localPorts: [(UInt16, [TCPState: Int])] = [
            (8080, [.established: 806, .synRecv: 128, .listen: 1, .lastAck: 6, .closeWait: 12]),
            (443, [.established: 1_420, .timeWait: 3, .listen: 1]),
            (22, [.established: 3, .listen: 1]),
            (40_001, [.established: 1]), (40_002, [.established: 1]), (40_003, [.synSent: 1]),
            (39_001, [.timeWait: 1 + growth]), (40_100, [.established: 1]),
        ]
        for (port, counts) in localPorts { table.localPorts[port] = StateCounts(counts) }
        // CLOSE_WAIT owners: nginx's 12 on :8080, java's 400 toward the cache (one local port each).
        for index in 0..<12 { table.closeWaitSockets[UInt32(7_000 + index)] = 8080 }
        for index in 0..<400 { table.closeWaitSockets[UInt32(8_000 + index)] = UInt16(41_000 + index) }
        // SYN_SENT: java's 31 connects toward the database, 6 toward the api (owners not found).
        let databaseService = RemoteEndpoint(address: database, port: 5432)
        table.synSent = [databaseService: 31, RemoteEndpoint(address: api, port: 443): 6]
        for index in 0..<31 {
            table.clientSockets[UInt32(9_000 + index)] = ClientSocket(remoteAddress: database, remotePort: 5432, state: .synSent, connector: false)
        }
        table.destinations = [
            DestinationKey(localAddress: client, remoteAddress: database, remotePort: 5432):
                DestinationUsage(used: 26_180 + 120 * growth, timeWait: 26_000 + 120 * growth, reusableTimeWait: 25_100),
            DestinationKey(localAddress: client, remoteAddress: cache, remotePort: 6379):
                DestinationUsage(used: 1_840, timeWait: 1_776, reusableTimeWait: 1_700),
            DestinationKey(localAddress: client, remoteAddress: api, remotePort: 443):
                DestinationUsage(used: 410 - 10 * growth, timeWait: 4, reusableTimeWait: 4),
            DestinationKey(localAddress: loopback, remoteAddress: loopback, remotePort: 8080):
                DestinationUsage(used: 600, timeWait: 0, reusableTimeWait: 0),
        ]
        return table
    }

    static let stormListeners: [ListenerRecord] = [
        ListenerRecord(address: IPAddress("0.0.0.0")!, port: 8080, acceptQueue: 128, backlog: 128, inode: 1_001),
        ListenerRecord(address: IPAddress("0.0.0.0")!, port: 22, acceptQueue: 0, backlog: 128, inode: 1_002),
        ListenerRecord(address: IPAddress("::")!, port: 443, acceptQueue: 3, backlog: 4_096, inode: 1_003),
        ListenerRecord(address: loopback, port: 9100, acceptQueue: 0, backlog: 4_096, inode: 1_004),
        ListenerRecord(address: loopback, port: 6000, acceptQueue: 0, backlog: 16, inode: 0),
    ]

    static let nginx = ProcessIdentity(pid: 812, command: "nginx")
    static let java = ProcessIdentity(pid: 2_201, command: "java")
    static let envoy = ProcessIdentity(pid: 1_430, command: "envoy")

    static let stormOwners: [UInt32: ProcessIdentity] = {
        var owners: [UInt32: ProcessIdentity] = [
            1_001: nginx, 1_002: ProcessIdentity(pid: 611, command: "sshd"), 1_003: envoy,
            1_004: ProcessIdentity(pid: 977, command: "node_exporter"),
        ]
        for index in 0..<12 { owners[UInt32(7_000 + index)] = nginx }
        for index in 0..<400 { owners[UInt32(8_000 + index)] = java }
        for index in 0..<31 { owners[UInt32(9_000 + index)] = java }
        return owners
    }()

    static let stormProcesses: [ProcessFDUsage] = [
        ProcessFDUsage(process: nginx, open: 9_730, limit: OpenFileLimit(soft: 10_240, hard: 10_240)),
        ProcessFDUsage(process: java, open: 31_000, limit: OpenFileLimit(soft: 65_536, hard: 65_536)),
        ProcessFDUsage(process: envoy, open: 1_500, limit: OpenFileLimit(soft: 1_048_576, hard: 1_048_576)),
        ProcessFDUsage(process: ProcessIdentity(pid: 611, command: "sshd"), open: 12, limit: OpenFileLimit(soft: 1_024, hard: 524_288)),
        ProcessFDUsage(process: ProcessIdentity(pid: 1, command: "systemd"), open: 180, limit: OpenFileLimit(soft: nil, hard: nil)),
    ]

    // MARK: drill

    /// The storm collected for `target`: `sockets` lists those of ``stormSockets`` the target
    /// includes (a process's: those it owns), at most `socketLimit` of them
    /// (``Snapshot/socketsMatched`` counts them all).
    public static func stormDrill(_ target: DrillTarget, socketLimit: Int = 100) -> Snapshot {
        var sample = stormSample()
        sample.owners.merge(stormSocketOwners) { a, _ in a }
        let owned = target.pid.map { pid in Set(sample.owners.filter { $0.value.pid == pid }.keys) }
        var aggregator = SocketAggregator(ephemeralRange: sample.sysctl.ipLocalPortRange, keepSockets: socketLimit, keepOnly: target,
                                          keepInodes: owned)
        for socket in stormSockets { aggregator.add(socket) }
        sample.table?.sockets = aggregator.table.sockets
        sample.table?.socketsSeen = aggregator.table.socketsSeen
        sample.table?.socketsSeenByState = aggregator.table.socketsSeenByState
        sample.table?.socketsSeenByPeer = aggregator.table.socketsSeenByPeer
        sample.table?.socketsSeenByServicePort = aggregator.table.socketsSeenByServicePort
        sample.owners.merge(stormSocketOwners) { a, _ in a }
        return SnapshotBuilder.build(sample, previous: stormPreviousSample(),
                                     options: .init(top: 100, filter: nil, drill: target, socketLimit: socketLimit))
    }

    /// Individual sockets of the storm: the :8080 server side (accepted from loopback, request
    /// sockets, one time-wait), and the client side toward the database (established ones owned by
    /// java, time-wait ones, one whose owner is another user's process).
    public static let stormSockets: [SocketRecord] = [
        SocketRecord(family: .ipv4, state: .listen, localAddress: IPAddress("0.0.0.0")!, localPort: 8080,
                     remoteAddress: IPAddress("0.0.0.0")!, remotePort: 0, rxQueue: 128, txQueue: 128, inode: 1_001),
        SocketRecord(family: .ipv4, state: .established, localAddress: loopback, localPort: 8080, remoteAddress: loopback,
                     remotePort: 41_002, timer: 2, expiresMs: 7_180_000, rxQueue: 512, inode: 5_001),
        SocketRecord(family: .ipv4, state: .established, localAddress: loopback, localPort: 8080, remoteAddress: loopback,
                     remotePort: 41_003, inode: 5_002),
        SocketRecord(family: .ipv4, state: .synRecv, localAddress: loopback, localPort: 8080, remoteAddress: loopback,
                     remotePort: 41_010, timer: 1, expiresMs: 800),
        SocketRecord(family: .ipv4, state: .synRecv, localAddress: loopback, localPort: 8080, remoteAddress: client,
                     remotePort: 52_000, timer: 1, expiresMs: 1_600),
        SocketRecord(family: .ipv4, state: .timeWait, localAddress: loopback, localPort: 8080, remoteAddress: loopback,
                     remotePort: 40_999, timer: 3, expiresMs: 12_400),
        SocketRecord(family: .ipv4, state: .established, localAddress: client, localPort: 40_001, remoteAddress: database,
                     remotePort: 5432, txQueue: 2_048, inode: 6_001),
        SocketRecord(family: .ipv4, state: .established, localAddress: client, localPort: 40_002, remoteAddress: database,
                     remotePort: 5432, inode: 6_002),
        SocketRecord(family: .ipv4, state: .synSent, localAddress: client, localPort: 40_003, remoteAddress: database,
                     remotePort: 5432, timer: 1, expiresMs: 3_000, inode: 9_999),
        SocketRecord(family: .ipv4, state: .timeWait, localAddress: client, localPort: 39_001, remoteAddress: database,
                     remotePort: 5432, timer: 3, expiresMs: 55_200),
        SocketRecord(family: .ipv4, state: .timeWait, localAddress: client, localPort: 39_002, remoteAddress: database,
                     remotePort: 5432, timer: 3, expiresMs: 4_100),
        SocketRecord(family: .ipv4, state: .timeWait, localAddress: client, localPort: 39_003, remoteAddress: database,
                     remotePort: 5432, timer: 3, expiresMs: 31_000),
        SocketRecord(family: .ipv4, state: .established, localAddress: client, localPort: 40_100, remoteAddress: cache,
                     remotePort: 6379, inode: 6_100),
    ]

    /// Owners of ``stormSockets`` that could be read (inode 9_999's could not).
    static let stormSocketOwners: [UInt32: ProcessIdentity] = [5_001: nginx, 5_002: nginx, 6_001: java, 6_002: java, 6_100: java]

    // MARK: idle

    /// A quiet host, one second after ``idlePrevious()``.
    public static func idle() -> Snapshot {
        SnapshotBuilder.build(idleSample(), previous: idlePreviousSample(), options: .init(top: 100))
    }

    /// The quiet host one second earlier: two fewer established connections, one fewer TIME_WAIT.
    public static func idlePrevious() -> Snapshot {
        SnapshotBuilder.build(idlePreviousSample(), previous: nil, options: .init(top: 100))
    }

    static func idlePreviousSample() -> RawSample {
        var sample = idleSample()
        sample.takenAt = takenAt.addingTimeInterval(-1)
        sample.monotonicSeconds = 1_000
        sample.tableTakenAt = 1_000
        sample.tcp = sample.tcp?.merging(["ActiveOpens": 1_198, "PassiveOpens": 839]) { $1 }
        sample.table?.ipv4[.established] = 10
        sample.table?.ipv4[.timeWait] = 6
        return sample
    }

    /// Five minutes of a flat, low TIME_WAIT count.
    public static func idleHistory() -> History {
        var history = History(windowSeconds: 300, intervalSeconds: 1)
        for second in 0..<300 {
            let time = takenAt.addingTimeInterval(Double(second - 299))
            history.append(HistoryPoint(time: time, value: Double(3 + second % 4)), to: .timeWait)
            history.append(HistoryPoint(time: time, value: Double(3 + second % 4)), to: .stateTimeWait)
            history.append(HistoryPoint(time: time, value: 1), to: .connectsPerSecond)
            history.append(HistoryPoint(time: time, value: 1), to: .acceptsPerSecond)
            history.append(HistoryPoint(time: time, value: 0), to: .resetsPerSecond)
            history.append(HistoryPoint(time: time, value: 0), to: .timeWaitOverflowPerSecond)
            history.append(HistoryPoint(time: time, value: 9_130 + Double(max(0, second - 239)) * 10), toProcess: nginx.pid)
        }
        return history
    }

    static func idleSample() -> RawSample {
        var sample = baseSample(monotonic: 1_001)
        sample.sockstat = Sockstat(inuse: 21, orphan: 0, tw: 5, alloc: 30, mem: 2, inuse6: 3)
        sample.tcp = ["ActiveOpens": 1_200, "PassiveOpens": 840, "EstabResets": 4, "OutRsts": 9, "AttemptFails": 1,
                      "RetransSegs": 20, "InSegs": 90_000, "OutSegs": 88_000, "InErrs": 0]
        sample.tcpExt = ["TW": 1_900, "TCPTimeWaitOverflow": 0, "ListenOverflows": 0, "ListenDrops": 0]
        sample.fileNr = (allocated: 2_208, max: 9_223_372_036_854_775_807)
        var table = SocketTable()
        table.ipv4 = StateCounts([.established: 12, .timeWait: 5, .listen: 4])
        table.ipv6 = StateCounts([.established: 2, .listen: 2])
        table.peers = [api: StateCounts([.established: 10, .timeWait: 5]), loopback: StateCounts([.established: 4])]
        table.destinations = [
            DestinationKey(localAddress: client, remoteAddress: api, remotePort: 443): DestinationUsage(used: 15, timeWait: 5),
        ]
        sample.table = table
        sample.tableTakenAt = sample.monotonicSeconds
        sample.listeners = [
            ListenerRecord(address: IPAddress("0.0.0.0")!, port: 22, acceptQueue: 0, backlog: 128, inode: 1_002),
            ListenerRecord(address: IPAddress("::")!, port: 443, acceptQueue: 0, backlog: 4_096, inode: 1_003),
        ]
        sample.owners = [1_002: ProcessIdentity(pid: 611, command: "sshd"), 1_003: envoy]
        sample.ownersScanned = true
        sample.processes = [
            ProcessFDUsage(process: envoy, open: 120, limit: OpenFileLimit(soft: 1_048_576, hard: 1_048_576)),
            ProcessFDUsage(process: ProcessIdentity(pid: 611, command: "sshd"), open: 12, limit: OpenFileLimit(soft: 1_024, hard: 524_288)),
        ]
        return sample
    }

    // MARK: missing data

    /// A first sample from a tree where almost nothing could be read.
    public static func missingData() -> Snapshot {
        var sample = RawSample(takenAt: takenAt, monotonicSeconds: 1_000, source: .procfs)
        sample.ipv6Missing = true
        sample.warnings = ["sockstat: no such file", "socket table: permission denied"]
        return SnapshotBuilder.build(sample, previous: nil, options: .init(top: 100))
    }

    // MARK: shared

    /// Host, kernel and sysctls common to the storm and idle fixtures.
    static func baseSample(monotonic: Double) -> RawSample {
        var sample = RawSample(takenAt: takenAt, monotonicSeconds: monotonic, source: .netlink)
        sample.hostName = "web-7"
        sample.kernel = "6.18.0-13-cloud-amd64"
        sample.timings.totalMs = 4.2
        sample.timings.socketsMs = 3.1
        sample.timings.processesMs = 0.9
        var sysctl = Sysctls()
        sysctl.ipLocalPortRange = 32_768...60_999
        sysctl.ipLocalReservedPorts = []
        sysctl.tcpTwReuse = 2
        sysctl.tcpTwReuseDelay = 1_000
        sysctl.tcpMaxTwBuckets = 32_768
        sysctl.tcpFinTimeout = 60
        sysctl.somaxconn = 4_096
        sysctl.fileMax = 1_048_576
        sysctl.nrOpen = 1_048_576
        sample.sysctl = sysctl
        return sample
    }
}
