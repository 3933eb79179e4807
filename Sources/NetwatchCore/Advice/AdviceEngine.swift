/// The diagnosis rules: each a pure function of the snapshot (and the history, when there is
/// one) giving zero or more ``Finding``s. Cheap: every rule reads the snapshot's aggregated rows,
/// never individual sockets, so the dashboard runs them every tick.
public enum AdviceEngine {
    /// The rules, in the order their findings are listed among equal severities.
    static let rules: [@Sendable (AdviceContext) -> [Finding]] = [
        PortExhaustionRule.findings,
        TimeWaitBucketsRule.findings,
        ListenQueueRule.findings,
        FileDescriptorRule.findings,
        CloseWaitRule.findings,
        SynSentRule.findings,
        ConnectionChurnRule.findings,
        OrphanedFinWait2Rule.findings,
        RateSpikeRule.findings,
        ConntrackRule.findings,
        IdlePoolRule.findings,
        StuckConnectRule.findings,
        RTTRiseRule.findings,
        RetransmitDestinationRule.findings,
    ]

    /// Every finding for `snapshot`, most severe first (rule order among equals).
    /// - Parameters:
    ///   - history: the dashboard's history; `nil` for one-off snapshots (rules then use rates only).
    public static func findings(for snapshot: Snapshot, history: History? = nil,
                                thresholds: AdviceThresholds = AdviceThresholds()) -> [Finding] {
        let context = AdviceContext(snapshot: snapshot, history: history, thresholds: thresholds)
        let all = rules.flatMap { $0(context) }
        return FindingSeverity.allCases.reversed().flatMap { severity in all.filter { $0.severity == severity } }
    }
}
