import ChatDomain

/// Another kimichat window has the same conversation open. The runtime checks the
/// database on a timer and before each request; these facts are what it found.

/// Reloads the transcript with the other window's turns and title, keeping the
/// reader's place. Refused while a reply streams in: the runtime offers it again after.
func reduceConversationChangedElsewhere(_ state: inout AppState, _ saved: SavedConversation,
                                        change: Int) -> [AppEffect] {
    guard state.conversation.id == saved.summary.id, !state.isStreaming else { return [] }
    let place = state.scroll
    let turn = place.anchorTurn(in: state.messages)
    let model = state.conversation.model
    let edit = state.editing
    let editedRow = edit.flatMap { state.tree.row(of: $0.node) }
    let find = state.find
    state.replaceTranscript(with: saved)
    // A question being rewritten stays so, found again by its row: Enter must not turn
    // the edit into a message at the end.
    var editGone = false
    if let edit {
        if let editedRow, let node = state.tree.node(ofRow: editedRow) {
            state.editing = BranchEdit(node: node, draft: edit.draft, draftTray: edit.draftTray)
        } else {
            editGone = true
        }
    }
    // This window's choice of model stays this window's.
    state.conversation.model = model
    state.conversation.shownChange = change
    state.repeatStandingNotices()
    if case let .pinned(anchor) = place, let turn {
        let turns = state.messages.filter(\.isTurn)
        if turn.index < turns.count {
            state.scroll = .pinned(TranscriptAnchor(messageID: turns[turn.index].id,
                                                    line: turn.isExact ? anchor.line : 0))
        }
    }
    state.statusNote = editGone ? "Updated from another window; the question you were editing is gone from it: "
        + "Enter sends your text as a new message." : "Updated from another window."
    // The find line stays open with its text, asked again of the transcript as it now is.
    return reopenFind(&state, find)
}

/// Says so in the transcript; the next message starts a new conversation.
func reduceConversationDeletedElsewhere(_ state: inout AppState, _ id: ConversationID) -> [AppEffect] {
    guard state.conversation.id == id, !state.conversation.deletedElsewhere else { return [] }
    state.conversation.deletedElsewhere = true
    state.appendMessage(kind: .notice, text: "This conversation was deleted in another window. "
        + "Your next message starts a new conversation.")
    return []
}

/// The request was held back: its conversation changed elsewhere since the transcript
/// was read. The transcript becomes the conversation as saved (the question and its
/// reply row are in it), and the request is made again from it.
func reduceHistoryChangedBeforeSending(_ state: inout AppState, _ requestID: RequestID,
                                       _ history: ChangedHistory) -> [AppEffect] {
    guard let reply = state.activeReply, reply.requestID == requestID else { return [] }
    // Searches already made (and paid for) go on with the reply: it is held back between two
    // of its requests as readily as before its first.
    let searches = state.message(withID: reply.messageID)?.searches ?? []
    var saved = history.saved
    let branch = saved.messages
    guard let replyIndex = branch.firstIndex(where: { $0.id == history.replyRow }),
          let question = history.questionRow.flatMap({ row in branch.first { $0.id == row } })
            ?? branch[..<replyIndex].last(where: { $0.role == .user }) else {
        // Not where it was saved: nothing sensible to send.
        return stopReply(&state, reply, status: .stopped)
    }
    saved.tree.removeLeaf(history.replyRow)
    let model = state.conversation.model
    let find = history.replacesDeleted ? nil : state.find
    state.activeReply = nil
    state.replaceTranscript(with: saved, notice: history.replacesDeleted
        ? "A new conversation: the one open before was deleted in another window." : nil)
    state.conversation.model = model
    state.conversation.shownChange = history.change
    guard let questionNode = state.messages.last(where: { $0.storedID == question.id })?.id else {
        state.statusNote = "Another window changed this conversation; the reply was not asked for: press Ctrl-R."
        return []
    }
    // The reply goes under its question, whatever else was saved below it meanwhile.
    state.showBranch(endingAt: questionNode)
    guard let questionIndex = state.messages.lastIndex(where: { $0.id == questionNode }) else { return [] }
    let effects = requestReply(&state, questionAt: questionIndex, roundsAtMost: reply.roundsAtMost,
                               replyRow: history.replyRow, searches: searches) + reopenFind(&state, find)
    state.statusNote = history.replacesDeleted ? "Sent in a new conversation." : "Another window added to this "
        + "conversation: sent with its turns."
    return effects
}

extension TranscriptMessage {
    /// A question or a reply: what the conversation is made of, in both windows.
    var isTurn: Bool { kind == .user || kind == .assistant }
}

extension TranscriptScroll {
    /// For a pinned view: which turn the anchor is on (counting turns from the top),
    /// or the turn before it when it is on a notice (then not exact).
    func anchorTurn(in messages: [TranscriptMessage]) -> (index: Int, isExact: Bool)? {
        guard case let .pinned(anchor) = self else { return nil }
        let upTo = messages.prefix { $0.id <= anchor.messageID }
        let turns = upTo.filter(\.isTurn).count
        guard turns > 0 else { return nil }
        return (turns - 1, upTo.last?.id == anchor.messageID && upTo.last?.isTurn == true)
    }
}
