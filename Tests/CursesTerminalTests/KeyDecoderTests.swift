import CNcursesw
import ScreenKit
import Testing
@testable import CursesTerminal

/// The key decoder as a pure function of what `wget_wch` and `getmouse` return: no
/// terminal is needed, the codes are ncurses' own constants.
@Suite("Key decoder")
struct KeyDecoderTests {
    static func characters(_ text: String) -> [RawKey] {
        text.unicodeScalars.map { .character($0.value) }
    }

    @Test("Esc then Enter in one read is Alt-Enter; Esc then a letter is Alt-letter")
    func altKeys() {
        #expect(KeyDecoder.keys([.character(27), .character(13)]) == [.altEnter])
        #expect(KeyDecoder.keys([.character(27), .character(UInt32(UInt8(ascii: "y")))]) == [.alt("y")])
        #expect(KeyDecoder.keys([.character(27), .character(UInt32(UInt8(ascii: "T")))]) == [.alt("t")],
                "Alt with Shift is the same command")
    }

    @Test("Esc alone, last in a read, or before a function key, is Esc")
    func escapeAlone() {
        #expect(KeyDecoder.keys([.character(27)]) == [.escape])
        #expect(KeyDecoder.keys([.character(27), .function(KEY_UP)]) == [.escape, .up])
        #expect(KeyDecoder.keys([.character(27), .character(27)]) == [.escape, .escape])
        #expect(KeyDecoder.keys([.character(27), .character(9)]) == [.escape, .tab], "no Alt-Tab: Esc, then Tab")
    }

    @Test("Enter is CR, Ctrl-J is LF, Ctrl-C is a key, Backspace is DEL")
    func controls() {
        #expect(KeyDecoder.keys([.character(13), .character(10), .character(3), .character(127)])
            == [.enter, .ctrl("j"), .ctrl("c"), .backspace])
        #expect(KeyDecoder.keys([.character(0), .character(28)]).isEmpty, "NUL and FS are no keys")
    }

    @Test("bracketed paste: the markers registered with define_key frame the pasted text")
    func pasteMarkers() throws {
        let sequences = Dictionary(ExtraKeyCode.sequences.map { ($0.0, $0.1) }) { first, _ in first }
        let begin = try #require(sequences["\u{1B}[200~"])
        let end = try #require(sequences["\u{1B}[201~"])
        let raws = [RawKey.function(begin)] + Self.characters("a\rb") + [.function(end)]
        #expect(KeyDecoder.keys(raws) == [.pasteBegin, .character("a"), .enter, .character("b"), .pasteEnd])
    }

    @Test("the mouse wheel: button 4 up, button 5 down, other mouse events nothing")
    func wheel() {
        #expect(KeyDecoder.keys([.mouse(kc_button4_pressed())]) == [.wheelUp])
        #expect(KeyDecoder.keys([.mouse(kc_button5_pressed())]) == [.wheelDown])
        #expect(KeyDecoder.keys([.mouse(0)]).isEmpty)
        #expect(KeyDecoder.keys([.character(27), .mouse(kc_button4_pressed())]) == [.escape, .wheelUp])
    }

    @Test("Home and End in every form terminals send them", arguments: [
        ("\u{1B}[1~", Key.home), ("\u{1B}[7~", .home), ("\u{1B}[H", .home), ("\u{1B}OH", .home),
        ("\u{1B}[4~", .end), ("\u{1B}[8~", .end), ("\u{1B}[F", .end), ("\u{1B}OF", .end),
    ])
    func homeAndEnd(sequence: String, key: Key) throws {
        let code = try #require(ExtraKeyCode.sequences.first { $0.0 == sequence }?.1,
                                "\(sequence.debugDescription) is not registered")
        #expect(KeyDecoder.keys([.function(code)]) == [key])
        #expect(KeyDecoder.keys([.function(KEY_HOME), .function(KEY_END)]) == [.home, .end], "the terminfo ones too")
    }

    @Test("Ctrl- and Alt-arrows, F-keys and CJK text")
    func otherKeys() {
        let codes = Dictionary(ExtraKeyCode.sequences.map { ($0.0, $0.1) }) { first, _ in first }
        #expect(KeyDecoder.keys([.function(codes["\u{1B}[1;5A"] ?? 0), .function(codes["\u{1B}[1;3B"] ?? 0)])
            == [.ctrlUp, .altDown])
        #expect(KeyDecoder.keys([.function(codes["\u{1B}[1;3D"] ?? 0), .function(codes["\u{1B}[1;3C"] ?? 0)])
            == [.altLeft, .altRight])
        #expect(KeyDecoder.keys([.function(kc_key_f0() + 1)]) == [.function(1)])
        #expect(KeyDecoder.keys(Self.characters("你好")) == [.character("你"), .character("好")])
    }
}
