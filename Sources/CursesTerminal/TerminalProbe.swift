import CNcursesw
#if canImport(Glibc)
import Glibc
#endif

/// What terminfo and the locale say about a terminal, without taking it over: for
/// `kimichat doctor`, which may run with its output in a pipe.
public enum TerminalProbe {
    public enum TypeCheck: Sendable, Equatable {
        /// Known to terminfo and able to draw the chat; its colour count (0: none).
        case usable(colors: Int)
        case unset
        /// Known, but cannot move the cursor (a printing terminal, `dumb`).
        case cannotDraw
        /// Not in the terminfo database.
        case unknown
    }

    public static func check(term: String?) -> TypeCheck {
        guard let term, !term.isEmpty else { return .unset }
        guard term != "dumb" else { return .cannotDraw }
        var colors: Int32 = 0
        switch kc_probe_terminal(term, &colors) {
        case 1: return .usable(colors: Int(max(0, colors)))
        case 2: return .cannotDraw
        default: return .unknown
        }
    }

    /// Whether the user's locale (LC_ALL, LC_CTYPE, LANG) reads text as UTF-8.
    public static var localeIsUTF8: Bool { ProcessLocale.userLocaleIsUTF8 }
}
