import CNcurses
import Glibc
import NetwatchUI

/// The only code that talks to curses: copies a ``ScreenBuffer`` to the terminal through
/// ncurses' own diffing (`wnoutrefresh`/`doupdate`, so an unchanged cell costs no bytes) and
/// turns curses key codes into ``Key``s.
///
/// Colours: one colour pair per ``ColorRole``, built from the theme for the terminal's
/// ``ColorMode``. A 24-bit colour is only sent as such to a direct-colour terminal; everywhere
/// else the nearest palette colour is used.
///
/// While it has the terminal, a crash (a fault signal, a Swift runtime trap) gives the terminal
/// back before the crash report is written (see `nw_arm_crash_restore` in the CNcurses shim).
public final class CursesTerminal {
    public private(set) var mode: ColorMode
    private var attributes: [ColorRole: attr_t] = [:]
    private var pairs: [ColorRole: Int16] = [:]
    /// What the screen shows now, so unchanged cells are not even handed to curses.
    private var shown: ScreenBuffer?
    private var active = false

    /// The terminal cannot be driven: its `TERM` has no terminfo entry.
    public struct UnknownTerminal: Error, CustomStringConvertible {
        public let term: String
        public let databaseMissing: Bool
        /// Keys were to come from /dev/tty and it cannot be opened.
        public var noKeyboard = false
        /// Why a known terminal cannot be driven after all, said as it is.
        public var unusable: String?
        public var description: String {
            if let unusable { return unusable }
            return noKeyboard ? "no terminal to read keys from: standard input is not a terminal and /dev/tty cannot be opened; run netwatch from a terminal"
            : databaseMissing
                ? "no terminfo database found for TERM '\(term)'; install ncurses-base or set TERM=xterm-256color"
                : "unknown terminal type TERM='\(term)' (no terminfo entry); try TERM=xterm-256color or install ncurses-term"
        }
    }

    /// The descriptor keys arrive on: standard input, or /dev/tty.
    public let keyDescriptor: Int32

    /// Whether the locale (`LC_ALL`, `LC_CTYPE`, `LANG`) is UTF-8. When it is not, curses cannot
    /// put block, braille or arrow glyphs on the screen (they come out blank), so the dashboard
    /// draws ASCII.
    public let localeIsUTF8: Bool

    /// Takes over the terminal (alternate screen, no echo, raw keys, hidden cursor).
    /// - Parameters:
    ///   - noColor: `--no-color`; `NO_COLOR` in `environment` has the same effect.
    ///   - keysFromTerminalDevice: read keys from /dev/tty, for when standard input carries data
    ///     (`… | netwatch replay -`). Standard input that is not a terminal (`</dev/null`, a file)
    ///     has no keys to read either: keys then come from /dev/tty as well.
    /// - Throws: ``UnknownTerminal`` before touching the screen when `TERM` cannot be used, or
    ///   when keys should come from /dev/tty and there is none.
    public init(theme: Theme, noColor: Bool, environment: [String: String], keysFromTerminalDevice: Bool = false) throws(UnknownTerminal) {
        nw_setlocale_all()
        localeIsUTF8 = nw_locale_is_utf8() == 1
        let term = environment["TERM"] ?? ""
        let check = nw_check_terminal()
        if check == 2 {
            throw UnknownTerminal(term: term, databaseMissing: false, unusable: "terminal type TERM='\(term)' cannot move the cursor, "
                                  + "which the dashboard needs; try TERM=xterm-256color, or use `netwatch snapshot` for text")
        }
        guard check == 1 else { throw UnknownTerminal(term: term, databaseMissing: check < 0) }
        if let size = Self.oversizedEnvironment(environment) {
            throw UnknownTerminal(term: term, databaseMissing: false, unusable: "\(size): larger than the \(Self.maximumSide) rows or columns "
                                  + "netwatch draws; unset LINES and COLUMNS to use the terminal's own size")
        }
        // 25 ms for Esc: long enough to tell it from an arrow key's escape sequence over SSH.
        set_escdelay(25)
        nw_save_terminal_modes(STDOUT_FILENO)
        if keysFromTerminalDevice || isatty(STDIN_FILENO) != 1 {
            keyDescriptor = nw_start_on_terminal_device()
            guard keyDescriptor >= 0 else { throw UnknownTerminal(term: environment["TERM"] ?? "", databaseMissing: false, noKeyboard: true) }
        } else {
            initscr()
            keyDescriptor = STDIN_FILENO
        }
        cbreak()
        noecho()
        nonl()
        intrflush(nw_stdscr(), false)
        keypad(nw_stdscr(), true)
        curs_set(0)
        active = true
        nw_arm_crash_restore(STDOUT_FILENO)
        if has_colors() && !noColor {
            start_color()
            use_default_colors()
        }
        let colors = has_colors() && !noColor ? Int(nw_colors()) : 0
        var detected = ColorMode.detect(colorCount: colors, environment: environment)
        if detected == .trueColor && colors < 1 << 24 { detected = .palette256 }
        mode = detected
        apply(theme)
    }

