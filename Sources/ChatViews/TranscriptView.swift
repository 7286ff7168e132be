import ChatCore
import ScreenKit

/// The transcript pane: the rows the scroll position asks for, laid out on demand.
struct TranscriptView {
    static let newOutputMark = " ↓ new output below (End) "

    /// Draws the rows the scroll position asks for and returns the line on each (nil:
    /// blank), and whether the "new output below" mark went over them. With `previous`
    /// (what `frame` already shows on those rows; empty: unknown, every row is drawn), a
    /// row whose line is unchanged is left as it is.
    @discardableResult
    static func draw(_ state: AppState, layout: ScreenLayout, theme: Theme, cache: TranscriptLayoutCache,
                     into frame: inout Frame, previous: [StyledLine?]? = nil)
        -> (rows: [StyledLine?], markDrawn: Bool) {
        let viewport = layout.transcriptRows
        var drawn = [StyledLine?](repeating: nil, count: viewport)
        cache.prepare(for: state)
        let transcript = TranscriptLines(state: state, width: layout.width, theme: theme, cache: cache)
        var isAwayFromEnd = false
        var positionLabel = ""
        if !transcript.isEmpty {
            let top: TranscriptPosition
            (top, isAwayFromEnd) = transcript.top(for: state.scroll, rows: viewport)
            if isAwayFromEnd { positionLabel = transcript.positionLabel(top: top) }
            let highlighted = state.highlight.flatMap { highlight in
                state.messageIndex(atOrAfter: highlight.messageID)
                    .flatMap { state.messages[$0].id == highlight.messageID ? (index: $0, words: highlight.words) : nil }
            }
            let find = state.find.flatMap { $0.words.isEmpty ? nil : $0 }
            for (row, entry) in transcript.rows(from: top, count: viewport).enumerated() {
                var line = entry.line
                if let highlighted, highlighted.index == entry.index {
                    line = line.highlighting(highlighted.words, style: theme.highlight)
                } else if let find, let stored = state.tree.row(of: state.messages[entry.index].id), find.isHit(stored) {
                    line = line.highlighting(find.words, style: theme.otherHit)
                }
                drawn[row] = line
            }
        }
        let reuse = previous.flatMap { $0.count == viewport ? $0 : nil }
        for row in 0..<viewport {
            if let reuse, reuse[row] == drawn[row] { continue }
            if previous != nil { frame.clear(row: row) }
            drawn[row]?.draw(into: &frame, row: row, column: 0)
        }
        if isAwayFromEnd {
            if state.hasNewOutputBelow {
                let column = max(0, layout.width - newOutputMark.count)
                frame.put(newOutputMark, row: viewport - 1, column: column, style: theme.statusAccent)
            }
            // Where the view is, on the separator below it.
            let position = " " + positionLabel + " "
            frame.put(position, row: layout.separatorRow, column: max(0, layout.width - position.count - 2),
                      style: theme.detail)
        }
        return (drawn, isAwayFromEnd && state.hasNewOutputBelow)
    }
}
