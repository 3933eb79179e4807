/// TIME_WAIT near `tcp_max_tw_buckets`, or already past it (`TCPTimeWaitOverflow` rising): above
/// the limit new time-wait entries are destroyed at once (docs/KERNEL.md §4).
enum TimeWaitBucketsRule {
    static let id = "time_wait_buckets"
    static let reference = "Documentation/networking/ip-sysctl.rst (tcp_max_tw_buckets, tcp_fin_timeout); "
        + "TCP_TIMEWAIT_LEN in include/net/tcp.h"

    static func findings(_ context: AdviceContext) -> [Finding] {
        let snapshot = context.snapshot, t = context.thresholds
        let tw = snapshot.sockstat?.tw
        let limit = snapshot.sysctl.tcpMaxTwBuckets.flatMap { $0 > 0 ? $0 : nil }
        let ratio = tw.flatMap { tw in limit.map { Double(tw) / Double($0) } }
        let overflowing = context.rising(.timeWaitOverflowPerSecond)
        let byRatio = FindingSeverity.of(ratio, warning: t.timeWaitWarning, critical: t.timeWaitCritical)
        guard let severity = overflowing ? .critical : byRatio else { return [] }

        let overflowRate = context.rate(.timeWaitOverflow)
        var title = "TIME_WAIT " + (ratio.map { "at \(AdviceText.percent($0)) of tcp_max_tw_buckets" } ?? "overflowing")
        if let tw, let limit { title += " (\(tw) of \(limit))" }
        if overflowing { title += ": new time-wait entries are destroyed at once" }
        var evidence = [Evidence]()
        if let tw { evidence.append(Evidence("time_wait", tw)) }
        if let limit { evidence.append(Evidence("tcp_max_tw_buckets", limit)) }
        if let ratio { evidence.append(Evidence("ratio", ratio)) }
        if let overflowRate { evidence.append(Evidence("time_wait_overflow_per_s", overflowRate)) }
        if let connects = context.rate(.activeOpens) { evidence.append(Evidence("connects_per_s", connects)) }
        if let accepts = context.rate(.passiveOpens) { evidence.append(Evidence("accepts_per_s", accepts)) }

        var suggestion = [
            "TIME_WAIT lasts 60 s, fixed in the kernel; tcp_fin_timeout does not shorten it. Fewer entries means fewer "
                + "closed connections: keep-alive or connection pooling on the side that closes first, which is the side "
                + "that holds the TIME_WAIT.",
        ]
        if let limit {
            suggestion.append("Past tcp_max_tw_buckets (\(limit)) new entries are dropped (TCPTimeWaitOverflow) and lose "
                + "TIME_WAIT's protection against late segments of an old connection. To hold more (a little memory each): "
                + AdviceText.sysctl("net.ipv4.tcp_max_tw_buckets", String(limit.saturatingMultiplied(by: 2))))
        }
        return [Finding(id: id, severity: severity, title: title, evidence: evidence, suggestion: suggestion,
                        reference: reference, target: context.busiestPeer(.timeWait))]
    }
}
