import NetwatchCore

/// How a finding's severity looks: its label and colour role.
extension FindingSeverity {
    /// ` CRITICAL `, ` WARNING `, ` INFO `.
    var label: String { " \(rawValue.uppercased()) " }

    /// The role of the finding's label and title.
    var textRole: ColorRole {
        switch self {
        case .info: .value
        case .warning: .warning
        case .critical: .critical
        }
    }
}
