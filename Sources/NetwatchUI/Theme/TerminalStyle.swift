/// What the backend applies to a cell of a given role: colours it can show, and attributes.
public struct TerminalStyle: Equatable, Hashable, Sendable {
    public var foreground: TerminalColor
    public var background: TerminalColor
    public var bold: Bool
    public var reverse: Bool
    public var underline: Bool

    public init(foreground: TerminalColor, background: TerminalColor, bold: Bool, reverse: Bool, underline: Bool) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.underline = underline
    }
}
