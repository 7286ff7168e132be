import Testing
import TextLayout

@Suite("Terminal-safe text")
struct TerminalSafeTextTests {
    @Test("escape sequences become visible, inert symbols")
    func escapes() {
        let hostile = "a\u{1B}]52;c;ZXZpbA==\u{07}b\u{1B}[2Jc"
        let safe = TerminalSafeText.sanitize(hostile)
        #expect(!safe.unicodeScalars.contains { $0.value < 0x20 || (0x7F..<0xA0).contains($0.value) })
        #expect(safe == "a␛]52;c;ZXZpbA==␇b␛[2Jc")
    }

    @Test("C1 controls and DEL are replaced; newlines and tabs stay for layout")
    func c1() {
        #expect(TerminalSafeText.sanitize("x\u{9B}31m\u{7F}\n\ty") == "x\u{FFFD}31m\u{2421}\n\ty")
    }

    @Test("plain and CJK text pass through unchanged")
    func plain() {
        let text = "Hello 你好 😀 e\u{301}"
        #expect(TerminalSafeText.sanitize(text) == text)
    }

    @Test("one-line form shows newlines as ⏎")
    func oneLine() {
        #expect(TerminalSafeText.sanitizeLine("a\nb") == "a⏎b")
    }
}

@Suite("Terminal-safe text: every control")
struct TerminalSafeControlTests {
    @Test("every C0 control but newline and tab, DEL and every C1 control comes out inert")
    func everyControl() {
        let controls = (0x00...0x1F).filter { $0 != 0x0A && $0 != 0x09 } + [0x7F] + Array(0x80...0x9F)
        for value in controls {
            let text = "a" + String(Character(Unicode.Scalar(value)!)) + "b"
            let safe = TerminalSafeText.sanitize(text)
            #expect(!safe.unicodeScalars.contains { $0.value < 0x20 && $0.value != 0x0A && $0.value != 0x09 }, "U+\(String(value, radix: 16))")
            #expect(!safe.unicodeScalars.contains { (0x7F...0x9F).contains($0.value) }, "U+\(String(value, radix: 16))")
            #expect(safe.hasPrefix("a") && safe.hasSuffix("b"))
        }
    }

    @Test(arguments: [
        "\u{1B}]52;c;ZXZpbA==\u{07}",          // set the clipboard
        "\u{1B}[2J\u{1B}[H",                   // clear the screen, home
        "\u{1B}]0;pwned\u{07}",                // set the window title
        "\u{1B}[201~",                         // a fake end of bracketed paste
        "\u{1B}P+q544e\u{1B}\\",               // DCS: terminfo query
        "\u{9B}6n",                            // 8-bit CSI: cursor report request
        "\u{1B}[?1049l",                       // leave the alternate screen
        "\u{1B}]8;;http://evil\u{1B}\\x\u{1B}]8;;\u{1B}\\", // hyperlink
        "\r\u{1B}[K",                          // carriage return and erase line
    ])
    func attacks(_ sequence: String) {
        let safe = TerminalSafeText.sanitize("before" + sequence + "after")
        #expect(!safe.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 || $0.value == 0x0D
            || (0x80...0x9F).contains($0.value) })
        #expect(safe.hasPrefix("before") && safe.hasSuffix("after"))
    }
}
