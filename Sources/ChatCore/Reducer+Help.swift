import ChatDomain
import ScreenKit

/// Help scrolls with the arrows and pages (`HelpKeyMap`), a page being what the layout
/// shows, and stops at its last page.
func reduceHelpKey(_ state: inout AppState, _ key: Key, firstEntry: Int) -> [AppEffect] {
    let page = HelpPage.shown(overlayRows: state.overlayRows)
    let last = HelpPage.lastFirstEntry(overlayRows: state.overlayRows)
    func scroll(to entry: Int) { state.overlay = .help(firstEntry: min(max(0, entry), last)) }
    switch state.settings.overlayKeys.help.command(for: key) {
    case .close:
        // Back where F1 was pressed, as it was.
        state.overlay = state.helpReturn
        state.helpReturn = nil
        state.helpFirstSections = []
    case .quit: return quit(&state)
    case .lineDown: scroll(to: firstEntry + 1)
    case .lineUp: scroll(to: firstEntry - 1)
    case .pageDown: scroll(to: firstEntry + page)
    case .pageUp: scroll(to: firstEntry - page)
    case .first: scroll(to: 0)
    case .last: scroll(to: last)
    case nil: break
    }
    return []
}

extension AppState {
    /// Runs `change` with the overlay help was opened over in its place, so results for
    /// it (a search, the model list) are not lost while help covers it.
    mutating func withOverlayBehindHelp<Result>(_ change: (inout AppState) -> Result) -> Result {
        guard case let .help(first) = overlay, let behind = helpReturn else { return change(&self) }
        overlay = behind
        let result = change(&self)
        helpReturn = overlay
        overlay = .help(firstEntry: first)
        return result
    }
}

/// F1 anywhere: help, with the keys of where it was pressed first; Esc goes back there.
func openHelp(_ state: inout AppState) -> [AppEffect] {
    state.helpReturn = state.overlay
    state.helpFirstSections = helpSections(for: state)
    state.overlay = .help(firstEntry: 0)
    if state.balance == nil { state.balance = .checking }
    return state.settings.hasAPIKey ? [.readBalance(fresh: false)] : []
}

/// The key tables of what is on screen, by their titles in `KeyTables`.
private func helpSections(for state: AppState) -> [String] {
    let titles = KeyTables.sections.map(\.title)
    func titled(_ prefix: String) -> [String] { titles.filter { $0.hasPrefix(prefix) } }
    switch state.overlay {
    case .conversations: return titled("Conversation list") + titled("Renaming") + titled("Deleting")
    case .models: return titled("Model picker")
    case .outline: return titled("Outline")
    case .settings: return titled("Settings") + titled("Typing a setting")
    case .presets: return titled("Starting from a preset")
    case .help, nil:
        if state.pathPrompt != nil { return titled("Attaching a file") }
        return state.find != nil ? titled("Finding in the conversation") : []
    }
}

/// The layout gives overlays this many rows (at start, after a resize, as the input
/// grows): pages follow, and an open help list stays inside its last page.
func reduceOverlayRowsMeasured(_ state: inout AppState, _ rows: Int) -> [AppEffect] {
    state.overlayRows = rows
    if case let .help(first) = state.overlay {
        state.overlay = .help(firstEntry: min(first, HelpPage.lastFirstEntry(overlayRows: rows)))
    }
    return []
}

/// Alt-T: folds or unfolds the thinking of the last reply that has some.
func toggleThinking(_ state: inout AppState) {
    // While scrolled, the reply being read: the one at the top of the view, or the one
    // right under a question at the top; never one screens away, where nothing would show.
    if let top = focusedMessage(state), let start = state.messageIndex(atOrAfter: top.id) {
        let thinks: (TranscriptMessage) -> Bool = { $0.kind == .assistant && !$0.reasoning.isEmpty }
        let candidates = state.messages[start..<min(start + 2, state.messages.count)]
        guard let reply = candidates.first(where: thinks), thinks(top) || top.kind == .user else {
            state.statusNote = "No thinking in the message at the top of the view."
            return
        }
        state.editMessage(id: reply.id) { $0.showsReasoning.toggle() }
        return
    }
    guard let reply = state.messages.last(where: { $0.kind == .assistant && !$0.reasoning.isEmpty }) else {
        state.statusNote = "No reply with thinking to show."
        return
    }
    state.editMessage(id: reply.id) { $0.showsReasoning.toggle() }
}
