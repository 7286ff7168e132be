import Testing
@testable import TextLayout

@Suite("Markdown: blocks and inline runs")
struct MarkdownParseTests {
    @Test("emphasis next to CJK punctuation is emphasis, not literal asterisks")
    func cjkEmphasis() {
        #expect(MarkdownInline.parse("**重要。**后文") == [InlineRun("重要。", .bold), InlineRun("后文")])
        #expect(MarkdownInline.parse("这是*斜体*。") == [InlineRun("这是"), InlineRun("斜体", .italic), InlineRun("。")])
    }

    @Test("bold, italic, strike, code, links; snake_case and lone stars stay text")
    func inline() {
        #expect(MarkdownInline.parse("a **b** _c_ ~~d~~ `e*f*` [g](http://x.y/z)") == [
            InlineRun("a "), InlineRun("b", .bold), InlineRun(" "), InlineRun("c", .italic), InlineRun(" "),
            InlineRun("d", .strike), InlineRun(" "), InlineRun("e*f*", .code), InlineRun(" "), InlineRun("g", .link),
            InlineRun(" <http://x.y/z>", .linkTarget),
        ])
        #expect(MarkdownInline.parse("snake_case_name and 2 * 3 * 4") == [InlineRun("snake_case_name and 2 * 3 * 4")])
        #expect(MarkdownInline.parse("**unclosed bold") == [InlineRun("**unclosed bold")])
        #expect(MarkdownInline.parse("***both***") == [InlineRun("both", [.bold, .italic])])
        #expect(MarkdownInline.parse(#"\*not\*"#) == [InlineRun("*not*")])
    }

    @Test("blocks: headings, lists, quotes, rules, tables, fenced code (open or closed)")
    func blocks() {
        let text = """
            # Title
            Some text
            still the paragraph

            - one
              - nested
            2. two
            > quoted
            ---
            | a | b |
            |---|:-:|
            | 1 | 2 |
            ```swift
            let x = 1

            ```
            ```
            unclosed
            """
        #expect(MarkdownBlocks.parse(text) == [
            .heading(level: 1, text: "Title"),
            .paragraph("Some text\nstill the paragraph"),
            .blank,
            .listItem(marker: "•", depth: 0, text: "one"),
            .listItem(marker: "•", depth: 1, text: "nested"),
            .listItem(marker: "2.", depth: 0, text: "two"),
            .quote("quoted"),
            .rule,
            .table(rows: [["a", "b"], ["1", "2"]], alignments: [.left, .center]),
            .code(language: "swift", lines: ["let x = 1", ""], isClosed: true),
            .code(language: "", lines: ["unclosed"], isClosed: false),
        ])
    }

    @Test("the settled prefix ends at a blank line outside code, or a closed fence, never mid-line")
    func settled() {
        #expect(MarkdownBlocks.settledPrefix("a\n\nb") == 3)
        #expect(MarkdownBlocks.settledPrefix("```\nx\n\ny") == 0, "a blank line inside open code settles nothing")
        #expect(MarkdownBlocks.settledPrefix("```\nx\n```\nmore") == 10)
        #expect(MarkdownBlocks.settledPrefix("a\n\n") == 3)
        #expect(MarkdownBlocks.settledPrefix("no newline") == 0)
    }

    @Test("styled wrapping keeps every character's style across line breaks")
    func styledWrap() {
        let runs = [InlineRun("plain words "), InlineRun("bold words here", .bold), InlineRun(" tail")]
        let lines = StyledWrap.wrap(runs, width: 12)
        #expect(lines.map { $0.map(\.text).joined() } == ["plain words", "bold words", "here tail"])
        #expect(lines[1] == [InlineRun("bold words", .bold)])
        #expect(lines[2] == [InlineRun("here", .bold), InlineRun(" tail")])
        let cjk = StyledWrap.wrap([InlineRun("你好"), InlineRun("世界和平", .bold)], width: 4)
        #expect(cjk.map { $0.map(\.text).joined() } == ["你好", "世界", "和平"])
        #expect(cjk[1] == [InlineRun("世界", .bold)])
    }
}
