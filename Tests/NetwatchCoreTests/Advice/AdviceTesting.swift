import Foundation
@testable import NetwatchCore
import TestSupport

/// Crafted situations for the rule tests: the idle fixture (which gives no findings) with one
/// thing changed, and the findings of one rule.
enum AdviceTesting {
    /// The idle host; every rule is quiet on it.
    static func quiet() -> Snapshot { SnapshotFixtures.idle() }

    /// The findings of rule `id` in `snapshot`.
    static func findings(_ id: String, in snapshot: Snapshot, history: History? = nil,
                         thresholds: AdviceThresholds = AdviceThresholds()) -> [Finding] {
        AdviceEngine.findings(for: snapshot, history: history, thresholds: thresholds).filter { $0.id == id }
    }

    /// The single finding of rule `id`, or `nil` when it made none or several.
    static func finding(_ id: String, in snapshot: Snapshot, history: History? = nil,
                        thresholds: AdviceThresholds = AdviceThresholds()) -> Finding? {
        let all = findings(id, in: snapshot, history: history, thresholds: thresholds)
        return all.count == 1 ? all[0] : nil
    }

    /// A destination toward `10.0.3.17:5432` from `10.0.1.5` with `used` of `usable` ports.
    static func destination(used: Int, usable: Int = 28_232, timeWait: Int = 0, remote: IPAddress = SnapshotFixtures.database,
                            growth: Double? = nil) -> Snapshot.Destination {
        let seconds = growth.flatMap { $0 > 0 ? Double(usable - used) / $0 : nil }
        return Snapshot.Destination(localAddress: SnapshotFixtures.client, remoteAddress: remote, remotePort: 5432, used: used,
                                    timeWait: timeWait, usable: usable, ratio: Double(used) / Double(usable),
                                    ratioWithReuse: nil, growthPerSecond: growth, secondsToExhaustion: seconds)
    }

    /// A history of `points` points one second apart ending at the fixtures' time, `value` in `series`.
    static func history(_ series: HistorySeries, points: Int, value: (Int) -> Double?) -> History {
        var history = History(windowSeconds: Double(points), intervalSeconds: 1)
        for index in 0..<points {
            let time = SnapshotFixtures.takenAt.addingTimeInterval(Double(index - points + 1))
            history.append(HistoryPoint(time: time, value: value(index)), to: series)
        }
        return history
    }

    /// The evidence value named `name`.
    static func evidence(_ finding: Finding?, _ name: String) -> Evidence.Value? {
        finding?.evidence.first { $0.name == name }?.value
    }
}
