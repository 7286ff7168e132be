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
