import ChatCore
import ScreenKit

/// The transcript pane: the rows the scroll position asks for, laid out on demand.
struct TranscriptView {
    static let newOutputMark = " ↓ new output below (End) "

    static func draw(_ state: AppState, layout: ScreenLayout, theme: Theme, cache: TranscriptLayoutCache,
                     into frame: inout Frame) {
        cache.prepare(for: state)
        let transcript = TranscriptLines(state: state, width: layout.width, theme: theme, cache: cache)
        guard !transcript.isEmpty else { return }
        let viewport = layout.transcriptRows
        let (top, isAwayFromEnd) = transcript.top(for: state.scroll, rows: viewport)
        let highlighted = state.highlight.flatMap { highlight in
            state.messageIndex(atOrAfter: highlight.messageID)
                .flatMap { state.messages[$0].id == highlight.messageID ? (index: $0, words: highlight.words) : nil }
        }
        for (row, entry) in transcript.rows(from: top, count: viewport).enumerated() {
            var line = entry.line
            if let highlighted, highlighted.index == entry.index {
                line = line.highlighting(highlighted.words, style: theme.highlight)
            }
            line.draw(into: &frame, row: row, column: 0)
        }
        if isAwayFromEnd {
            let column = max(0, layout.width - newOutputMark.count)
            frame.put(newOutputMark, row: viewport - 1, column: column, style: theme.statusAccent)
            // Where the view is, on the separator below it.
            let position = " " + transcript.positionLabel(top: top) + " "
            frame.put(position, row: layout.separatorRow, column: max(0, layout.width - position.count - 2),
                      style: theme.detail)
        }
    }
}
