import TextLayout

/// Wrapped lines of a text that mostly grows at its end (a streaming reply).
///
/// Finished paragraphs are wrapped once; a new delta re-wraps only the paragraph
/// still being written, and of a long one only its last rows (wrapping is greedy:
/// filled rows stay as they are). Text that changed in any other way is wrapped afresh.
struct IncrementalWrap {
    private(set) var width = 0
    /// How many bytes of the text are wrapped for good, and the last of them.
    private(set) var settledCount = 0
    private var settledTail: [UInt8] = []
    private var settledLines: [String] = []
    private(set) var lines: [String] = []

    mutating func update(text: String, width: Int) {
        if width != self.width || !GrowingText.continues(text, count: settledCount, tail: settledTail) {
            self.width = width
            settledCount = 0
            settledTail = []
            settledLines = []
        }
        var settledEnd = text.utf8.index(text.startIndex, offsetBy: settledCount)
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
        settledCount = text.utf8.distance(from: text.startIndex, to: settledEnd)
        settledTail = GrowingText.tail(of: text[..<settledEnd])
        lines = settledLines + tailLines
    }
}
