import Foundation
import Testing
import TextLayout

@Suite("Wrapping")
struct TextWrapperTests {
    @Test("Latin text breaks at spaces")
    func words() {
        #expect(TextWrapper.wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
    }

    @Test("CJK text breaks between any two characters, two columns each")
    func cjk() {
        #expect(TextWrapper.wrap("你好世界再见", width: 5) == ["你好", "世界", "再见"])
    }

    @Test("closing punctuation does not start a line")
    func closingPunctuation() {
        let lines = TextWrapper.wrap("你好世界。再见", width: 8)
        #expect(lines == ["你好世", "界。再见"])
    }

    @Test("an over-long word breaks hard")
    func longWord() {
        #expect(TextWrapper.wrap("https://example.com/abcdefgh", width: 10) == ["https://ex", "ample.com/", "abcdefgh"])
    }

    @Test("newlines keep paragraphs; empty lines stay")
    func paragraphs() {
        #expect(TextWrapper.wrap("one\n\ntwo", width: 10) == ["one", "", "two"])
    }

    @Test("tabs expand to the next multiple of four columns")
    func tabs() {
        #expect(TextWrapper.wrap("a\tb", width: 20) == ["a   b"])
    }

    @Test("a wide character never straddles the edge")
    func wideAtEdge() {
        #expect(TextWrapper.wrap("abc你", width: 4) == ["abc", "你"])
    }

    @Test("grapheme clusters never split: a letter keeps its combining mark")
    func clusters() {
        let lines = TextWrapper.wrap("abce\u{301}fg", width: 4)
        #expect(lines == ["abce\u{301}", "fg"])
    }

    @Test("no line is ever wider than the width, for mixed random text")
    func neverTooWide() {
        let alphabet: [Character] = ["a", "b", " ", "你", "好", "，", "😀", "e\u{301}", "-", "。", "\t", "Ｚ"]
        var generator = SplitMix(seed: 42)
        for _ in 0..<300 {
            let length = Int(generator.next() % 60)
            let text = String((0..<length).map { _ in alphabet[Int(generator.next() % UInt64(alphabet.count))] })
            let width = 1 + Int(generator.next() % 12)
            for line in TextWrapper.wrap(text, width: width) {
                #expect(DisplayWidth.of(line) <= max(width, 2), "\(text.debugDescription) at \(width): \(line.debugDescription)")
            }
            // Nothing is lost but the spaces wrapping drops.
            let kept = TextWrapper.wrap(text, width: width).joined().filter { $0 != " " }
            let original = text.replacingOccurrences(of: "\t", with: " ").filter { $0 != " " }
            #expect(kept == original, "\(text.debugDescription) at \(width)")
        }
    }
}

/// A tiny deterministic random generator, so a failure can be reproduced.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Inputs the fuzzers (scripts/fuzz) turned up, kept as regular tests.
@Suite("Wrapping: fuzzer finds")
struct WrappingFuzzFindTests {
    @Test("a ZWJ emoji wider than the pane overflows alone; only zero-width characters share its row")
    func oversizedClusterAlone() {
        let family = String(repeating: "👩\u{200D}", count: 4) + "👩"
        let text = "␚erߎ " + family + "\u{200F}u�"
        let rows = TextWrapper.wrap(text, width: 8)
        for row in rows where DisplayWidth.of(row) > 8 {
            #expect(row.filter { DisplayWidth.of($0) > 0 } == Substring(family), "\(rows)")
        }
        #expect(rows.contains { $0.hasPrefix(family) })
    }

    @Test("a combining mark after a tab is kept, and rows keep every visible code point in order")
    func combiningMarkAfterTab() {
        // wrap: the tab becomes spaces, so the lone U+FE21 then sits on a space; a
        // comparison by Character saw it join the "k" instead and reported a loss.
        let text = TerminalSafeText.sanitize("quick\t\u{FE21}\u{FF22} h한국어 \u{1B}[15mred\u{0}")
        let rows = TextWrapper.wrap(text, width: 28)
        let kept = rows.joined().unicodeScalars.filter { !$0.properties.isWhitespace }.map(\.value)
        #expect(kept == text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(\.value))
        #expect(rows.allSatisfy { DisplayWidth.of($0) <= 28 })
    }
}
