import ChatCore
import ChatDomain
import ScreenKit

/// F1: every key of the chat from the same table that dispatches them, and the token
/// totals of the open conversation.
struct HelpView {
    static func draw(_ state: AppState, firstEntry: Int, rows: Int, width: Int, theme: Theme, into frame: inout Frame) {
        frame.cursor = nil
        for row in 0..<rows { frame.fill(row: row, style: .plain) }
        let all = entries()
        let shown = HelpPage.shown(overlayRows: rows)
        let first = min(max(0, firstEntry), max(0, all.count - shown))
        frame.fill(row: 0, style: theme.statusBar)
        let more = all.count > shown ? " · ↑↓ PgUp PgDn scroll (\(first + 1)–\(min(all.count, first + shown)) of \(all.count))" : ""
        frame.put(" Help · Esc or F1 closes" + more, row: 0, column: 0, style: theme.statusAccent)
        var row = 1
        frame.put(" " + totals(state), row: row, column: 0, style: theme.prompt)
        row += 2
        for entry in all.dropFirst(first) where row < rows - 1 {
            let column = frame.put("  " + entry.keys.padding(24), row: row, column: 0, style: Style(bold: true))
            frame.put(entry.summary, row: row, column: column)
            row += 1
        }
        if row < rows {
            frame.put("  In the conversation list (Ctrl-O) and the model picker (Ctrl-T), letters filter.",
                      row: row, column: 0, style: theme.detail)
        }
    }

    static func entries() -> [KeyHelpEntry] { HelpPage.entries }

    /// The conversation's token use: the sum of its replies' usage.
    static func totals(_ state: AppState) -> String {
        let usages = state.messages.compactMap(\.usage)
        guard !usages.isEmpty else { return "No token usage in this conversation yet." }
        let prompt = usages.reduce(0) { $0 + $1.promptTokens }
        let completion = usages.reduce(0) { $0 + $1.completionTokens }
        let cached = usages.reduce(0) { $0 + ($1.cachedTokens ?? 0) }
        return "This conversation: \(usages.count) replies, \(prompt) prompt tokens (\(cached) cached), "
            + "\(completion) completion tokens, \(prompt + completion) in all."
    }
}
