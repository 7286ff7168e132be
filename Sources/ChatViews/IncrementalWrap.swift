import TextLayout

/// Wrapped lines of a text that mostly grows at its end (a streaming reply).
///
/// Finished paragraphs are wrapped once; a new delta re-wraps only the paragraph
/// still being written, and of a long one only its last rows (wrapping is greedy:
/// filled rows stay as they are). Text that changed in any other way is wrapped afresh.
struct IncrementalWrap {
    private(set) var width = 0
    /// How much of the text is wrapped for good.
    private var settled = GrowingText.Mark()
    private var settledLines: [String] = []
    private(set) var lines: [String] = []

    mutating func update(text: String, width: Int) {
        if width != self.width || !settled.holds(in: text) {
            self.width = width
            settled = GrowingText.Mark()
            settledLines = []
        }
        var settledEnd = settled.end(in: text)
        if let lastNewline = text[settledEnd...].lastIndex(of: "\n") {
            let newlySettled = text[settledEnd..<lastNewline]
            for paragraph in newlySettled.split(separator: "\n", omittingEmptySubsequences: false) {
                TextWrapper.wrapParagraph(paragraph, width: width, into: &settledLines)
            }
            settledEnd = text.index(after: lastNewline)
        }
        let rest = text[settledEnd...]
        var tailLines: [String] = []
        TextWrapper.wrapParagraph(rest, width: width, into: &tailLines)
        if rest.utf8.count >= IncrementalMarkdown.longLine, tailLines.count >= 3, !rest.contains("\t"),
           let start = GrowingText.start(ofRow: tailLines.count - 2, rows: tailLines, in: rest) {
            settledLines += tailLines.prefix(tailLines.count - 2)
            tailLines.removeFirst(tailLines.count - 2)
            settledEnd = start
        }
        settled = GrowingText.Mark(text, through: settledEnd)
        lines = settledLines + tailLines
    }

    /// How many bytes of the text are wrapped for good.
    var settledCount: Int { settled.count }
}
