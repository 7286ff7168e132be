import ScreenKit
import Testing
import TextLayout
@testable import ChatViews

@Suite("Markdown on screen")
struct MarkdownRenderingTests {
    let layout = MarkdownLayout(theme: .dark, base: .plain, indent: "  ")

    func render(_ text: String, width: Int = 40) -> [StyledLine] {
        layout.lines(MarkdownBlocks.parse(text), width: width)
    }

    func texts(_ lines: [StyledLine]) -> [String] {
        lines.map { line in
            var text = line.spans.map(\.text).joined()
            while text.last == " " { text.removeLast() }
            return text
        }
    }

    @Test("a heading, a list with hanging indents, a quote and a rule")
    func structure() {
        let lines = render("# Plan\n- first item that is long enough to wrap twice over\n  - nested\n> a quote\n---", width: 30)
        #expect(texts(lines) == [
            "  Plan",
            "  • first item that is long",
            "    enough to wrap twice over",
            "    • nested",
            "  │ a quote",
            "  " + String(repeating: "─", count: 28),
        ])
        var topHeading = Theme.dark.heading
        topHeading.underline = true
        #expect(lines[0].spans[1].style == topHeading, "underlined, its letters as written")
    }

    @Test("headings keep their letters: no upper-casing, which changes Latin words and breaks CJK-Latin mixes")
    func headingLetters() {
        let lines = render("# iPhone 和 Kimi\n## eBay listings", width: 40)
        #expect(texts(lines).prefix(2) == ["  iPhone 和 Kimi", "  eBay listings"])
    }

    @Test("fenced code: a language label, its own background, long lines continued, never re-wrapped")
    func code() {
        let lines = render("```swift\nlet answer = compute(alpha, beta, gamma)\n\tindented\n```", width: 24)
        #expect(texts(lines) == [
            "  ┌ swift",
            "  │ let answer = compute",
            "  ↪ (alpha, beta, gamma)",
            "  │     indented",
            "  └",
        ])
        #expect(lines[1].spans[1].style == Theme.dark.code)
        #expect(lines[1].spans.map(\.text).joined().count == 24, "the background fills the row")
    }

    @Test("an unclosed fence while streaming already renders as code")
    func unclosed() {
        #expect(texts(render("Here:\n```python\nprint(1)")) == ["  Here:", "  ┌ python …", "  │ print(1)"])
    }

    @Test("a table aligns its columns by display width, Chinese included; too wide, it falls back to rows")
    func table() {
        let text = "| 名字 | score |\n|---|---|\n| 张三 | 90 |\n| Bob | 100 |"
        #expect(texts(render(text)) == [
            "  ┌──────┬───────┐",
            "  │ 名字 │ score │",
            "  ├──────┼───────┤",
            "  │ 张三 │ 90    │",
            "  │ Bob  │ 100   │",
            "  └──────┴───────┘",
        ])
        #expect(texts(render(text, width: 12)) == ["  名字 ·", "  score", "  张三 · 90", "  Bob · 100"])
    }

    @Test("a table honours its delimiter row: :---: centres a column, ---: puts it right, CJK measured by width")
    func tableAlignment() {
        let text = "| left | middle | right |\n| :--- | :---: | ---: |\n| a | 中文 | 1 |\n| bb | x | 100 |"
        #expect(texts(render(text)) == [
            "  ┌──────┬────────┬───────┐",
            "  │ left │ middle │ right │",
            "  ├──────┼────────┼───────┤",
            "  │ a    │  中文  │     1 │",
            "  │ bb   │   x    │   100 │",
            "  └──────┴────────┴───────┘",
        ])
    }

    @Test("bold next to Chinese punctuation is drawn bold, without asterisks")
    func cjkBold() {
        let lines = render("**重要。**后文")
        #expect(texts(lines) == ["  重要。后文"])
        #expect(lines[0].spans[1].style.bold)
        #expect(!lines[0].spans[2].style.bold)
    }

    @Test("streamed a token at a time, a reply ends exactly as laid out whole; only the tail is re-parsed")
    func streamingEqualsWhole() {
        let reply = """
            # 标题

            Intro with **bold** and `code`.

            ```swift
            func greet() {
                print("你好")
            }
            ```

            | a | b |
            |---|---|
            | 1 | 2 |

            - item one
            - item **two**
            """
        let whole = render(reply, width: 30)
        var incremental = IncrementalMarkdown()
        var text = ""
        for character in reply {
            text.append(character)
            incremental.update(text: text, width: 30, layout: layout)
            if incremental.lines != render(text, width: 30) {
                Issue.record("after \(text.count) characters \(text.debugDescription): \(texts(incremental.lines)) vs \(texts(render(text, width: 30)))")
                return
            }
        }
        #expect(incremental.lines == whole)
    }
}
