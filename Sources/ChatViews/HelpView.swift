import ChatCore
import ChatDomain
import ScreenKit

/// F1: every key table (`HelpPage`, from the tables that dispatch the keys), the
/// conversation's token totals, and help's own keys from its table.
struct HelpView {
    static func draw(_ state: AppState, firstEntry: Int, rows: Int, width: Int, theme: Theme, into frame: inout Frame) {
        frame.cursor = nil
        for row in 0..<rows { frame.fill(row: row, style: .plain) }
        let standard = state.settings.keys == .standard && state.settings.overlayKeys == .standard
        let all = standard && state.helpFirstSections.isEmpty ? HelpPage.entries
            : HelpPage.entries(with: state.settings.keys, overlays: state.settings.overlayKeys, first: state.helpFirstSections)
        let shown = HelpPage.shown(overlayRows: rows)
        let first = min(max(0, firstEntry), max(0, all.count - shown))
        frame.fill(row: 0, style: theme.statusBar)
        frame.put(" Help · " + header(first: first, shown: shown, count: all.count, keys: state.settings.overlayKeys),
                  row: 0, column: 0,
                  style: theme.statusAccent)
        var row = 1
        frame.put(" " + totals(state), row: row, column: 0, style: theme.prompt)
        frame.put(" " + balance(state), row: row + 1, column: 0, style: theme.prompt)
        row += 3
        for line in all.dropFirst(first) where row < rows {
            draw(line, row: row, theme: theme, into: &frame)
            row += 1
        }
    }

    /// Help's key hints; when not every row fits, the scrolling keys and where the view is.
    static func header(first: Int, shown: Int, count: Int, keys: OverlayKeyTables = .standard) -> String {
        let scrolls = count > shown
        let hints = KeyHints.line(keys.help.bindings) { scrolls || !$0.scrolls }
        return scrolls ? hints + " (\(first + 1)–\(min(count, first + shown)) of \(count))" : hints
    }

    private static func draw(_ line: HelpLine, row: Int, theme: Theme, into frame: inout Frame) {
        switch line {
        case let .heading(title): frame.put(" " + title, row: row, column: 0, style: theme.heading)
        case let .key(entry):
            let column = frame.put("  " + entry.keys.padding(24), row: row, column: 0, style: Style(bold: true))
            frame.put(entry.summary, row: row, column: column)
        case let .note(note): frame.put("  " + note, row: row, column: 0, style: theme.detail)
        case .gap: break
        }
    }

    /// The account's balance after the totals, as read when help opened.
    static func balance(_ state: AppState) -> String {
        switch state.balance {
        case nil: return "Balance: not read without an API key."
        case .checking: return "Balance: checking…"
        case let .known(balance): return "Balance: \(balance.summary)."
        case let .unavailable(reason): return "Balance: not available (\(reason))."
        }
    }

    /// The conversation's token use: the sum of its replies' usage.
    static func totals(_ state: AppState) -> String {
        let usages = state.messages.compactMap(\.usage)
        guard !usages.isEmpty else { return "No token usage in this conversation yet." }
        let prompt = usages.reduce(0) { $0 + $1.promptTokens }
        let completion = usages.reduce(0) { $0 + $1.completionTokens }
        let cached = usages.reduce(0) { $0 + ($1.cachedTokens ?? 0) }
        let share = prompt > 0 ? " (\(cached) cached, \(Int((Double(cached) / Double(prompt) * 100).rounded()))%)"
            : " (\(cached) cached)"
        return "This conversation: \(usages.count) replies, \(prompt) prompt tokens\(share), "
            + "\(completion) completion tokens, \(prompt + completion) in all."
    }
}
