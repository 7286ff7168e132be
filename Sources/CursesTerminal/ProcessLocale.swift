#if canImport(Glibc)
import Glibc
#endif

/// The locale ncurses needs to read and draw wide characters: the user's own, adopted
/// once before initscr, with its character type made UTF-8 when it is not (kimichat
/// reads and writes UTF-8 whatever the locale says). Only the terminal backend sets
/// it; the layout code reads no locale (TextLayout measures widths from a table).
enum ProcessLocale {
    /// Set on first use; true when the user's own locale was already UTF-8.
    static let userLocaleIsUTF8: Bool = {
        setlocale(LC_ALL, "")
        let wasUTF8 = characterTypeIsUTF8
        if !wasUTF8 { setlocale(LC_CTYPE, "C.UTF-8") }
        return wasUTF8
    }()

    private static var characterTypeIsUTF8: Bool {
        guard let codeset = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: codeset).lowercased()
        return name == "utf-8" || name == "utf8"
    }
}
