/// The characters a ``GlyphMode`` allows, by purpose. Every glyph is one column wide.
public struct Glyphs: Sendable {
    public let horizontal: Unicode.Scalar
    public let vertical: Unicode.Scalar
    public let topLeft: Unicode.Scalar
    public let topRight: Unicode.Scalar
    public let bottomLeft: Unicode.Scalar
    public let bottomRight: Unicode.Scalar
    /// A whole filled cell of a horizontal bar or gauge.
    public let barFull: Unicode.Scalar
    /// Partly filled bar cells, from 1/n to (n−1)/n of a cell; empty in ASCII (whole cells only).
    public let barPartials: [Unicode.Scalar]
    /// The unfilled part of a gauge.
    public let gaugeEmpty: Unicode.Scalar
    /// Chart cells filled from the bottom, from 1/n to n/n of a cell.
    public let chartLevels: [Unicode.Scalar]
    /// A chart cell below the top of its column (ASCII draws the column top with the last level).
    public let chartBody: Unicode.Scalar
    /// A reference line across a chart.
    public let referenceLine: Unicode.Scalar
    /// A chart's value axis, and the mark on it at a labelled value.
    public let axisLine: Unicode.Scalar
    public let axisTick: Unicode.Scalar
    /// Under the chart column that holds the peak.
    public let peakMarker: Unicode.Scalar
    /// One-row chart cells, lowest first.
    public let sparkLevels: [Unicode.Scalar]
    /// Marks text cut short.
    public let ellipsis: String
    /// Between a width and a height (`40×10`).
    public let times: String
    /// The arrow keys, for key hints.
    public let upDown: String
    /// Before the title of the pane with the keyboard focus, so the focus shows without colour.
    public let focusMarker: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        barFull: "█", barPartials: ["▏", "▎", "▍", "▌", "▋", "▊", "▉"], gaugeEmpty: "░",
        chartLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"], chartBody: "█", referenceLine: "┄",
        axisLine: "│", axisTick: "┤", peakMarker: "▲", sparkLevels: ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"],
        ellipsis: "…", times: "×", upDown: "↑↓", focusMarker: "▶")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        barFull: "#", barPartials: [], gaugeEmpty: "-",
        chartLevels: ["*"], chartBody: "|", referenceLine: "=",
        axisLine: "|", axisTick: "+", peakMarker: "^", sparkLevels: [".", "-", "=", "*", "#"],
        ellipsis: "~", times: "x", upDown: "Up/Dn", focusMarker: ">")
}
