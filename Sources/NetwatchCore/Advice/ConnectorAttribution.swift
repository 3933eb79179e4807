/// Who is behind a finding, from the snapshot's connectors (kernel counts, or the estimate from
/// live sockets): the phrase and the evidence the port-exhaustion, churn and fd rules add.
enum ConnectorAttribution {
    struct Attribution {
        var phrase: String
        var evidence: [Evidence]
    }

    /// The busiest process toward one destination: "pid 4242 (curl) opens 480/s toward
    /// 10.0.0.5:443, 312 connect() failures with EADDRNOTAVAIL in the last minute" ("so far"
    /// while no earlier counts are kept).
    static func toward(_ address: IPAddress, _ port: UInt16, in snapshot: Snapshot) -> Attribution? {
        guard let row = snapshot.connectors?.connections(toward: address, port: port).first else { return nil }
        let target = AdviceText.endpoint(address, port), who = "pid \(row.process.pid) (\(row.process.command))"
        var evidence = [Evidence("connector_pid", Int64(row.process.pid)), Evidence("connector_command", row.process.command)]
        guard let totals = row.totals else {
            let held = (row.live?.synSent ?? 0) + (row.live?.established ?? 0)
            evidence.append(Evidence("connector_live_connections", held))
            return Attribution(phrase: "\(who) holds \(held) connections toward \(target) (estimated from live sockets)",
                               evidence: evidence)
        }
        let failures = totals.failures.addressNotAvailable
        evidence += [Evidence("connector_connects", totals.connects), Evidence("connector_addr_not_avail", failures)]
        var phrase = who
        if let rate = row.connectsPerSecond {
            evidence.append(Evidence("connector_connects_per_s", rate))
            phrase += " opens \(AdviceText.perSecond(rate)) toward \(target)"
        } else {
            phrase += " opened \(totals.connects) connections toward \(target)"
        }
        if let recent = row.recentAddressNotAvailable {
            let window = recent.seconds >= ConnectorWindow.span - ConnectorWindow.step
                ? "the last minute" : "the last \(Int(recent.seconds.rounded())) s"
            phrase += ", \(recent.count) connect() failures with EADDRNOTAVAIL in \(window)"
            evidence += [Evidence("connector_addr_not_avail_recent", recent.count), Evidence("recent_window_s", recent.seconds)]
        } else {
            phrase += ", \(failures) connect() failures with EADDRNOTAVAIL so far"
        }
        return Attribution(phrase: phrase, evidence: evidence)
    }

    /// The process opening connections fastest, with how long they live: "pid 4242 (curl) opens
    /// 480/s toward 10.0.0.5:443, median lifetime 3 ms: no keep-alive".
    static func churn(in snapshot: Snapshot) -> Attribution? {
        guard let row = snapshot.connectors?.connections.first, let rate = row.connectsPerSecond, rate > 0 else { return nil }
        var phrase = "pid \(row.process.pid) (\(row.process.command)) opens \(AdviceText.perSecond(rate)) toward "
            + AdviceText.endpoint(row.address, row.port)
        var evidence = [Evidence("connector_pid", Int64(row.process.pid)), Evidence("connector_command", row.process.command),
                        Evidence("connector_connects_per_s", rate)]
        if let median = row.medianLifetimeMs {
            phrase += ", median lifetime \(AdviceText.number(median)) ms" + (median < 1000 ? ": no keep-alive" : "")
            evidence.append(Evidence("connector_median_lifetime_ms", median))
        }
        return Attribution(phrase: phrase, evidence: evidence)
    }

    /// The EMFILE failures of one process's accept() calls: "accept() failed 17 times with EMFILE".
    static func acceptFailures(of pid: Int32, in snapshot: Snapshot) -> Attribution? {
        guard let totals = snapshot.connectors?.accepts.first(where: { $0.process.pid == pid })?.totals,
              totals.failures.processLimit > 0 else { return nil }
        return Attribution(phrase: "accept() failed \(totals.failures.processLimit) times with EMFILE",
                           evidence: [Evidence("accept_emfile", totals.failures.processLimit)])
    }
}
