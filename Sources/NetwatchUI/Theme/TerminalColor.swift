/// A colour in the form a terminal takes it, after a ``ColorMode`` has been applied.
public enum TerminalColor: Equatable, Hashable, Sendable {
    /// The terminal's default foreground or background.
    case terminalDefault
    /// A palette index: 0–7 the basic colours, 16–255 the xterm 256-colour palette.
    case indexed(UInt8)
    /// A 24-bit colour (true-colour terminals only).
    case rgb(RGB)
}
