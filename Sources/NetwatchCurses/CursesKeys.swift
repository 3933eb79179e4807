import CNcurses
import NetwatchUI

/// curses key codes and characters → ``Key``.
enum CursesKeys {
    static func key(status: Int32, value: UInt32) -> Key? {
        if status == nw_key_code_yes() { return functionKey(Int32(value)) }
        switch value {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 8, 127: return .backspace
        default:
            guard let scalar = Unicode.Scalar(value), value >= 32 else { return nil }
            return .character(Character(scalar))
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: .up
        case KEY_DOWN: .down
        case KEY_LEFT: .left
        case KEY_RIGHT: .right
        case KEY_BTAB: .backTab
        case KEY_HOME: .home
        case KEY_END: .end
        case KEY_ENTER: .enter
        case KEY_BACKSPACE: .backspace
        case nw_key_resize(): .resize
        case nw_key_f(1): .f1
        default: nil
        }
    }
}
