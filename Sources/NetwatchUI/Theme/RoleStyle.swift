/// How a theme shows one ``ColorRole``: colours and attributes.
public struct RoleStyle: Equatable, Sendable {
    public var foreground: ThemeColor
    public var background: ThemeColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: ThemeColor = .terminalDefault, background: ThemeColor = .terminalDefault,
                bold: Bool = false, reverse: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }

    /// Shorthand for the compiled-in themes: `#rrggbb` foreground, optional background.
    static func rgb(_ fg: String, bg: String? = nil, bold: Bool = false, reverse: Bool = false) -> RoleStyle {
        RoleStyle(foreground: ThemeColor(fg) ?? .terminalDefault, background: bg.flatMap(ThemeColor.init) ?? .terminalDefault,
                  bold: bold, reverse: reverse)
    }
}
