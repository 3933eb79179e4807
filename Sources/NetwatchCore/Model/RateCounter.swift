/// The kernel counters netwatch turns into per-second rates (docs/KERNEL.md §5), with the JSON
/// name, the table and the kernel's name for each.
public enum RateCounter: String, CaseIterable, Sendable, Hashable {
    case activeOpens = "active_opens"
    case passiveOpens = "passive_opens"
    case attemptFails = "attempt_fails"
    case estabResets = "estab_resets"
    case outRsts = "out_rsts"
    case retransSegs = "retrans_segs"
    case inSegs = "in_segs"
    case outSegs = "out_segs"
    case inErrs = "in_errs"
    case timeWaitEntered = "tw"
    case timeWaitKilled = "tw_killed"
    case timeWaitRecycled = "tw_recycled"
    case timeWaitOverflow = "time_wait_overflow"
    case listenOverflows = "listen_overflows"
    case listenDrops = "listen_drops"
    case abortOnTimeout = "abort_on_timeout"
    case abortOnData = "abort_on_data"
    case abortOnClose = "abort_on_close"
    case reqQFullDrop = "req_q_full_drop"
    case syncookiesSent = "syncookies_sent"

    public enum Table: Sendable { case tcp, tcpExt }

    /// Where the kernel keeps it: `Tcp:` in snmp or `TcpExt:` in netstat, and its name there.
    public var source: (table: Table, name: String) {
        switch self {
        case .activeOpens: (.tcp, "ActiveOpens")
        case .passiveOpens: (.tcp, "PassiveOpens")
        case .attemptFails: (.tcp, "AttemptFails")
        case .estabResets: (.tcp, "EstabResets")
        case .outRsts: (.tcp, "OutRsts")
        case .retransSegs: (.tcp, "RetransSegs")
        case .inSegs: (.tcp, "InSegs")
        case .outSegs: (.tcp, "OutSegs")
        case .inErrs: (.tcp, "InErrs")
        case .timeWaitEntered: (.tcpExt, "TW")
        case .timeWaitKilled: (.tcpExt, "TWKilled")
        case .timeWaitRecycled: (.tcpExt, "TWRecycled")
        case .timeWaitOverflow: (.tcpExt, "TCPTimeWaitOverflow")
        case .listenOverflows: (.tcpExt, "ListenOverflows")
        case .listenDrops: (.tcpExt, "ListenDrops")
        case .abortOnTimeout: (.tcpExt, "TCPAbortOnTimeout")
        case .abortOnData: (.tcpExt, "TCPAbortOnData")
        case .abortOnClose: (.tcpExt, "TCPAbortOnClose")
        case .reqQFullDrop: (.tcpExt, "TCPReqQFullDrop")
        case .syncookiesSent: (.tcpExt, "SyncookiesSent")
        }
    }

    /// The counter's value in a sample, `nil` when its table or name is missing.
    public func value(in sample: RawSample) -> Int64? {
        let (table, name) = source
        return (table == .tcp ? sample.tcp : sample.tcpExt)?[name]
    }
}
