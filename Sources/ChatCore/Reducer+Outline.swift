import ChatDomain
import ScreenKit

/// Ctrl-X T: the outline of every branch's questions, the current one selected (the
/// one at the top of the view while scrolled, else the last asked).
func openOutline(_ state: inout AppState) -> [AppEffect] {
    let rows = state.outlineRows()
    guard !rows.isEmpty else {
        state.statusNote = "No questions yet: the outline lists them once there are some."
        return []
    }
    let start = focusedMessage(state)?.node ?? state.tree.leaf
    state.overlay = .outline(OutlineBrowser(rows: rows, selecting: state.question(atOrAbove: start)))
    return []
}

/// Keys while the outline is open: letters filter, the table does the rest.
func reduceOutlineKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    if case let .character(character) = key {
        state.withOutline { $0.filter.insert(String(character)); $0.refilter() }
        return []
    }
    guard let command = state.settings.overlayKeys.outline.command(for: key) else { return [] }
    switch command {
    case .go:
        guard let node = state.outline?.selected?.node else { return [] }
        state.overlay = nil
        return goToQuestion(&state, node)
    case .close: state.overlay = nil
    case let .move(move):
        let page = OverlayPage.entryRows(overlayRows: state.overlayRows)
        state.withOutline { $0.move(move, page: page) }
    case let .filter(edit):
        state.withOutline {
            edit.apply(to: &$0.filter)
            if edit.changesText { $0.refilter() }
        }
    case .quit: return quit(&state)
    }
    return []
}

func reduceOutlineText(_ state: inout AppState, _ text: String) -> [AppEffect] {
    state.withOutline {
        $0.filter.insert(String(text.map { $0.isNewline ? " " : $0 }))
        $0.refilter()
    }
    return []
}

/// Shows the branch through question `node` (the one shown, if it is on it; else the
/// branch written last under it) and scrolls to the question.
private func goToQuestion(_ state: inout AppState, _ node: Int) -> [AppEffect] {
    guard state.tree.contains(node) else { return [] }
    var effects: [AppEffect] = []
    if !state.tree.shownPath.contains(node) {
        // The reply being written stays where it is written.
        if state.isStreaming {
            state.statusNote = "A reply is still streaming: wait, or press Esc to stop it, to go to another branch."
            return []
        }
        state.showBranch(endingAt: state.tree.newestLeaf(under: node))
        effects = state.selectShownBranch()
    }
    state.scroll = .pinned(TranscriptAnchor(messageID: node, line: 0))
    state.statusNote = nil
    return effects
}

extension AppState {
    /// The outline of the open conversation, from the tree and the messages it holds.
    func outlineRows() -> [OutlineRow] {
        let onBranch = Set(tree.shownPath)
        return ConversationOutline.rows(
            children: { tree.children(of: $0) },
            kind: { id in
                switch messageKind(id) {
                case .user: return .question
                case .assistant: return .reply
                case .notice, .error, nil: return .hidden
                }
            },
            question: { id in
                let message = shownMessage(id) ?? tree.stashedMessage(id)
                return (message?.text ?? "", message?.createdAt)
            },
            currentBranch: onBranch)
    }

    /// The kind of `node`'s own message, on the branch shown or waiting on another; nil
    /// when it has none (a reply that failed before any text). Reads it in place.
    func messageKind(_ node: Int) -> MessageKind? {
        if let index = messageIndex(atOrAfter: node), messages[index].id == node { return messages[index].kind }
        return tree.stashedKind(node)
    }

    /// The outline, when it is open.
    public var outline: OutlineBrowser? {
        if case let .outline(outline) = overlay { return outline }
        return nil
    }

    /// Applies `change` to the open outline; nothing done when it is closed.
    mutating func withOutline(_ change: (inout OutlineBrowser) -> Void) {
        guard case var .outline(outline) = overlay else { return }
        overlay = nil
        change(&outline)
        overlay = .outline(outline)
    }
}
