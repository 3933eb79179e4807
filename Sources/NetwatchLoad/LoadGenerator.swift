import Glibc

/// Builds a ``LoadPlan``'s population in the current network namespace, prints READY, runs the
/// optional storm, holds everything until the hold ends or a stop is requested, then closes every
/// socket.
///
/// Build order: listeners, held ESTABLISHED pairs, CLOSE_WAIT, the full accept queue and its
/// overflow, and TIME_WAIT last so that those entries are as fresh as possible at READY (they live
/// 60 s). Each phase waits until the kernel shows the promised states before the next one starts.
public final class LoadGenerator {
    public let plan: LoadPlan
    private let clock: LoadClock
    private let emit: (String) -> Void
    private let population = Population()
    private let wait: StateWait

    /// Longest wait for sockets to reach a promised state, in seconds.
    private static let settleSeconds = 5
    /// Connections opened between two checks for a stop request while building.
    private static let stopCheckInterval = 256

    /// - Parameter emit: receives each output line (`READY …`, `STORM …`) without a newline.
    public init(plan: LoadPlan, clock: LoadClock, emit: @escaping (String) -> Void) {
        (self.plan, self.clock, self.emit) = (plan, clock, emit)
        wait = StateWait(clock: clock, seconds: Self.settleSeconds)
    }

    /// Runs to the end of the hold. Throws ``CapacityError`` before any socket is opened when the
    /// plan does not fit this namespace or process, and ``SocketError`` when building fails. Every
    /// socket is closed on every path; a stop request while building ends the run without READY.
    public func run() throws {
        let started = clock.now()
        let limits = try NamespaceLimits.read()
        try limits.check(plan)
        try FileDescriptorBudget.ensure(plan.fileDescriptorCount)
        defer { population.closeAll() }
        guard var report = try build(usablePorts: limits.usablePorts(besides: plan.listeners.map(\.endpoint))) else { return }
        report.tcpTwReuse = limits.timeWaitReuse
        report.buildMs = Int((clock.now() - started) / 1_000_000)
        emit(report.line)
        let readyAt = clock.now()
        if let storm = plan.storm { emit(runStorm(storm).line) }
        _ = clock.wait(until: readyAt + .nanoseconds(seconds: plan.hold))
    }

    /// Creates the population phase by phase; nil if a stop was requested.
    /// - Parameter usablePorts: the local ports TIME_WAIT connections are pinned to, ascending.
    private func build(usablePorts: [UInt16]) throws -> ReadyReport? {
        var report = ReadyReport(requested: ReadyReport.Requested(plan: plan))
        try openListeners(&report)
        guard try holdEstablished(&report), try leakCloseWait(&report),
              try fillBacklog(&report), try makeTimeWait(&report, usablePorts: usablePorts)
        else { return nil }
        report.pid = Int(getpid())
        return report
    }

    private func openListeners(_ report: inout ReadyReport) throws(SocketError) {
        for listener in plan.listeners {
            population.addListener(try TCPSocket.listen(on: listener.endpoint, backlog: listener.backlog))
            report.listeners.append(.init(role: listener.role.rawValue, address: listener.endpoint.addressText,
                                          port: Int(listener.endpoint.port), backlog: listener.backlog))
        }
        report.listen = plan.listeners.count
    }

    /// Connections to `--service`, accepted and held open at both ends.
    private func holdEstablished(_ report: inout ReadyReport) throws(SocketError) -> Bool {
        guard let listener = population.listeners(for: .service, in: plan).first else { return true }
        for index in 0..<plan.established {
            if stopDue(at: index) { return false }
            let client = try TCPSocket.open(toward: plan.service)
            population.hold(client)
            if index < plan.keepAlive { try client.enableKeepAlive() }
            try client.connect()
            population.hold(try listener.accept())
        }
        report.established = 2 * plan.established
        return true
    }

    /// Connections to `--leaky` that the client closes and the server never does: the server end
    /// stays in CLOSE_WAIT for good, the orphaned client in FIN_WAIT2 for `tcp_fin_timeout`.
    private func leakCloseWait(_ report: inout ReadyReport) throws(SocketError) -> Bool {
        guard let listener = population.listeners(for: .leaky, in: plan).first else { return true }
        var servers = [TCPSocket]()
        for index in 0..<plan.closeWait {
            if stopDue(at: index) { return false }
            let client = try TCPSocket.open(toward: plan.leaky)
            do throws(SocketError) {
                try client.connect()
                let server = try listener.accept()
                population.hold(server)
                servers.append(server)
            } catch {
                client.close()
                throw error
            }
            client.close()
        }
        guard try wait.until(servers, are: .closeWait, toward: plan.leaky) else { return false }
        (report.closeWait, report.finWait2) = (plan.closeWait, plan.closeWait)
        return true
    }

    private func fillBacklog(_ report: inout ReadyReport) throws(SocketError) -> Bool {
        guard let listener = population.listeners(for: .slow, in: plan).first else { return true }
        let filler = BacklogFiller(listener: listener, wait: wait)
        guard let outcome = try filler.fill(queue: plan.acceptQueue, overflow: plan.overflow, into: population) else { return false }
        (report.backlog, report.acceptQueue, report.synSent) = (outcome.limit, outcome.queued, outcome.synSent)
        if outcome.synSent < plan.overflow {
            report.warnings.append("only \(outcome.synSent) of \(plan.overflow) overflow connections to \(plan.slow) are in SYN-SENT")
        }
        return true
    }

    private func makeTimeWait(_ report: inout ReadyReport, usablePorts: [UInt16]) throws(SocketError) -> Bool {
        guard plan.timeWait > 0 else { return true }
        let factory = TimeWaitFactory(listeners: population.listeners(for: .destination, in: plan), usablePorts: usablePorts, wait: wait)
        guard let tallies = try factory.make(plan.timeWait) else { return false }
        for tally in tallies {
            let endpoint = tally.endpoint
            report.perDestination.append(.init(address: endpoint.addressText, port: Int(endpoint.port), timeWait: tally.ports.count))
            report.timeWait += tally.ports.count
            if tally.reused > 0 {
                report.warnings.append("\(tally.reused) TIME-WAIT entries toward \(tally.endpoint) were taken over by later connects "
                    + "(tcp_tw_reuse, with ports chosen by the kernel) and no longer exist; use more --destinations for exact counts")
            }
        }
        return true
    }

    /// The storm, round-robin over the destination listeners, inside the hold.
    private func runStorm(_ storm: LoadPlan.Storm) -> StormReport {
        let destinations = population.listeners(for: .destination, in: plan)
        return StormRunner(storm: storm, clock: clock).run { (index: Int) throws(SocketError) in
            let (_, server) = try TimeWaitFactory.closeClientFirst(through: destinations[index % destinations.count], localPort: nil)
            server.close()
        }
    }

    /// True every ``stopCheckInterval`` connections when a stop has been requested.
    private func stopDue(at index: Int) -> Bool {
        index % Self.stopCheckInterval == Self.stopCheckInterval - 1 && clock.stopRequested()
    }
}
