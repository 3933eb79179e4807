/// How many colours the terminal can show, which decides how theme colours are sent to it.
public enum ColorMode: String, CaseIterable, Sendable {
    /// 24-bit colour: `#rrggbb` as is.
    case trueColor
    /// The xterm 256-colour palette: `#rrggbb` → nearest palette entry.
    case palette256
    /// The 8 basic colours: `#rrggbb` → nearest of them.
    case basic8
    /// No colour at all (`NO_COLOR`, `--no-color`, or a terminal without colour): roles are shown
    /// with bold and reverse only, as in ``Theme/monochrome``.
    case noColor

    /// Picks the mode from what the terminal reports and the environment.
    /// - Parameters:
    ///   - colorCount: the terminal's colour count (curses `COLORS`; 0 when it has none).
    ///   - environment: `NO_COLOR` set and non-empty → ``noColor``; `COLORTERM` `truecolor` or
    ///     `24bit` → ``trueColor`` (when the terminal has at least 256 colours).
    public static func detect(colorCount: Int, environment: [String: String]) -> ColorMode {
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .noColor }
        if colorCount < 8 { return .noColor }
        if colorCount < 256 { return .basic8 }
        let colorTerm = environment["COLORTERM"]?.lowercased()
        return colorTerm == "truecolor" || colorTerm == "24bit" ? .trueColor : .palette256
    }
}
