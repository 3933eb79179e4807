/// Turning a theme into what a terminal of a given ``ColorMode`` can show.
extension Theme {
    /// The style the backend applies to cells of `role`.
    ///
    /// In ``ColorMode/noColor`` the theme is ignored and ``Theme/monochrome``'s attributes are
    /// used, so emphasis survives without colour. In ``ColorMode/basic8`` a mid-grey foreground
    /// (lightness between 12.5% and 87.5%) becomes the terminal's default foreground: with no grey
    /// among the 8 colours, black or white would vanish on one kind of background.
    public func terminalStyle(for role: ColorRole, mode: ColorMode) -> TerminalStyle {
        let style = mode == .noColor ? Theme.monochrome[role] : self[role]
        return TerminalStyle(foreground: Theme.terminalColor(style.foreground, mode: mode, isForeground: true),
                             background: Theme.terminalColor(style.background, mode: mode, isForeground: false),
                             bold: style.bold, reverse: style.reverse, underline: style.underline)
    }

    static func terminalColor(_ color: ThemeColor, mode: ColorMode, isForeground: Bool) -> TerminalColor {
        switch (color, mode) {
        case (_, .noColor), (.terminalDefault, _): return .terminalDefault
        case (.ansi(let basic), _): return .indexed(basic.rawValue)
        case (.rgb(let rgb), .trueColor): return .rgb(rgb)
        case (.rgb(let rgb), .palette256): return .indexed(NearestColor.xterm256(rgb))
        case (.rgb(let rgb), .basic8):
            if isForeground, NearestColor.isGrey(rgb), (0.125...0.875).contains(NearestColor.lightness(rgb)) {
                return .terminalDefault
            }
            return .indexed(NearestColor.basic(rgb).rawValue)
        }
    }
}