    deinit { end() }

    /// Rows and columns beyond which a screen is refused: curses would fail to allocate it, or
    /// every frame would take seconds.
    static let maximumSide = 1000

    /// `LINES=N` or `COLUMNS=N` from the environment (which curses prefers to the terminal's
    /// size) when N is beyond ``maximumSide``.
    static func oversizedEnvironment(_ environment: [String: String]) -> String? {
        for name in ["LINES", "COLUMNS"] {
            if let value = environment[name], let side = Int(value), side > maximumSide { return "\(name)=\(value)" }
        }
        return nil
    }

    /// Columns and rows of the terminal.
    public var size: (width: Int, height: Int) {
        (Int(nw_getmaxx(nw_stdscr())), Int(nw_getmaxy(nw_stdscr())))
    }

    /// Switches every role to the theme's style; the next ``present(_:)`` repaints everything.
    public func apply(_ theme: Theme) {
        attributes.removeAll()
        pairs.removeAll()
        var nextPair: Int16 = 1
        var pairOf: [TerminalStyle: Int16] = [:]
        for role in ColorRole.allCases {
            let style = theme.terminalStyle(for: role, mode: mode)
            var attrs = nw_a_normal()
            if style.bold { attrs |= nw_a_bold() }
            if style.reverse { attrs |= nw_a_reverse() }
            if style.underline { attrs |= nw_a_underline() }
            attributes[role] = attrs
            guard mode != .noColor else { pairs[role] = 0; continue }
            var colourKey = style
            colourKey.bold = false; colourKey.reverse = false; colourKey.underline = false
            if let existing = pairOf[colourKey] {
                pairs[role] = existing
            } else if Int32(nextPair) < nw_color_pairs() {
                init_extended_pair(Int32(nextPair), colour(style.foreground), colour(style.background))
                pairOf[colourKey] = nextPair
                pairs[role] = nextPair
                nextPair += 1
            } else {
                pairs[role] = 0
            }
        }
        shown = nil
    }

    private func colour(_ color: TerminalColor) -> Int32 {
        switch color {
        case .terminalDefault: -1
        case let .indexed(index): Int32(index)
        case let .rgb(rgb):
            // Direct-colour terminals take the packed value as the colour number.
            Int32(rgb.red) << 16 | Int32(rgb.green) << 8 | Int32(rgb.blue)
        }
    }

    /// Copies `buffer` to the screen; only cells that differ from the last frame are touched,
    /// and curses sends only what changed.
    public func present(_ buffer: ScreenBuffer) {
        let screen = nw_stdscr()
        let previous = shown.flatMap { $0.width == buffer.width && $0.height == buffer.height ? $0 : nil }
        if previous == nil { werase(screen) }
        for y in 0..<buffer.height {
            for x in 0..<buffer.width {
                guard let cell = buffer[x, y] else { continue }
                if let previous, previous[x, y] == cell { continue }
                // The bottom-right cell would scroll some terminals: curses refuses it, harmlessly.
                _ = nw_put_wide(screen, Int32(y), Int32(x), wchar_t(cell.scalar.value), attributes[cell.role] ?? 0,
                                pairs[cell.role] ?? 0)
            }
        }
        shown = buffer
        wnoutrefresh(screen)
        doupdate()
    }

    /// Forgets what is on screen: the next ``present(_:)`` repaints every cell (after a resize,
    /// a resume from Ctrl-Z, or a theme change).
    public func invalidate() {
        shown = nil
        clearok(nw_curscr(), true)
    }

    /// Tells curses the terminal now has this size (from `TIOCGWINSZ` after SIGWINCH).
    public func resize(rows: Int, columns: Int) {
        guard rows > 0, columns > 0 else { return }
        resizeterm(Int32(rows), Int32(columns))
        invalidate()
    }

    /// Reads every key already waiting, without blocking.
    public func pendingKeys() -> [Key] {
        let screen = nw_stdscr()
        wtimeout(screen, 0)
        var keys = [Key]()
        var character: wint_t = 0
        while keys.count < 256 {
            let status = wget_wch(screen, &character)
            if status == nw_err() { break }
            if let key = CursesKeys.key(status: status, value: UInt32(character)) { keys.append(key) }
        }
        return keys
    }

    /// Gives the terminal back (normal screen, echo, cursor) for Ctrl-Z.
    public func suspend() {
        guard active else { return }
        endwin()
        nw_disarm_crash_restore()
    }

    /// Takes the terminal again after Ctrl-Z and repaints everything.
    public func resume() {
        guard active else { return }
        refresh()
        nw_arm_crash_restore(STDOUT_FILENO)
        invalidate()
    }

    /// Restores the terminal for good.
    public func end() {
        guard active else { return }
        active = false
        endwin()
        nw_disarm_crash_restore()
    }
}
