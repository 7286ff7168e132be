import ChatCore
import ScreenKit

/// The transcript pane: every message's cached lines, showing the rows the scroll asks for.
struct TranscriptView {
    /// Lays the transcript out and draws its visible rows; returns its total height in rows.
    static func draw(_ state: AppState, layout: ScreenLayout, theme: Theme, cache: TranscriptLayoutCache,
                     into frame: inout Frame) -> Int {
        let width = layout.width
        let blocks = state.messages.map { cache.lines(for: $0, width: width, theme: theme) }
        cache.retain(state.messages)
        let total = blocks.reduce(0) { $0 + $1.count }

        let viewport = layout.transcriptRows
        let bottomTop = max(0, total - viewport)
        let top: Int
        switch state.scroll {
        case .following: top = bottomTop
        case let .pinned(topRow): top = min(max(0, topRow), bottomTop)
        }

        var row = 0
        var lineIndex = 0
        outer: for block in blocks {
            if lineIndex + block.count <= top {
                lineIndex += block.count
                continue
            }
            for line in block {
                if lineIndex >= top {
                    guard row < viewport else { break outer }
                    line.draw(into: &frame, row: row, column: 0)
                    row += 1
                }
                lineIndex += 1
            }
        }

        if top < bottomTop {
            let mark = " ↓ new output below (End) "
            let column = max(0, width - mark.count)
            frame.put(mark, row: viewport - 1, column: column, style: theme.statusAccent)
        }
        return total
    }
}
