import CNcursesw
import ScreenKit

/// Our own key codes for sequences ncurses does not name, registered with `define_key`.
enum ExtraKeyCode {
    static let base = Int32(KEY_MAX) + 1
    static let pasteBegin = base
    static let pasteEnd = base + 1
    static let ctrlUp = base + 2
    static let ctrlDown = base + 3
    static let ctrlLeft = base + 4
    static let ctrlRight = base + 5
    static let altUp = base + 6
    static let altDown = base + 7
    static let altLeft = base + 8
    static let altRight = base + 9

    static let sequences: [(String, Int32)] = [
        ("\u{1B}[200~", pasteBegin), ("\u{1B}[201~", pasteEnd),
        ("\u{1B}[1;5A", ctrlUp), ("\u{1B}[1;5B", ctrlDown),
        ("\u{1B}[1;5D", ctrlLeft), ("\u{1B}[1;5C", ctrlRight),
        ("\u{1B}[1;3A", altUp), ("\u{1B}[1;3B", altDown),
        ("\u{1B}[1;3D", altLeft), ("\u{1B}[1;3C", altRight),
        // Home and End as tmux, screen, rxvt and the Linux console send them, and as
        // xterm sends them in either cursor mode: a TERM that names another terminal
        // (common over SSH and inside tmux) must not turn them into stray text.
        ("\u{1B}[1~", KEY_HOME), ("\u{1B}[4~", KEY_END), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[8~", KEY_END),
        ("\u{1B}[H", KEY_HOME), ("\u{1B}[F", KEY_END), ("\u{1B}OH", KEY_HOME), ("\u{1B}OF", KEY_END),
    ]
}

/// One thing `wget_wch` returned: a character code, a function-key code, or (for
/// KEY_MOUSE) the button state `getmouse` reported.
enum RawKey: Equatable {
    case character(UInt32)
    case function(Int32)
    case mouse(mmask_t)
}

/// Turns what `wget_wch` returns into `Key`s: a pure function of the codes, so it is
/// tested without a terminal.
enum KeyDecoder {
    /// The keys of one read. Esc followed by a key in the same read is Alt-key (Esc then
    /// Enter is Alt-Enter); an Esc before a function key, or last, is Esc itself.
    static func keys(_ raws: [RawKey]) -> [Key] {
        var keys: [Key] = []
        var escapePending = false
        for raw in raws {
            switch raw {
            case let .character(code):
                guard let key = character(code) else { continue }
                if escapePending {
                    escapePending = false
                    if let alt = alt(key) { keys.append(alt); continue }
                    keys.append(.escape)
                }
                if key == .escape { escapePending = true } else { keys.append(key) }
            case let .function(code):
                if escapePending { keys.append(.escape); escapePending = false }
                if let key = function(code) { keys.append(key) }
            case let .mouse(buttons):
                if escapePending { keys.append(.escape); escapePending = false }
                if let key = wheel(buttons) { keys.append(key) }
            }
        }
        if escapePending { keys.append(.escape) }
        return keys
    }

    /// The mouse wheel (buttons 4 and 5); other mouse events are not keys.
    static func wheel(_ buttons: mmask_t) -> Key? {
        if buttons & kc_button4_pressed() != 0 { return .wheelUp }
        if buttons & kc_button5_pressed() != 0 { return .wheelDown }
        return nil
    }

    /// A character code (not a function key) as a key. Control codes become Ctrl-keys.
    static func character(_ code: UInt32) -> Key? {
        switch code {
        case 13: return .enter
        case 10: return .ctrl("j")
        case 9: return .tab
        case 27: return .escape
        case 127: return .backspace
        case 8: return .ctrl("h")
        case 0: return nil
        case 1...26: return .ctrl(Character(Unicode.Scalar(code + 96)!))
        case 28...31: return nil
        default:
            guard let scalar = Unicode.Scalar(code) else { return nil }
            return .character(Character(scalar))
        }
    }

    /// A key Esc-prefixed within the same read: Alt-something.
    static func alt(_ key: Key) -> Key? {
        switch key {
        case .enter: return .altEnter
        case let .character(character): return .alt(Character(character.lowercased()))
        default: return nil
        }
    }

    static func function(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_DC: return .delete
        case KEY_BACKSPACE: return .backspace
        case KEY_ENTER: return .enter
        case KEY_BTAB: return .backTab
        case ExtraKeyCode.pasteBegin: return .pasteBegin
        case ExtraKeyCode.pasteEnd: return .pasteEnd
        case ExtraKeyCode.ctrlUp: return .ctrlUp
        case ExtraKeyCode.ctrlDown: return .ctrlDown
        case ExtraKeyCode.ctrlLeft: return .ctrlLeft
        case ExtraKeyCode.ctrlRight: return .ctrlRight
        case ExtraKeyCode.altUp: return .altUp
        case ExtraKeyCode.altDown: return .altDown
        case ExtraKeyCode.altLeft: return .altLeft
        case ExtraKeyCode.altRight: return .altRight
        default:
            let f0 = kc_key_f0()
            if code > f0 && code <= f0 + 24 { return .function(Int(code - f0)) }
            return nil
        }
    }
}
