/// Each destination's RTT p99 kept every ``step`` seconds for about ``span`` seconds, so a walk's
/// figure can be compared with the destination's own figure minutes before ("rose from 0.4 ms to
/// 38 ms") at the cost of a few dozen kept maps.
public struct RTTHistory: Sendable {
    /// How far back the earlier figure reaches, seconds.
    public static let span = 600.0
    /// Seconds between kept maps.
    public static let step = 30.0
    /// The youngest kept figure that counts as "earlier", seconds: younger ones are the same moment.
    public static let minimumAge = 60.0
    /// Destinations kept per map, the busiest first.
    public static let destinationLimit = 256

    private var kept: [(at: Double, p99: [RemoteEndpoint: UInt32])] = []

    public init() {}

    /// Whether a walk at `at` would be kept (the figures cost a sort: only worked out then).
    public func wants(at: Double) -> Bool {
        kept.last.map { at - $0.at >= RTTHistory.step } ?? true
    }

    /// Keeps `destinations`' p99 read at `at` (monotonic seconds) when the last kept map is
    /// ``step`` old; forgets maps older than ``span``.
    public mutating func record(_ destinations: [ConnectionHealth.Destination], at: Double) {
        guard wants(at: at) else { return }
        var p99 = [RemoteEndpoint: UInt32]()
        for destination in destinations.prefix(RTTHistory.destinationLimit) {
            guard let value = destination.figures.rttP99Microseconds else { continue }
            p99[RemoteEndpoint(address: destination.address, port: destination.port)] = value
        }
        kept.append((at, p99))
        while kept.count >= 2, at - kept[1].at >= RTTHistory.span { kept.removeFirst() }
    }

    /// The oldest kept p99 toward `endpoint` that is at least ``minimumAge`` old at `now`.
    public func earlier(_ endpoint: RemoteEndpoint, at now: Double) -> ConnectionHealth.EarlierRTT? {
        for map in kept where now - map.at >= RTTHistory.minimumAge {
            if let value = map.p99[endpoint] { return .init(secondsAgo: now - map.at, p99Microseconds: value) }
        }
        return nil
    }
}
