import ChatCore
import ScreenKit


/// Turns the app state into a frame. Pure apart from the layout cache it is given.
public struct ScreenRenderer {
    public var theme: Theme
    public let cache: TranscriptLayoutCache

    public init(theme: Theme = .dark, cache: TranscriptLayoutCache = TranscriptLayoutCache()) {
        self.theme = theme
        self.cache = cache
    }

    public func render(_ state: AppState, width: Int, height: Int) -> Frame {
        var frame = Frame(width: width, height: height)
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else {
            drawTooSmall(width: width, height: height, into: &frame)
            return frame
        }
        let wrappedInput = InputView.wrap(state.input, width: width)
        let layout = ScreenLayout(width: width, height: height, inputLineCount: wrappedInput.rows.count)

        frame.put(String(repeating: "─", count: width), row: layout.separatorRow, column: 0, style: theme.separator)
        InputView.draw(wrappedInput, layout: layout, theme: theme, dimmed: state.isStreaming, into: &frame)
        StatusBarView.draw(state, row: layout.statusRow, width: width, theme: theme, into: &frame)
        switch state.overlay {
        case nil:
            TranscriptView.draw(state, layout: layout, theme: theme, cache: cache, into: &frame)
        case let .conversations(list):
            // Over the transcript and the separator: the input stays visible below.
            ConversationListView.draw(list, currentID: state.conversation.id, isDemo: state.settings.isDemo, rows: layout.separatorRow + 1,
                                      width: width, theme: theme, into: &frame)
        case let .models(picker):
            ModelPickerView.draw(picker, current: state.conversation.model, rows: layout.separatorRow + 1,
                                 width: width, theme: theme, into: &frame)
        case let .help(first):
            HelpView.draw(state, firstEntry: first, rows: layout.separatorRow + 1, width: width, theme: theme,
                          into: &frame)
        }
        return frame
    }

    /// The rows an overlay (help, the list, the picker) has at this size: it covers the
    /// transcript and the separator, the input stays visible below.
    public func overlayRows(_ state: AppState, width: Int, height: Int) -> Int {
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else { return state.overlayRows }
        let layout = ScreenLayout(width: width, height: height,
                                  inputLineCount: InputView.wrap(state.input, width: width).rows.count)
        return layout.separatorRow + 1
    }

    /// Where `move` takes the transcript view at this screen size.
    public func scrolled(_ state: AppState, _ move: ScrollMove, width: Int, height: Int) -> TranscriptScroll {
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else { return state.scroll }
        let layout = ScreenLayout(width: width, height: height,
                                  inputLineCount: InputView.wrap(state.input, width: width).rows.count)
        cache.prepare(for: state)
        let transcript = TranscriptLines(state: state, width: width, theme: theme, cache: cache)
        return transcript.scroll(state.scroll, move, rows: layout.transcriptRows)
    }

    private func drawTooSmall(width: Int, height: Int, into frame: inout Frame) {
        let words = ["Enlarge", "the", "terminal", "(\(ScreenLayout.minimumWidth)x\(ScreenLayout.minimumHeight))"]
        for (row, word) in words.enumerated() where row < height {
            frame.put(word, row: row, column: 0, style: theme.statusAccent)
        }
    }
}
