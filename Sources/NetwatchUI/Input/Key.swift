/// A key press as the dashboard understands it, independent of curses key codes.
public enum Key: Equatable, Hashable, Sendable {
    /// A printable character (`q`, `?`, space, `+`).
    case character(Character)
    case up, down, left, right
    case tab
    /// Shift-Tab.
    case backTab
    case enter
    case escape
    case backspace
    case f1
    case home, end
    /// The terminal changed size (SIGWINCH); not typed by the user.
    case resize
}
