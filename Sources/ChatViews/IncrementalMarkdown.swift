import TextLayout

/// Styled lines of a Markdown text that mostly grows at its end (a streaming reply).
///
/// The part of the text whose blocks can no longer change (up to the last blank line
/// outside a code block, or a closed code block) is laid out once; a new delta
/// re-parses and re-styles only the tail. An unclosed fence already renders as code.
struct IncrementalMarkdown {
    private(set) var width = 0
    private var settledText = ""
    private var settledLines: [StyledLine] = []
    /// The settled part ends in a blank line: a blank the tail starts with is the same one
    /// (a whole parse merges runs of blank lines).
    private var settledEndsBlank = false
    private(set) var lines: [StyledLine] = []

    mutating func update(text: String, width: Int, layout: MarkdownLayout) {
        if width != self.width || !text.hasPrefix(settledText) {
            self.width = width
            settledText = ""
            settledLines = []
            settledEndsBlank = false
        }
        let settledEnd = text.utf8.index(text.startIndex, offsetBy: settledText.utf8.count)
        let tail = String(text[settledEnd...])
        let newlySettled = MarkdownBlocks.settledPrefix(tail)
        var rest = Substring(tail)
        if newlySettled > 0 {
            let end = tail.utf8.index(tail.startIndex, offsetBy: newlySettled)
            let blocks = joined(MarkdownBlocks.parse(String(tail[..<end]).droppingFinalNewline))
            settledLines += layout.lines(blocks, width: width)
            if let last = blocks.last { settledEndsBlank = last == .blank }
            settledText += tail[..<end]
            rest = tail[end...]
        }
        lines = settledLines + layout.lines(joined(MarkdownBlocks.parse(String(rest))), width: width)
    }

    private func joined(_ blocks: [MarkdownBlock]) -> [MarkdownBlock] {
        settledEndsBlank && blocks.first == .blank ? Array(blocks.dropFirst()) : blocks
    }
}

private extension String {
    /// The settled part ends with the newline of its last line; that newline belongs to
    /// the line, it does not start another.
    var droppingFinalNewline: String { hasSuffix("\n") ? String(dropLast()) : self }
}
