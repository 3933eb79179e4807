extension Snapshot {
    /// The connection-tracking table of the collected namespace: its fill against the global
    /// limit, the per-CPU event rates and, from the last ctnetlink dump, what it holds.
    /// ``Snapshot/conntrack`` is `nil` when conntrack is not in use (JSON `null`, never 0).
    public struct Conntrack: Sendable, Equatable {
        public var count: Int64
        /// `nf_conntrack_max`, global to the host.
        public var max: Int64?
        public var buckets: Int64?
        /// Entries per second between this sample and the previous one (negative when draining).
        public var growthPerSecond: Double?
        /// Totals of ``ConntrackStatistics/rated`` since boot; `nil` when the statistics were unreadable.
        public var statistics: [String: Int64]?
        /// Per-second rates of the same counters; a value is `nil` with one sample.
        public var ratesPerSecond: [String: Double?]
        public var tcpTimeouts: [String: Int64]
        /// TCP entries per state from the last dump; `nil` without one.
        public var byState: [ConntrackTCPState: Int]?
        /// Entries the last dump returned (all protocols); `nil` without one.
        public var dumped: Int?
        /// The destinations holding most entries, most first; `nil` without a dump.
        public var destinations: [Destination]?
        /// How many distinct destinations the dump held (before the `--top` cut).
        public var destinationCount: Int?

        public var ratio: Double? {
            guard let max, max > 0 else { return nil }
            return Double(count) / Double(max)
        }

        public init(count: Int64, max: Int64? = nil, buckets: Int64? = nil, growthPerSecond: Double? = nil,
                    statistics: [String: Int64]? = nil, ratesPerSecond: [String: Double?] = [:],
                    tcpTimeouts: [String: Int64] = [:], byState: [ConntrackTCPState: Int]? = nil, dumped: Int? = nil,
                    destinations: [Destination]? = nil, destinationCount: Int? = nil) {
            self.count = count
            self.max = max
            self.buckets = buckets
            self.growthPerSecond = growthPerSecond
            self.statistics = statistics
            self.ratesPerSecond = ratesPerSecond
            self.tcpTimeouts = tcpTimeouts
            self.byState = byState
            self.dumped = dumped
            self.destinations = destinations
            self.destinationCount = destinationCount
        }
    }

    /// A destination of the original direction and the entries toward it.
    public struct ConntrackDestination: Sendable, Equatable {
        public var ipProtocol: UInt8
        public var address: IPAddress
        public var port: UInt16
        public var entries: Int
        public var timeWait: Int
        /// Translated source addresses (SNAT) toward this destination with their entries, most first.
        public var sourceNAT: [NATSource]

        public init(ipProtocol: UInt8, address: IPAddress, port: UInt16, entries: Int, timeWait: Int, sourceNAT: [NATSource] = []) {
            self.ipProtocol = ipProtocol
            self.address = address
            self.port = port
            self.entries = entries
            self.timeWait = timeWait
            self.sourceNAT = sourceNAT
        }
    }

    public struct NATSource: Sendable, Equatable {
        public var address: IPAddress
        /// Entries, so translated source ports, this address holds toward the destination.
        public var entries: Int

        public init(address: IPAddress, entries: Int) {
            self.address = address
            self.entries = entries
        }
    }
}

extension Snapshot.Conntrack {
    public typealias Destination = Snapshot.ConntrackDestination

    /// Analyses one sample against the one before (for rates and growth).
    /// - Parameters:
    ///   - elapsed: seconds between the samples; `nil` for one sample.
    ///   - top: how many destinations to keep.
    public static func analyse(_ sample: ConntrackSample?, previous: ConntrackSample?, elapsed: Double?,
                               top: Int) -> Snapshot.Conntrack? {
        guard let sample else { return nil }
        var result = Snapshot.Conntrack(count: sample.count, max: sample.max, buckets: sample.buckets,
                                        tcpTimeouts: sample.tcpTimeouts)
        if let elapsed, let previous { result.growthPerSecond = Double(sample.count - previous.count) / elapsed }
        if let statistics = sample.statistics {
            result.statistics = statistics.filter { ConntrackStatistics.rated.contains($0.key) }
            for name in ConntrackStatistics.rated {
                guard let now = statistics[name], let before = previous?.statistics?[name], let elapsed, now >= before else {
                    result.ratesPerSecond[name] = .some(nil)
                    continue
                }
                result.ratesPerSecond[name] = Double(now - before) / elapsed
            }
        }
        if let table = sample.table {
            result.byState = table.tcpByState
            result.dumped = table.entries
            result.destinationCount = table.destinations.count
            let rows = table.destinations.lazy.map(destination)
            result.destinations = TopN.of(top, rows) {
                if $0.entries != $1.entries { return $0.entries > $1.entries }
                if $0.address != $1.address { return $0.address.description < $1.address.description }
                return ($0.port, $0.ipProtocol) < ($1.port, $1.ipProtocol)
            }
        }
        return result
    }

    static func destination(_ key: ConntrackTable.DestinationKey, _ counts: ConntrackTable.DestinationCounts) -> Destination {
        let sources = counts.sourceNAT.map { Snapshot.NATSource(address: $0.key, entries: $0.value) }
        let ranked = sources.sorted { a, b in
            a.entries != b.entries ? a.entries > b.entries : a.address.description < b.address.description
        }
        return Destination(ipProtocol: key.ipProtocol, address: key.address, port: key.port, entries: counts.entries,
                           timeWait: counts.timeWait, sourceNAT: ranked)
    }
}
