import Foundation
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
    private var markdown = IncrementalMarkdown()
    private var thinking = IncrementalWrap()
    /// The text and the thinking made safe to draw, a delta at a time.
    private var safeText = IncrementalSanitizer()
    private var safeReasoning = IncrementalSanitizer()
    private(set) var lines: [StyledLine] = []

    mutating func update(_ message: TranscriptMessage, width: Int, theme: Theme) {
        guard message.version != version || width != self.width else { return }
        version = message.version
        self.width = width
        let textWidth = max(1, width - MessageLayout.indent.count)

        var lines = [header(message, theme: theme)]
        lines += AttachmentLines.lines(for: message, theme: theme)
        if message.omittedHistory > 0 {
            let count = message.omittedHistory
            lines.append(StyledLine(MessageLayout.indent + "(\(count) earlier message\(count == 1 ? "" : "s") not sent: "
                                    + "context window or history.keep_rounds)", style: theme.marker))
        }
        if !message.reasoning.isEmpty {
            lines += thinkingBlock(message, textWidth: textWidth, theme: theme)
        }
        let bodyStyle: Style
        switch message.kind {
        case .error: bodyStyle = theme.errorBody
        case .notice: bodyStyle = theme.noticeBody
        case .user, .assistant: bodyStyle = theme.body
        }
        if !message.text.isEmpty, message.kind == .assistant {
            // Replies are Markdown; the controls in them were made visible first.
            let layout = MarkdownLayout(theme: theme, base: bodyStyle, indent: MessageLayout.indent)
            markdown.update(text: safeText.update(message.text), width: width, layout: layout)
            lines += markdown.lines
        } else if !message.text.isEmpty {
            answer.update(text: safeText.update(message.text), width: textWidth)
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

    /// While the model thinks, its thinking in full under a spinner; once the answer
    /// starts, one folded line (Alt-T unfolds it).
    private mutating func thinkingBlock(_ message: TranscriptMessage, textWidth: Int, theme: Theme) -> [StyledLine] {
        let seconds = message.thinkingTicks.map { String(format: " for %.1f s", Double($0) * AppState.tickSeconds) } ?? ""
        let isThinking = message.status == .streaming && message.text.isEmpty
        thinking.update(text: safeReasoning.update(message.reasoning), width: max(1, textWidth - 2))
        // Folded once the thinking is over: when the answer starts, or when the reply was
        // stopped or cut off while the model still thought.
        if !isThinking, !message.showsReasoning {
            let count = thinking.lines.count
            let folded = "▸ thought\(seconds) · \(count) line\(count == 1 ? "" : "s")"
            return [StyledLine(MessageLayout.indent + DisplayWidth.truncated(folded, to: max(1, textWidth)),
                               style: theme.reasoning)]
        }
        let title: String
        if isThinking {
            let glyph = StatusBarView.spinner[(message.thinkingTicks ?? 0) % StatusBarView.spinner.count]
            title = "\(glyph) thinking\(seconds.isEmpty ? "…" : "…" + seconds.replacingOccurrences(of: " for", with: ""))"
        } else {
            title = "▾ thought\(seconds)"
        }
        var lines = [StyledLine(MessageLayout.indent + title, style: theme.reasoning)]
        for line in thinking.lines {
            lines.append(StyledLine(spans: [(MessageLayout.indent + "│ " + line, theme.reasoning)]))
        }
        return lines
    }

    private func header(_ message: TranscriptMessage, theme: Theme) -> StyledLine {
        // "‹ 2/3 ›": one of several versions (Alt-Left and Alt-Right flip between them).
        let versions = message.branch.map { ("  ‹ \($0.number)/\($0.count) ›", theme.marker) }
        switch message.kind {
        case .user:
            guard let versions else { return StyledLine("You", style: theme.userHeader) }
            return StyledLine(spans: [("You", theme.userHeader), versions])
        case .assistant:
            var spans: [(text: String, style: Style)] = [(AssistantName.of(model: message.model), theme.assistantHeader)]
            if let versions { spans.append(versions) }
            if let model = message.model {
                spans.append(("  " + TerminalSafeText.sanitizeLine(model), theme.marker))
            }
            if message.status == .streaming, !message.text.isEmpty || message.reasoning.isEmpty {
                spans.append(("  …", theme.marker))
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
        case .stopped: return "[stopped] · Ctrl-X C continues it"
        case .interrupted: return "[interrupted] · Ctrl-X C continues it"
        case .complete where message.finishReason == .length: return "[cut: max tokens] · Ctrl-X C continues it"
        case .complete where message.finishReason == .contentFilter: return "[cut: content filter]"
        case .complete, .streaming, .error: return nil
        }
    }
}
