import Testing
import TextLayout

@Suite("Display width")
struct DisplayWidthTests {
    @Test("columns per character, as wcwidth counts them", arguments: [
        ("a", 1), ("你", 2), ("，", 2), ("Ａ", 2), ("😀", 2), ("é", 1), ("e\u{301}", 1), ("한", 2), ("\u{200B}", 0),
    ])
    func characterWidths(text: String, columns: Int) {
        #expect(DisplayWidth.of(Character(text)) == columns)
    }

    @Test("a string's width is the sum of its characters")
    func stringWidth() {
        #expect(DisplayWidth.of("Hi 你好") == 7)
    }
}
