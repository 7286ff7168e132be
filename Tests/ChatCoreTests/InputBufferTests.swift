import Testing
@testable import ChatCore

@Suite("Input buffer editing")
struct InputBufferTests {
    @Test("insert, move and delete around the cursor")
    func basics() {
        var buffer = InputBuffer("helo")
        buffer.moveLeft()
        buffer.insert("l")
        #expect(buffer.text == "hello")
        buffer.deleteBackward()
        buffer.deleteForward()
        #expect(buffer.text == "hel")
    }

    @Test("Ctrl-W cuts the word before the cursor; Ctrl-Y puts it back")
    func killAndYank() {
        var buffer = InputBuffer("say hello world")
        buffer.killWordBackward()
        #expect(buffer.text == "say hello ")
        buffer.moveToLineStart()
        buffer.yank()
        #expect(buffer.text == "worldsay hello ")
    }

    @Test("Ctrl-K and Ctrl-U cut to the end and start of the line")
    func killLine() {
        var buffer = InputBuffer("abc\ndef")
        buffer.moveUp()
        #expect(buffer.cursorLineAndColumn == (0, 3))
        buffer.moveToLineStart()
        buffer.moveRight()
        buffer.killToLineEnd()
        #expect(buffer.text == "a\ndef")
        buffer.moveDown()
        buffer.killToLineStart()
        #expect(buffer.text == "a\nef")
    }

    @Test("Up and Down keep the column where the line allows")
    func verticalMoves() {
        var buffer = InputBuffer("long line\nab\nthird line")
        #expect(buffer.cursorLineAndColumn == (2, 10))
        buffer.moveUp()
        #expect(buffer.cursorLineAndColumn == (1, 2))
        buffer.moveUp()
        #expect(buffer.cursorLineAndColumn == (0, 2))
        let moved = buffer.moveUp()
        #expect(!moved)
    }

    @Test("word moves skip punctuation and stop at word edges, with CJK letters counted as words")
    func wordMoves() {
        var buffer = InputBuffer("foo, bar 你好")
        buffer.moveWordBackward()
        #expect(buffer.cursor == 9)
        buffer.moveWordBackward()
        #expect(buffer.cursor == 5)
        buffer.moveWordForward()
        #expect(buffer.cursor == 8)
    }
}

@Suite("Input buffer: Chinese and emoji")
struct InputBufferUnicodeTests {
    @Test("a Chinese character, an emoji, a ZWJ sequence, a flag and a combining letter are one step each")
    func clusters() {
        var buffer = InputBuffer("你👍🏽👩‍💻🇨🇳e\u{301}")
        #expect(buffer.characters.count == 5)
        buffer.moveLeft()
        buffer.deleteBackward()
        #expect(buffer.text == "你👍🏽👩‍💻e\u{301}", "the flag went whole")
        buffer.moveToLineStart()
        buffer.moveRight()
        buffer.deleteForward()
        #expect(buffer.text == "你👩‍💻e\u{301}")
        buffer.insert("好")
        #expect(buffer.text == "你好👩‍💻e\u{301}")
    }

    @Test("word cuts treat CJK as word characters; Alt-D cuts the next word and Ctrl-Y yanks it back")
    func words() {
        var buffer = InputBuffer("你好 世界 again")
        buffer.moveToLineStart()
        buffer.killWordForward()
        #expect(buffer.text == " 世界 again")
        buffer.moveToLineEnd()
        buffer.yank()
        #expect(buffer.text == " 世界 again你好")
        buffer.killWordBackward()
        #expect(buffer.text == " 世界 ")
    }
}
