import NetwatchCore

/// What a cell means, never what colour it is: panes pick a role, a ``Theme`` maps each role to
/// colours and attributes. The raw value is the key used in theme files.
public enum ColorRole: String, CaseIterable, Sendable, Hashable {
    /// Ordinary text and the screen background.
    case normal
    /// The top status bar (host, kernel, clock).
    case header
    /// Pane titles in the border.
    case title
    /// Pane borders.
    case border
    /// The border of the pane that has the keyboard focus.
    case focusedBorder = "focused_border"
    /// Names next to numbers and table column headings.
    case label
    /// Numbers and other measured values.
    case value
    /// Secondary text: units, `n/a`, hints of lesser weight.
    case dim
    /// A reading below every threshold.
    case good
    /// A reading at or above the warning threshold (70%).
    case warning
    /// A reading at or above the critical threshold (90%).
    case critical
    /// The filled part of a gauge or bar below the warning threshold.
    case gaugeFilled = "gauge_filled"
    /// The filled part of a gauge at or above 70%. Kept apart from ``warning`` so a theme can
    /// emphasise text by reverse video without inverting a bar of full blocks.
    case gaugeWarning = "gauge_warning"
    /// The filled part of a gauge at or above 90%.
    case gaugeCritical = "gauge_critical"
    /// The empty part of a gauge.
    case gaugeEmpty = "gauge_empty"
    /// Chart columns.
    case chart
    /// The chart column that holds the peak.
    case chartPeak = "chart_peak"
    /// A chart's reference line (`tcp_max_tw_buckets`).
    case referenceLine = "reference_line"
    /// The selected row of the focused table.
    case selection
    /// The status message in the footer (export path, errors).
    case status
    /// Key names in the footer and the help overlay.
    case keyHint = "key_hint"
    /// TIME_WAIT, emphasised wherever the state is named.
    case timeWait = "time_wait"
    /// CLOSE_WAIT (an application that does not close its sockets).
    case closeWait = "close_wait"
    /// SYN_SENT (connects waiting for an answer).
    case synSent = "syn_sent"
    /// SYN_RECV (handshakes waiting for the final ACK; a SYN flood or a slow accept).
    case synRecv = "syn_recv"

    /// The emphasis role of a TCP state, `nil` for states shown plainly.
    public static func emphasis(for state: TCPState) -> ColorRole? {
        switch state {
        case .timeWait: .timeWait
        case .closeWait: .closeWait
        case .synSent: .synSent
        case .synRecv: .synRecv
        default: nil
        }
    }
}
