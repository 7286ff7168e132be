/// Makes text from the network or the database safe to draw: no byte of it may
/// reach the terminal as a control. ESC, other C0 and C1 controls, DEL and code
/// points the terminal cannot print become visible, inert symbols.
public enum TerminalSafeText {
    /// Keeps `\n` and `\t` (layout handles them); replaces every other control.
    public static func sanitize(_ text: String) -> String {
        if text.utf8.allSatisfy({ ($0 >= 0x20 && $0 < 0x7F) || $0 == 0x0A || $0 == 0x09 }) {
            return text
        }
        var result = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            result.append(visible(scalar))
        }
        return String(result)
    }

    /// One line of text (titles, status messages): newlines become visible too.
    public static func sanitizeLine(_ text: String) -> String {
        sanitize(text)
            .replacingAll("\n", with: "⏎")
            .replacingAll("\t", with: " ")
    }

    static func visible(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        let value = scalar.value
        switch value {
        case 0x0A, 0x09:
            return scalar
        case 0x00..<0x20:
            // U+2400 CONTROL PICTURES: ␀ … ␟, ␛ for ESC.
            return Unicode.Scalar(0x2400 + value) ?? "\u{FFFD}"
        case 0x7F:
            return "\u{2421}"
        case 0x80..<0xA0:
            return "\u{FFFD}"
        case 0x20..<0x7F:
            return scalar
        default:
            return DisplayWidth.of(scalar) < 0 && !isZeroWidthJoinerLike(value) ? "\u{FFFD}" : scalar
        }
    }

    /// Format characters that are part of emoji and scripts and draw as nothing.
    private static func isZeroWidthJoinerLike(_ value: UInt32) -> Bool {
        value == 0x200D || value == 0x200C || (0xFE00...0xFE0F).contains(value)
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        guard contains(target) else { return self }
        var result = ""
        result.reserveCapacity(utf8.count)
        for character in self {
            if character == target { result += replacement } else { result.append(character) }
        }
        return result
    }
}
