/// The eight basic terminal colours, numbered as SGR 30–37 / curses `COLOR_*` number them.
public enum ANSIColor: UInt8, CaseIterable, Sendable {
    case black = 0, red, green, yellow, blue, magenta, cyan, white

    /// The name used in theme files (`red`).
    public var name: String { String(describing: self) }
}
