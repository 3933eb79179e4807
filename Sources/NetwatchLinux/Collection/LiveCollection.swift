import Foundation
import NetwatchCore

/// The live dashboard's collection, one frame at a time: the socket walk on its own cadence
/// (``WalkCadence``), owners on a slower one, the snapshot built against the previous sample.
/// It runs on the collection thread (``BackgroundWorker``), away from keys and signals.
public final class LiveCollection {
    /// How often socket owners are looked up again (an inode → pid scan reads every fd);
    /// more often while a drill view lists the owners.
    public static let ownerRefreshSeconds = 10.0
    public static let drillOwnerRefreshSeconds = 3.0
    /// Sockets kept individually: for a drill view's list, and with a filter to find the owners
    /// whose fds the fd pane shows.
    public static let drillSockets = 5_000
    public static let filterSockets = 20_000

    /// What one frame is collected for.
    public struct Request: Sendable {
        /// Seconds (monotonic) the frame is for.
        public var now: Double
        public var interval: Double
        public var filter: PortSet?
        public var drill: DrillTarget?
        /// What was collected before measured other sockets (the filter or drill changed): growth
        /// baselines and per-second changes start over, owners are looked up and the table walked.
        public var startOver: Bool

        public init(now: Double, interval: Double, filter: PortSet?, drill: DrillTarget?, startOver: Bool) {
            self.now = now
            self.interval = interval
            self.filter = filter
            self.drill = drill
            self.startOver = startOver
        }
    }

    /// One collected frame.
    public struct Frame: Sendable {
        public var snapshot: Snapshot
        /// Monotonic seconds when the table shown was walked.
        public var tableTakenAt: Double?
        /// Whether this frame walked the socket table (else it carries the last walk's).
        public var walked: Bool
    }

    private let collector: Collector
    private var cadence = WalkCadence()
    private var previous: RawSample?
    private var lastWalk: RawSample?
    private var walkBefore: RawSample?
    private var ownersAt = -Double.infinity

    public init(collector: Collector) {
        self.collector = collector
    }

    public func frame(for request: Request) -> Frame {
        if request.startOver { startOver() }
        let now = request.now
        let walk = cadence.isDue(at: now, interval: request.interval)
        let ownerRefresh = request.drill == nil ? LiveCollection.ownerRefreshSeconds : LiveCollection.drillOwnerRefreshSeconds
        let owners = walk && now - ownersAt >= ownerRefresh
        // A drill narrows collection to its port (in the kernel) and keeps its sockets; a filter
        // keeps the matching sockets so their owners can be found for the fd pane.
        let filter = request.drill?.ports ?? request.filter
        let keep = request.drill != nil ? LiveCollection.drillSockets : (filter == nil ? 0 : LiveCollection.filterSockets)
        var sample = collector.collect(CollectRequest(walkSockets: walk, filter: filter, keepSockets: keep, keepOnly: request.drill,
                                                      processes: walk, owners: owners))
        if walk {
            cadence.recordWalk(at: now, costSeconds: (sample.timings.socketsMs + sample.timings.processesMs) / 1000)
            if owners { ownersAt = now } else { carryOwners(into: &sample) }
            walkBefore = lastWalk
            walkBefore?.table = lastWalk?.table?.destinationsOnly
            lastWalk = sample
        } else if let lastWalk {
            sample.table = lastWalk.table
            sample.tableTakenAt = lastWalk.tableTakenAt
            sample.ipv6Missing = lastWalk.ipv6Missing
            sample.processes = lastWalk.processes
            sample.unreadableProcesses = lastWalk.unreadableProcesses
            carryOwners(into: &sample)
        }
        // Destination growth is measured between the last two walks, also on ticks that carry a table.
        let snapshot = SnapshotBuilder.build(sample, previous: previous, tableBaseline: walkBefore,
                                             options: .init(top: 100, filter: request.filter, drill: request.drill,
                                                            socketLimit: request.drill == nil ? 100 : LiveCollection.drillSockets,
                                                            advice: nil))   // the session runs the rules with the history
        previous = sample
        return Frame(snapshot: snapshot, tableTakenAt: sample.tableTakenAt, walked: walk)
    }

    /// Owners are looked up on a slower cadence; between lookups the last ones stand.
    private func carryOwners(into sample: inout RawSample) {
        guard let lastWalk, lastWalk.ownersScanned else { return }
        sample.owners = lastWalk.owners
        sample.ownersScanned = true
    }

    private func startOver() {
        walkBefore = nil
        lastWalk = nil
        previous?.table = nil   // its counters still give rates; its sockets were another view's
        cadence = WalkCadence()
        ownersAt = -Double.infinity
    }
}
