/// One diagnosis: what is wrong, the numbers that show it, and what to change.
///
/// Made by the rules of ``AdviceEngine``; carried in ``Snapshot/advice`` and the JSON `advice`
/// array. netwatch never changes a sysctl itself: a suggestion shows the command to run.
public struct Finding: Equatable, Sendable {
    /// The rule that made it, stable for scripts: `ephemeral_exhaustion`, `close_wait`, …
    public var id: String
    public var severity: FindingSeverity
    /// The problem in one line, naming what it concerns: `ephemeral ports toward 10.0.0.5:80 93% used`.
    public var title: String
    /// The facts it rests on, in reading order.
    public var evidence: [Evidence]
    /// What to do, most effective first; commands are given exactly.
    public var suggestion: [String]
    /// Where the facts behind the advice are documented (kernel docs, man pages).
    public var reference: String
    /// What `Enter` drills into from the advice list; `nil` when the finding has no port, peer
    /// or process.
    public var target: DrillTarget?

    public init(id: String, severity: FindingSeverity, title: String, evidence: [Evidence], suggestion: [String],
                reference: String, target: DrillTarget? = nil) {
        self.id = id
        self.severity = severity
        self.title = title
        self.evidence = evidence
        self.suggestion = suggestion
        self.reference = reference
        self.target = target
    }
}
