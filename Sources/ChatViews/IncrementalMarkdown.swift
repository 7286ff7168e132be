import TextLayout

/// Styled lines of a Markdown text that mostly grows at its end (a streaming reply).
///
/// The part of the text whose lines can no longer change (up to the last finished
/// line outside a code block or table, or a closed code block) is laid out once; a
/// new delta re-parses and re-styles only the tail. A long line still being written
/// settles too, all but its last rows, when it is plain text (see `settleRows`), so a
/// frame's cost does not grow with the reply. An unclosed fence already renders as code.
struct IncrementalMarkdown {
    /// A line being written is split into settled rows only past this many bytes: about
    /// two rows of a wide terminal, so a paragraph still being written costs a few rows
    /// per delta, not the whole paragraph.
    static let longLine = 256

    private(set) var width = 0
    /// How much of the text is laid out for good.
    private var settled = GrowingText.Mark()
    private var settledLines: [StyledLine] = []
    /// The settled part ends in a blank line: a blank the tail starts with is the same one
    /// (a whole parse merges runs of blank lines).
    private var settledEndsBlank = false
    private(set) var lines: [StyledLine] = []

    mutating func update(text: String, width: Int, layout: MarkdownLayout) {
        if width != self.width || !settled.holds(in: text) {
            self.width = width
            settled = GrowingText.Mark()
            settledLines = []
            settledEndsBlank = false
        }
        var rest = text[settled.end(in: text)...]
        let newlySettled = MarkdownBlocks.settledPrefix(String(rest))
        if newlySettled > 0 {
            let end = rest.utf8.index(rest.startIndex, offsetBy: newlySettled)
            let blocks = joined(MarkdownBlocks.parse(String(rest[..<end]).droppingFinalNewline))
            settledLines += layout.lines(blocks, width: width)
            if let last = blocks.last { settledEndsBlank = last == .blank }
            settled = GrowingText.Mark(text, through: end)
            rest = text[end...]
        }
        let tailBlocks = MarkdownBlocks.parse(String(rest))
        var tailLines = layout.lines(joined(tailBlocks), width: width)
        if let (end, rows) = settleRows(rest, tailBlocks, tailLines) {
            settledLines += tailLines[..<rows]
            settledEndsBlank = false
            settled = GrowingText.Mark(text, through: end)
            tailLines.removeFirst(rows)
        }
        lines = settledLines + tailLines
    }

    /// How many bytes of the text are laid out for good.
    var settledCount: Int { settled.count }

    /// A long line of plain paragraph text: all its rows but the last two are final.
    /// Wrapping is greedy, so rows already filled do not change as words are added;
    /// the last two can (a word still arriving, a closing mark pulled to a new row).
    /// Only text with no Markdown marks before the split qualifies — a mark could
    /// pair with one still to come and restyle those rows — and only when the rest
    /// starts with a letter, so that on its own it is still read as paragraph text.
    private func settleRows(_ rest: Substring, _ blocks: [MarkdownBlock], _ tailLines: [StyledLine]) -> (String.Index, Int)? {
        guard rest.utf8.count >= Self.longLine, tailLines.count >= 3, blocks.count == 1,
              case .paragraph = blocks[0], !rest.contains("\n") else { return nil }
        let rows = tailLines.count - 2
        let visible = tailLines.map { $0.spans.dropFirst().map(\.text).joined() }
        guard let start = GrowingText.start(ofRow: rows, rows: visible, in: rest),
              rest[start].isLetter,
              !rest[..<start].contains(where: { Self.marks.contains($0) }) else { return nil }
        return (start, rows)
    }

    private static let marks: Set<Character> = ["*", "_", "~", "`", "[", "]", "\\", "\t"]

    private func joined(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        settledEndsBlank && blocks.first == .blank ? Array(blocks.dropFirst()) : blocks
    }
}

private extension String {
    /// The settled part ends with the newline of its last line; that newline belongs to
    /// the line, it does not start another.
    var droppingFinalNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
