import ChatCore
import ScreenKit


/// Turns the app state into a frame. Pure apart from the layout cache it is given.
public struct ScreenRenderer {
    public var theme: Theme
    public let cache: TranscriptLayoutCache
    /// Set: frames over the bare transcript start from the last one (`FrameMemory`).
    public let memory: FrameMemory?

    public init(theme: Theme = .dark, cache: TranscriptLayoutCache = TranscriptLayoutCache(),
                memory: FrameMemory? = nil) {
        self.theme = theme
        self.cache = cache
        self.memory = memory
    }

    public func render(_ state: AppState, width: Int, height: Int) -> Frame {
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else {
            memory?.forget()
            var frame = Frame(width: width, height: height)
            drawTooSmall(width: width, height: height, into: &frame)
            return frame
        }
        let wrappedInput = InputView.wrap(state.input, width: width)
        let layout = ScreenLayout(state, width: width, height: height, input: wrappedInput)
        if state.overlay == nil, let memory {
            return renderTranscript(state, layout: layout, height: height, input: wrappedInput, memory: memory)
        }
        memory?.forget()

        var frame = Frame(width: width, height: height)
        drawBelowTranscript(state, layout: layout, input: wrappedInput, into: &frame)
        switch state.overlay {
        case nil:
            TranscriptView.draw(state, layout: layout, theme: theme, cache: cache, into: &frame)
        case let .conversations(list):
            // Over the transcript and the separator: the input stays visible below.
            ConversationListView.draw(list, currentID: state.conversation.id, isDemo: state.settings.isDemo, rows: layout.separatorRow + 1,
                                      width: width, theme: theme, keys: state.settings.overlayKeys, into: &frame)
        case let .models(picker):
            ModelPickerView.draw(picker, current: state.conversation.model, rows: layout.separatorRow + 1,
                                 width: width, theme: theme, keys: state.settings.overlayKeys, into: &frame)
        case let .outline(outline):
            OutlineView.draw(outline, rows: layout.separatorRow + 1, width: width, theme: theme,
                             keys: state.settings.overlayKeys, into: &frame)
        case let .help(first):
            HelpView.draw(state, firstEntry: first, rows: layout.separatorRow + 1, width: width, theme: theme,
                          into: &frame)
        case let .settings(editor):
            SettingsView.draw(state, editor, rows: layout.separatorRow + 1, width: width, theme: theme, into: &frame)
        case let .presets(chooser):
            PresetChooserView.draw(state, chooser, rows: layout.separatorRow + 1, width: width, theme: theme,
                                   into: &frame)
        }
        return frame
    }

    /// The bare transcript, starting from the last such frame when it had the same
    /// layout: only transcript rows whose line changed are drawn again. The rows below
    /// the transcript are few and drawn every time.
    private func renderTranscript(_ state: AppState, layout: ScreenLayout, height: Int, input: InputView.Wrapped,
                                  memory: FrameMemory) -> Frame {
        let reusable = memory.last.flatMap { $0.layout == layout && $0.height == height ? $0 : nil }
        var frame = reusable?.frame ?? Frame(width: layout.width, height: height)
        for row in layout.separatorRow..<height where reusable != nil { frame.clear(row: row) }
        drawBelowTranscript(state, layout: layout, input: input, into: &frame)
        let drawn = TranscriptView.draw(state, layout: layout, theme: theme, cache: cache, into: &frame,
                                        previous: reusable.map { $0.rows ?? [] })
        memory.last = FrameMemory.Drawn(frame: frame, layout: layout, height: height,
                                        rows: drawn.markDrawn ? nil : drawn.rows)
        return frame
    }

    /// The separator, the input and the status bar.
    private func drawBelowTranscript(_ state: AppState, layout: ScreenLayout, input: InputView.Wrapped,
                                     into frame: inout Frame) {
        frame.put(String(repeating: "─", count: layout.width), row: layout.separatorRow, column: 0,
                  style: theme.separator)
        InputView.draw(input, layout: layout, theme: theme, dimmed: state.isStreaming, into: &frame)
        AttachmentBarView.draw(state, layout: layout, theme: theme, into: &frame)
        FindLineView.draw(state, layout: layout, theme: theme, into: &frame)
        StatusBarView.draw(state, row: layout.statusRow, width: layout.width, theme: theme, into: &frame)
    }

    /// What a spinner tick can change on screen: the status bar's activity (spinner,
    /// rate, a retry's countdown) and a thinking block's timer. Equal before and after a
    /// tick means the tick needs no frame.
    public func tickSensitiveText(_ state: AppState) -> String {
        let thinking = state.activeReply.flatMap { state.message(withID: $0.messageID)?.thinkingTicks }
        return StatusBarView.activity(state) + "\u{0}" + String(thinking ?? -1)
    }

    /// The rows an overlay (help, the list, the picker) has at this size: it covers the
    /// transcript and the separator, the input stays visible below.
    /// The columns the input's text has in a window `width` wide.
    public func inputColumns(width: Int) -> Int {
        max(1, width - InputView.prompt.count)
    }

    public func overlayRows(_ state: AppState, width: Int, height: Int) -> Int {
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else { return state.overlayRows }
        return ScreenLayout(state, width: width, height: height).separatorRow + 1
    }

    /// Where `move` takes the transcript view at this screen size.
    public func scrolled(_ state: AppState, _ move: ScrollMove, width: Int, height: Int) -> TranscriptScroll {
        guard width >= ScreenLayout.minimumWidth, height >= ScreenLayout.minimumHeight else { return state.scroll }
        let layout = ScreenLayout(state, width: width, height: height)
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
