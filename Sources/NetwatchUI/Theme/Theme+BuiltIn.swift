/// The themes compiled into the binary, so netwatch starts without any theme file. They match
/// `themes/default.toml` and `themes/monochrome.toml` (a test keeps them in step).
extension Theme {
    /// Dark terminals: light text on the terminal's own background, colour for meaning.
    public static let `default` = Theme(name: "default", styles: defaultStyles)

    /// No colours at all; emphasis by bold and reverse video only. Also what `NO_COLOR` and
    /// `--no-color` use, whatever theme is chosen.
    public static let monochrome = Theme(name: "monochrome", styles: monochromeStyles)

    static let defaultStyles: [ColorRole: RoleStyle] = [
        .normal: RoleStyle(),
        .header: .rgb("#ffffff", bg: "#005f87", bold: true),
        .title: .rgb("#87d7ff", bold: true),
        .border: .rgb("#585858"),
        .focusedBorder: .rgb("#87d7ff", bold: true),
        .label: .rgb("#a8a8a8"),
        .value: .rgb("#eeeeee"),
        .dim: .rgb("#6c6c6c"),
        .good: .rgb("#5fd75f"),
        .warning: .rgb("#ffd75f", bold: true),
        .critical: .rgb("#ff5f5f", bold: true),
        .gaugeFilled: .rgb("#5fafd7"),
        .gaugeWarning: .rgb("#ffd75f"),
        .gaugeCritical: .rgb("#ff5f5f"),
        .gaugeEmpty: .rgb("#444444"),
        .chart: .rgb("#5fafd7"),
        .chartPeak: .rgb("#ffaf5f", bold: true),
        .referenceLine: .rgb("#ff5f5f"),
        .selection: .rgb("#ffffff", bg: "#005f87"),
        .status: .rgb("#ffd75f"),
        .keyHint: .rgb("#87d7ff", bold: true),
        .timeWait: .rgb("#ffaf5f", bold: true),
        .closeWait: .rgb("#ff5f87", bold: true),
        .synSent: .rgb("#d7afff", bold: true),
        .synRecv: .rgb("#d787ff", bold: true),
    ]

    static let monochromeStyles: [ColorRole: RoleStyle] = {
        let bold = RoleStyle(bold: true), reverse = RoleStyle(reverse: true)
        var styles = Dictionary(uniqueKeysWithValues: ColorRole.allCases.map { ($0, RoleStyle()) })
        for role: ColorRole in [.title, .focusedBorder, .warning, .gaugeWarning, .gaugeCritical, .chartPeak, .status,
                                .keyHint, .timeWait, .closeWait, .synSent, .synRecv] {
            styles[role] = bold
        }
        styles[.header] = reverse
        styles[.selection] = reverse
        styles[.critical] = RoleStyle(bold: true, reverse: true)
        return styles
    }()
}
