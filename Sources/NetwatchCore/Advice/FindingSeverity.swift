/// How urgent a ``Finding`` is. Ordered: `info` < `warning` < `critical`.
public enum FindingSeverity: String, CaseIterable, Comparable, Sendable {
    /// Worth knowing; nothing is failing yet.
    case info
    /// A limit is being approached or a counter says something is going wrong.
    case warning
    /// A limit is (nearly) reached: connections or files are failing or about to.
    case critical

    private var rank: Int {
        switch self {
        case .info: 0
        case .warning: 1
        case .critical: 2
        }
    }

    /// `critical` at or above `critical`, `warning` at or above `warning`, else `nil`.
    public static func of(_ value: Double?, warning: Double, critical: Double) -> FindingSeverity? {
        guard let value else { return nil }
        return value >= critical ? .critical : value >= warning ? .warning : nil
    }

    public static func < (lhs: FindingSeverity, rhs: FindingSeverity) -> Bool { lhs.rank < rhs.rank }
}
