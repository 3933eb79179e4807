import NetwatchCore

/// Connection health lines of the destination and process views: the pool with its idle and
/// keep-alive counts, then RTT, retransmissions and stuck connects, then the keep-alive defaults.
extension DrillSummary {
    static func health(_ figures: HealthFigures, earlier: ConnectionHealth.EarlierRTT? = nil, sysctl: Sysctls) -> [Line] {
        let f = figures
        guard f.established > 0 || f.synSent > 0 else { return [] }
        func count(_ label: String, _ value: Int?, alarm: ColorRole = .warning) -> [TextRun] {
            [TextRun(label, .label), TextRun(DisplayFormat.compact(value), (value ?? 0) > 0 ? alarm : .dim)]
        }
        let pool: [FittedLine.Item] = [
            .init([TextRun("pool ", .label), TextRun(DisplayFormat.compact(f.established), .value)]),
            .init(count("idle >1m ", f.idleOver1m) + count(" >10m ", f.idleOver10m) + count(" >1h ", f.idleOver1h),
                  short: count("idle>10m ", f.idleOver10m)),
            .init([TextRun("keep-alive ", .label), TextRun(DisplayFormat.compact(f.keepAlive), f.keepAlive == 0 ? .dim : .value)],
                  short: [TextRun("ka ", .label), TextRun(DisplayFormat.compact(f.keepAlive), .value)]),
        ]
        var latency: [FittedLine.Item] = [
            .init([TextRun("rtt p50 ", .label), TextRun(DisplayFormat.rtt(f.rttMedianMicroseconds), .value),
                   TextRun(" p99 ", .label), TextRun(DisplayFormat.rtt(f.rttP99Microseconds), .value)]
                  + (earlier.map { [TextRun(" was " + DisplayFormat.rtt($0.p99Microseconds), .dim)] } ?? []),
                  short: [TextRun("p99 ", .label), TextRun(DisplayFormat.rtt(f.rttP99Microseconds), .value)]),
            .init(count("retrans ", f.retransmits.map { Int(clamping: $0) })
                  + [TextRun(" of " + DisplayFormat.compact(f.segmentsOut), .dim)],
                  short: count("retr ", f.retransmits.map { Int(clamping: $0) })),
            .init(count("unacked ", f.unacked.map { Int(clamping: $0) }, alarm: .value)),
        ]
        if f.synSent > 0 {
            latency.append(.init(count("SYN_SENT ", f.synSent, alarm: .value) + count(" >3s ", f.synSentOver3s, alarm: .critical)
                                 + [TextRun(" oldest " + (f.synSentOldestSeconds.map(tenthsOfSeconds) ?? DisplayFormat.missing), .dim)],
                                 short: count("SYN>3s ", f.synSentOver3s, alarm: .critical)))
        }
        var lines: [Line] = [.items(pool), .items(latency)]
        if f.established > 0 {
            let timing = [("time ", sysctl.tcpKeepaliveTime), ("intvl ", sysctl.tcpKeepaliveIntvl), ("probes ", sysctl.tcpKeepaliveProbes)]
            lines.append(.items([
                .init([TextRun("keep-alive is per socket (SO_KEEPALIVE); the sysctls set its defaults:", .dim)],
                      short: [TextRun("keep-alive defaults:", .dim)]),
            ] + timing.map { name, value in
                .init([TextRun(name, .label), TextRun(value.map { "\($0)" + (name == "probes " ? "" : "s") } ?? DisplayFormat.missing, .value)])
            }))
        }
        return lines
    }

    /// `4.5s`: a wait in seconds to a tenth.
    static func tenthsOfSeconds(_ seconds: Double) -> String {
        let tenths = Int(saturating: (seconds * 10).rounded())
        return "\(tenths / 10).\(tenths % 10)s"
    }
}
