/// How close a reading is to its limit, for colouring gauges and table cells: warning at 70%,
/// critical at 90%. (The advice's findings carry their own ``FindingSeverity`` from NetwatchCore.)
enum Severity: Int, Comparable, Sendable {
    case normal, warning, critical

    static let warningRatio = 0.7
    static let criticalRatio = 0.9

    /// The severity of `ratio` (used / limit); unknown ratios are normal.
    init(ratio: Double?) {
        guard let ratio else { self = .normal; return }
        self = ratio >= Severity.criticalRatio ? .critical : ratio >= Severity.warningRatio ? .warning : .normal
    }

    /// The role for a number or message of this severity.
    var textRole: ColorRole {
        switch self {
        case .normal: .value
        case .warning: .warning
        case .critical: .critical
        }
    }

    /// The role for the filled part of a gauge of this severity.
    var gaugeRole: ColorRole {
        switch self {
        case .normal: .gaugeFilled
        case .warning: .gaugeWarning
        case .critical: .gaugeCritical
        }
    }

    static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rawValue < rhs.rawValue }
}
