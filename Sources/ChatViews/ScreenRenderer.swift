import ChatCore
import ScreenKit

/// What one render produced: the frame, and measurements the store wants back.
public struct RenderResult {
    public var frame: Frame
    public var transcriptRows: Int
    public var transcriptViewportRows: Int
}

/// Turns the app state into a frame. Pure apart from the layout cache it is given.
public struct ScreenRenderer {
    public var theme: Theme
    public let cache: TranscriptLayoutCache

    public init(theme: Theme = .dark, cache: TranscriptLayoutCache = TranscriptLayoutCache()) {
        self.theme = theme
        self.cache = cache
    }

    public func render(_ state: AppState, width: Int, height: Int) -> RenderResult {
        var frame = Frame(width: width, height: height)
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else {
            drawTooSmall(width: width, height: height, into: &frame)
            return RenderResult(frame: frame, transcriptRows: state.transcriptRows,
                                transcriptViewportRows: state.transcriptViewportRows)
        }
        let wrappedInput = InputView.wrap(state.input, width: width)
        let layout = ScreenLayout(width: width, height: height, inputLineCount: wrappedInput.rows.count)

        let total = TranscriptView.draw(state, layout: layout, theme: theme, cache: cache, into: &frame)
        frame.put(String(repeating: "─", count: width), row: layout.separatorRow, column: 0, style: theme.separator)
        InputView.draw(wrappedInput, layout: layout, theme: theme, dimmed: state.isStreaming, into: &frame)
        StatusBarView.draw(state, row: layout.statusRow, width: width, theme: theme, into: &frame)
        return RenderResult(frame: frame, transcriptRows: total, transcriptViewportRows: layout.transcriptRows)
    }

    private func drawTooSmall(width: Int, height: Int, into frame: inout Frame) {
        let words = ["Enlarge", "the", "terminal", "(\(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight))"]
        for (row, word) in words.enumerated() where row < height {
            frame.put(word, row: row, column: 0, style: theme.statusAccent)
        }
    }
}
