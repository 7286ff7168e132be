import ScreenKit

/// Help scrolls with the arrows and pages (the view keeps it inside the list).
func reduceHelpKey(_ state: inout AppState, _ key: Key, firstEntry: Int) -> [AppEffect] {
    switch key {
    case .escape, .function(1), .enter, .ctrl("c"), .character("q"): state.overlay = nil
    case .ctrl("q"): return quit(&state)
    case .down, .ctrlDown, .wheelDown: state.overlay = .help(firstEntry: firstEntry + 1)
    case .up, .ctrlUp, .wheelUp: state.overlay = .help(firstEntry: max(0, firstEntry - 1))
    case .pageDown, .character(" "): state.overlay = .help(firstEntry: firstEntry + 10)
    case .pageUp: state.overlay = .help(firstEntry: max(0, firstEntry - 10))
    case .home: state.overlay = .help(firstEntry: 0)
    default: break
    }
    return []
}

/// Alt-T: folds or unfolds the thinking of the last reply that has some.
func toggleThinking(_ state: inout AppState) {
    guard let reply = state.messages.last(where: { $0.kind == .assistant && !$0.reasoning.isEmpty }) else {
        state.statusNote = "No reply with thinking to show."
        return
    }
    state.editMessage(id: reply.id) { $0.showsReasoning.toggle() }
}
