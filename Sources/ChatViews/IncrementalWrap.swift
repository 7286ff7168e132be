import TextLayout

/// Wrapped lines of a text that mostly grows at its end (a streaming reply).
///
/// Finished paragraphs are wrapped once; a new delta re-wraps only the paragraph
/// still being written. Text that changed in any other way is wrapped afresh.
struct IncrementalWrap {
    private(set) var width = 0
    /// The text up to and including its last newline, whose lines are final.
    private var settledText = ""
    private var settledLines: [String] = []
    private(set) var lines: [String] = []

    mutating func update(text: String, width: Int) {
        if width != self.width || !text.hasPrefix(settledText) {
            self.width = width
            settledText = ""
            settledLines = []
        }
        var settledEnd = text.utf8.index(text.startIndex, offsetBy: settledText.utf8.count)
        if let lastNewline = text[settledEnd...].lastIndex(of: "\n") {
            let newlySettled = text[settledEnd..<lastNewline]
            for paragraph in newlySettled.split(separator: "\n", omittingEmptySubsequences: false) {
                TextWrapper.wrapParagraph(paragraph, width: width, into: &settledLines)
            }
            settledEnd = text.index(after: lastNewline)
            settledText = String(text[..<settledEnd])
        }
        lines = settledLines
        TextWrapper.wrapParagraph(text[settledEnd...], width: width, into: &lines)
    }
}
