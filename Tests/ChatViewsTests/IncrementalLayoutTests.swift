import ScreenKit
import Testing
import TextLayout
@testable import ChatViews

/// A streaming reply laid out a delta at a time must end exactly as laid out whole,
/// while the part laid out for good grows, so a frame's cost stays flat.
@Suite("Incremental layout of a growing reply")
struct IncrementalLayoutTests {
    let layout = MarkdownLayout(theme: .dark, base: .plain, indent: "  ")

    static let longLines: [String] = [
        String(repeating: "streaming words arrive one by one, and the row fills up. ", count: 30),
        String(repeating: "流式输出的文字一个接一个地到来，行会被填满。「引号」也在这里！", count: 30),
        String(repeating: "mixed 中文 and English with a verylongwordthatkeepsgoingpastthewidthofthepane here. ", count: 14)
            + "and **bold at the very end** with `code`.",
        "A (parenthesis) and snake_case early: " + String(repeating: "plain words after it. ", count: 60),
    ]

    @Test("a long line streamed in small deltas ends as laid out whole, and settles its finished rows",
          arguments: longLines, [13, 30, 77])
    func longLine(line: String, width: Int) {
        var incremental = IncrementalMarkdown()
        var text = ""
        var step = 0
        for character in line {
            text.append(character)
            step += 1
            guard step % 19 == 0 else { continue }
            incremental.update(text: text, width: width, layout: layout)
            let whole = layout.lines(MarkdownBlocks.parse(text), width: width)
            if incremental.lines != whole {
                Issue.record("width \(width), after \(text.count) characters: rows differ")
                return
            }
        }
        incremental.update(text: line, width: width, layout: layout)
        #expect(incremental.lines == layout.lines(MarkdownBlocks.parse(line), width: width))
        if !line.contains("snake_case") {
            #expect(incremental.settledCount > line.utf8.count / 2, "most of the line is laid out for good")
        } else {
            #expect(incremental.settledCount == 0, "a mark before the split keeps the rows open")
        }
    }

    @Test("plain wrapping of a long line (thinking, user text) settles its filled rows too",
          arguments: longLines, [13, 30, 77])
    func longPlainLine(line: String, width: Int) {
        var incremental = IncrementalWrap()
        var text = ""
        for (step, character) in line.enumerated() {
            text.append(character)
            guard step % 19 == 0 else { continue }
            incremental.update(text: text, width: width)
            if incremental.lines != TextWrapper.wrap(text, width: width) {
                Issue.record("width \(width), after \(text.count) characters: rows differ")
                return
            }
        }
        incremental.update(text: line, width: width)
        #expect(incremental.lines == TextWrapper.wrap(line, width: width))
        #expect(incremental.settledCount > line.utf8.count / 2)
    }

    @Test("finished lines of a paragraph settle; a table row does not")
    func settledLines() {
        #expect(MarkdownBlocks.settledPrefix("one\ntwo") == 4)
        #expect(MarkdownBlocks.settledPrefix("| a |\n| b |\nmore") == 0)
        #expect(MarkdownBlocks.settledPrefix("| a |\nafter\nmore") == 12)
    }

    @Test("the sanitizer made safe each byte once, and starts over on a text that changed")
    func sanitizer() {
        var sanitizer = IncrementalSanitizer()
        #expect(sanitizer.update("abc\u{1B}") == "abc\u{241B}")
        #expect(sanitizer.update("abc\u{1B}[2J中") == "abc\u{241B}[2J中")
        #expect(sanitizer.update("xyz") == "xyz")
        #expect(sanitizer.update("xyz\u{301}") == TerminalSafeText.sanitize("xyz\u{301}"), "a combining mark joins on")
    }
}
