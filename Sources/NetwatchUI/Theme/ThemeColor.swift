/// A colour as a theme file writes it: the terminal's own default, one of the eight basic
/// colours by name, or `#rrggbb`.
public enum ThemeColor: Equatable, Hashable, Sendable, CustomStringConvertible {
    /// The terminal's default foreground or background (`default`).
    case terminalDefault
    case ansi(ANSIColor)
    case rgb(RGB)

    /// Parses `default`, a basic colour name (`red`) or `#rrggbb`; `nil` for anything else.
    public init?(_ text: String) {
        if text == "default" {
            self = .terminalDefault
        } else if let named = ANSIColor.allCases.first(where: { $0.name == text }) {
            self = .ansi(named)
        } else if let rgb = RGB(hex: text) {
            self = .rgb(rgb)
        } else {
            return nil
        }
    }

    public var description: String {
        switch self {
        case .terminalDefault: "default"
        case .ansi(let color): color.name
        case .rgb(let rgb): rgb.description
        }
    }
}
