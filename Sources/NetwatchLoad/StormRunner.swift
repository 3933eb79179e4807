/// Runs a storm: `rate` connections per second for `duration` seconds, each opened and closed by
/// the client first (so each leaves a TIME_WAIT entry), paced by a ``StormPacer`` on a ``LoadClock``.
///
/// Nothing is kept per connection (each one's descriptors are closed before the next starts), so
/// memory stays flat however long the storm runs. A connection that fails is counted and the storm
/// goes on: running out of ports is what a storm is for. The kernel chooses the local ports, with
/// `tcp_tw_reuse` in effect, so toward the same destinations the storm also takes over TIME_WAIT
/// entries of the READY population once they are older than a second.
public struct StormRunner {
    public let storm: LoadPlan.Storm
    public let clock: LoadClock

    /// Connections opened between two checks for a stop while catching up on a late schedule.
    private static let stopCheckInterval = 1024

    public init(storm: LoadPlan.Storm, clock: LoadClock) {
        (self.storm, self.clock) = (storm, clock)
    }

    /// Calls `connection` with indexes 0, 1, 2… each no sooner than it is due, until the storm ends
    /// or a stop is requested.
    public func run(_ connection: (Int) throws(SocketError) -> Void) -> StormReport {
        let pacer = StormPacer(rate: storm.rate, total: storm.total, start: clock.now())
        var report = StormReport(rate: storm.rate, duration: storm.duration)
        var done = 0
        running: while done < pacer.total {
            let due = pacer.due(at: clock.now())
            while done < due {
                if done % Self.stopCheckInterval == Self.stopCheckInterval - 1, clock.stopRequested() { break running }
                do throws(SocketError) {
                    try connection(done)
                    report.opened += 1
                } catch {
                    report.failed += 1
                    report.firstError = report.firstError ?? error.description
                }
                done += 1
            }
            if done < pacer.total, !clock.wait(until: pacer.wakeTime(after: done, now: clock.now())) { break }
        }
        report.elapsedMs = Int((clock.now() - pacer.start) / 1_000_000)
        return report
    }
}
