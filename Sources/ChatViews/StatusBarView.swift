import ChatDomain
import ChatCore
import ScreenKit
import TextLayout

/// The one-line status bar: model, what is happening, usage, and key hints.
struct StatusBarView {
    static let spinner: [Character] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    static func draw(_ state: AppState, row: Int, width: Int, theme: Theme, into frame: inout Frame) {
        frame.fill(row: row, style: theme.statusBar)
        var left = " " + TerminalSafeText.sanitizeLine(state.conversation.model)
        if state.settings.isDemo { left += " (demo)" }
        // What differs from the defaults, kept short: what happens matters more.
        let tags = state.conversation.settings.tags(for: state.currentModel).map(TerminalSafeText.sanitizeLine)
        if !tags.isEmpty {
            var shown = tags.joined(separator: " · ")
            if shown.count > 32 { shown = String(shown.prefix(31)) + "…" }
            left += " · " + shown
        }
        if state.conversation.webSearch {
            left += WebSearchAvailability(state.currentModel) == .available ? " · web" : " · web (not with this model)"
        }
        left += " │ " + activity(state)
        if let title = state.conversation.title { left += " │ " + TerminalSafeText.sanitizeLine(title) }

        let usage = state.lastUsage.map { usage in
            "↑\(usage.promptTokens)" + (usage.cachedTokens.map { " (\($0) cached)" } ?? "") + " ↓\(usage.completionTokens) tok "
        } ?? ""
        let hints = (state.isStreaming ? state.settings.keys.hints.streaming : state.settings.keys.hints.idle) + " "
        // What is happening matters more than key hints: when narrow, the hints go, then the
        // usage; the help key goes last, so that a way to every other key stays on screen.
        // What is left of the left side is cut with "…".
        let help = KeyHints.label(of: .openHelp, in: state.settings.keys.bindings).map { "\($0) help " } ?? ""
        let leftWidth = DisplayWidth.of(left)
        let keepsOfLeft = min(leftWidth, 24)
        let candidates = [usage.isEmpty ? hints : usage + "│ " + hints, usage.isEmpty ? help : usage + "│ " + help, help]
        // What is happening stays whole while it fits; only when it must be cut anyway does
        // the help key keep its place beside it.
        let right = candidates.first { leftWidth + 1 + DisplayWidth.of($0) <= width }
            ?? (leftWidth > width && keepsOfLeft + 1 + DisplayWidth.of(help) <= width ? help : "")

        let rightWidth = DisplayWidth.of(right)
        let room = max(0, width - rightWidth - 1)
        let x = frame.put(DisplayWidth.truncated(left, to: room), row: row, column: 0, style: theme.statusAccent, maxColumns: room)
        if x + 1 + rightWidth <= width {
            frame.put(right, row: row, column: width - rightWidth, style: theme.statusBar)
        }
    }

    static func activity(_ state: AppState) -> String {
        guard let reply = state.activeReply else {
            if state.editing != nil {
                return "editing your question: Enter sends it as a new branch, Esc cancels"
                    + (state.statusNote.map { " · " + $0 } ?? "")
            }
            if let note = state.statusNote { return note }
            return state.settings.hasAPIKey ? "ready" : "no API key (see above)"
        }
        let message = state.message(withID: reply.messageID)
        // The spinner shows life while nothing else moves (waiting, thinking, a retry's
        // wait), five steps a second; once the answer streams, the text itself does, and
        // a still glyph spares a repaint of the status bar per frame.
        let answering = message?.text.isEmpty == false && reply.retry == nil
        let glyph = answering ? "▸" : spinner[(reply.ticks / 2) % spinner.count]
        if let retry = reply.retry {
            return "\(glyph) \(retry.countdown(elapsed: reply.retryElapsed)) · \(retry.reason) · "
                + "\(state.settings.keys.hints.stop) cancels"
        }
        let phase = message?.text.isEmpty == false ? "streaming"
            : message?.reasoning.isEmpty == false ? "thinking"
            : message?.searches.isEmpty == false ? "searching the web" : "waiting"
        let note = state.statusNote.map { " · " + $0 } ?? ""
        guard let rate = reply.shownRate else { return "\(glyph) \(phase)…" + note }
        return "\(glyph) \(phase)… \(rate) tok/s" + note
    }
}
