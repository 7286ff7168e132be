import CWideChar

/// How many terminal columns text takes, measured the way ncurses and the terminal
/// measure it: `wcwidth` per code point, so that our columns never drift from theirs.
public enum DisplayWidth {
    /// `wcwidth` answers by the character-type locale; without a UTF-8 one every
    /// non-ASCII character is unprintable. The app sets the locale at start; this
    /// makes tests and tools agree with it.
    private static let localeIsUTF8: Bool = kc_ensure_utf8_ctype() == 1

    /// Adopts the user's locale for the whole process and makes sure characters are
    /// read as UTF-8. Returns false when the user's own locale was not UTF-8.
    @discardableResult
    public static func prepareProcessLocale() -> Bool {
        kc_prepare_locale() == 1
    }

    /// Columns of one code point: 0, 1 or 2; -1 when it is not printable.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        _ = localeIsUTF8
        return Int(kc_wcwidth(value))
    }

    /// Columns of one grapheme cluster: the sum over its code points, as terminals do.
    public static func of(_ character: Character) -> Int {
        if let ascii = character.asciiValue, ascii >= 0x20, ascii < 0x7F { return 1 }
        var total = 0
        for scalar in character.unicodeScalars { total += max(0, of(scalar)) }
        return total
    }

    /// Columns of a whole string (which must not contain newlines or tabs).
    public static func of<S: StringProtocol>(_ text: S) -> Int {
        var total = 0
        for character in text { total += of(character) }
        return total
    }
}
