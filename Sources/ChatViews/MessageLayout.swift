import ChatDomain
import ChatCore
import ScreenKit
import TextLayout

/// The lines one transcript message takes, cached by message version and width.
struct MessageLayout {
    static let indent = "  "

    private(set) var version = -1
    private(set) var width = 0
    private var answer = IncrementalWrap()
    private var thinking = IncrementalWrap()
    private(set) var lines: [StyledLine] = []

    mutating func update(_ message: TranscriptMessage, width: Int, theme: Theme) {
        guard message.version != version || width != self.width else { return }
        version = message.version
        self.width = width
        let textWidth = max(1, width - MessageLayout.indent.count)

        var lines = [header(message, theme: theme)]
        if !message.reasoning.isEmpty {
            thinking.update(text: TerminalSafeText.sanitize(message.reasoning), width: max(1, textWidth - 2))
            for line in thinking.lines {
                lines.append(StyledLine(spans: [(MessageLayout.indent + "│ " + line, theme.reasoning)]))
            }
        }
        let bodyStyle: Style
        switch message.kind {
        case .error: bodyStyle = theme.errorBody
        case .notice: bodyStyle = theme.noticeBody
        case .user, .assistant: bodyStyle = theme.body
        }
        if !message.text.isEmpty {
            answer.update(text: TerminalSafeText.sanitize(message.text), width: textWidth)
            for line in answer.lines {
                lines.append(StyledLine(MessageLayout.indent + line, style: bodyStyle))
            }
        }
        if let mark = statusMark(message) {
            lines.append(StyledLine(MessageLayout.indent + mark, style: theme.marker))
        }
        lines.append(.empty)
        self.lines = lines
    }

    private func header(_ message: TranscriptMessage, theme: Theme) -> StyledLine {
        switch message.kind {
        case .user:
            return StyledLine("You", style: theme.userHeader)
        case .assistant:
            var spans: [(text: String, style: Style)] = [("Kimi", theme.assistantHeader)]
            if let model = message.model {
                spans.append(("  " + TerminalSafeText.sanitizeLine(model), theme.marker))
            }
            if message.status == .streaming {
                spans.append((message.text.isEmpty && !message.reasoning.isEmpty ? "  thinking…" : "  …", theme.marker))
            }
            return StyledLine(spans: spans)
        case .notice:
            return StyledLine("kimichat", style: theme.noticeHeader)
        case .error:
            return StyledLine("Error", style: theme.errorHeader)
        }
    }

    private func statusMark(_ message: TranscriptMessage) -> String? {
        guard message.kind == .assistant else { return nil }
        switch message.status {
        case .stopped: return "[stopped]"
        case .interrupted: return "[interrupted]"
        case .complete where message.finishReason == .length: return "[cut off: the reply reached the length limit]"
        case .complete where message.finishReason == .contentFilter: return "[filtered by the content filter]"
        case .complete, .streaming, .error: return nil
        }
    }
}
