/// How many terminal columns text takes, measured the way ncurses and the terminal
/// measure it: glibc's `wcwidth` per code point, so that our columns never drift from
/// theirs. The answers come from a table generated from that `wcwidth`
/// (`scripts/make-width-table`, pinned by a test), so measuring reads no locale and
/// no other process state.
public enum DisplayWidth {
    /// Columns of one code point: 0, 1 or 2; -1 when it is not printable.
    @inline(__always)
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let value = scalar.value
        if value >= 0x20 && value < 0x7F { return 1 }
        return lookup.width(of: value)
    }

    /// The generated table, unpacked on first use.
    private static let lookup = WidthLookup(ranges)

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
