import ChatDomain
import Foundation
import ScreenKit

/// Keys while the conversation list is open: letters filter, the tables do the rest.
/// The list is changed where it lives (`withConversationList`); what touches the rest
/// of the state (opening, deleting the open conversation) is done around that.
func reduceListKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    if key == .pasteBegin || key == .pasteEnd {
        state.isPasting = key == .pasteBegin
        return []
    }
    // A pasted line break is a space in a one-line field: it never opens or saves.
    if state.isPasting, key == .enter || key == .ctrl("j") { return reduceListText(&state, " ") }
    switch state.conversationList?.mode {
    case .renaming: return reduceRenameKey(&state, key)
    case .confirmingDelete: return answerDelete(&state, DeleteKeyMap.answer(for: key))
    case .browsing, nil: break
    }
    if case let .character(character) = key { return editFilter(&state) { $0.insert(String(character)) } }
    guard let command = state.settings.overlayKeys.list.command(for: key) else { return [] }
    return perform(command, &state)
}

/// Typed text (merged keys, or a paste) goes to the filter or the title being edited.
func reduceListText(_ state: inout AppState, _ text: String) -> [AppEffect] {
    let line = text.replacingOccurrences(of: "\n", with: " ")
    switch state.conversationList?.mode {
    case .renaming:
        state.withConversationList { $0.editTitle { $0.insert(line) } }
        return []
    case .confirmingDelete: return answerDelete(&state, DeleteKeyMap.answer(for: text))
    case .browsing: return editFilter(&state) { $0.insert(line) }
    case nil: return []
    }
}

private func perform(_ command: ListCommand, _ state: inout AppState) -> [AppEffect] {
    switch command {
    case .open: return openSelected(&state)
    case .close: state.overlay = nil
    case .newConversation: return startNewConversation(&state)
    case .rename:
        state.withConversationList { list in
            guard let match = list.selectedMatch else { return }
            list.mode = .renaming(match.id, InputBuffer(match.summary.title))
        }
    case .delete:
        state.withConversationList { list in
            guard let match = list.selectedMatch else { return }
            list.mode = .confirmingDelete(match.id)
        }
    case let .move(move):
        let rows = OverlayPage.entryRows(overlayRows: state.overlayRows)
        state.withConversationList { $0.move(move, entryRows: rows) }
    case let .filter(edit):
        guard edit.changesText else {
            state.withConversationList { edit.apply(to: &$0.filter) }
            return []
        }
        return editFilter(&state, edit.apply)
    case .quit: return quit(&state)
    }
    return []
}

/// Changes the filter and searches again with it.
private func editFilter(_ state: inout AppState, _ edit: (inout InputBuffer) -> Void) -> [AppEffect] {
    state.withConversationList { edit(&$0.filter) }
    return searchAgain(&state)
}

private func searchAgain(_ state: inout AppState) -> [AppEffect] {
    let search = state.takeSearchNumber()
    let query = state.withConversationList { list in
        list.requestedSearch = search
        list.isSearching = true
        return list.filter.text
    }
    guard let query else { return [] }
    return [.searchConversations(search: search, query: query)]
}

private func openSelected(_ state: inout AppState) -> [AppEffect] {
    guard let list = state.conversationList else { return [] }
    guard let match = list.selectedMatch else { return startNewConversation(&state) }
    if match.id == state.conversation.id, match.messageID == nil {
        state.overlay = nil
        return []
    }
    // Stopped (and its last save asked for) before the load: what is read back is the
    // reply as it ended, not as it was at its last periodic save.
    let stopped = stopActiveReply(&state)
    state.withConversationList { $0.opening = match.id }
    state.statusNote = "Opening…"
    let words = match.messageID == nil ? [] : list.filterWords
    return stopped + [.openConversation(match.id, focus: match.messageID, words: words)]
}

private func reduceRenameKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    if case let .character(character) = key {
        state.withConversationList { $0.editTitle { $0.insert(String(character)) } }
        return []
    }
    switch state.settings.overlayKeys.rename.command(for: key) {
    case .save: return saveTitle(&state)
    case .cancel: state.withConversationList { $0.mode = .browsing }
    case let .edit(edit): state.withConversationList { $0.editTitle(edit.apply) }
    case nil: break
    }
    return []
}

private func saveTitle(_ state: inout AppState) -> [AppEffect] {
    guard case let .renaming(target, title) = state.conversationList?.mode else { return [] }
    let newTitle = title.text.split(whereSeparator: \.isNewline).joined(separator: " ")
        .trimmingCharacters(in: .whitespaces)
    guard !newTitle.isEmpty else {
        state.statusNote = "A title cannot be empty."
        return []
    }
    state.withConversationList { list in
        list.mode = .browsing
        if let index = list.matches.firstIndex(where: { $0.id == target }) { list.matches[index].summary.title = newTitle }
    }
    if target == state.conversation.id { state.conversation.title = newTitle }
    return [.renameConversation(target, title: newTitle)]
}

private func answerDelete(_ state: inout AppState, _ answer: DeleteAnswer) -> [AppEffect] {
    switch answer {
    case .delete: return deleteTarget(&state)
    case .keep:
        state.withConversationList { $0.mode = .browsing }
        return []
    }
}

private func deleteTarget(_ state: inout AppState) -> [AppEffect] {
    guard let removed = state.withConversationList({ $0.removeTarget() }) ?? nil else { return [] }
    var effects: [AppEffect] = [.deleteConversation(removed.id)]
    if removed.id == state.conversation.id {
        effects = stopActiveReply(&state) + effects
        state.startNewConversation()
    }
    state.statusNote = "Deleted “\(removed.title)”."
    // Searched again after the delete, so a search already queued cannot bring it back.
    return effects + searchAgain(&state)
}

private extension ConversationList {
    /// Edits the title being renamed; nothing happens in another mode.
    mutating func editTitle(_ edit: (inout InputBuffer) -> Void) {
        guard case .renaming(let id, var title) = mode else { return }
        edit(&title)
        mode = .renaming(id, title)
    }

    /// Takes the conversation asked about out of the list: its id and title.
    mutating func removeTarget() -> (id: ConversationID, title: String)? {
        guard let target = mode.target else { return nil }
        let title = targetMatch?.summary.title ?? ""
        mode = .browsing
        if let index = matches.firstIndex(where: { $0.id == target }) {
            matches.remove(at: index)
            selection = min(selection, entryCount - 1)
        }
        if opening == target { opening = nil }
        return (target, title)
    }
}
