import ChatDomain
import Foundation
import ScreenKit

/// Keys while the conversation list is open: letters filter, the table does the rest.
func reduceListKey(_ state: inout AppState, _ list: ConversationList, _ key: Key) -> [AppEffect] {
    var list = list
    defer { if state.overlay != nil { state.overlay = .conversations(list) } }
    if key == .pasteBegin || key == .pasteEnd {
        state.isPasting = key == .pasteBegin
        return []
    }
    // A pasted line break is a space in a one-line field: it never opens or saves.
    if state.isPasting, key == .enter || key == .ctrl("j") {
        let effects = reduceListText(&state, list, " ")
        if case let .conversations(typed) = state.overlay { list = typed }
        return effects
    }
    switch list.mode {
    case .renaming(let id, var title):
        return reduceRenameKey(&state, &list, id, &title, key)
    case .confirmingDelete:
        return reduceDeleteConfirmation(&state, &list, key)
    case .browsing:
        break
    }
    if case let .character(character) = key {
        list.filter.insert(String(character))
        return search(&state, &list)
    }
    guard let command = ListKeyMap.command(for: key) else { return [] }
    return perform(command, &state, &list)
}

/// Typed text (merged keys, or a paste) goes to the filter or the title being edited.
func reduceListText(_ state: inout AppState, _ list: ConversationList, _ text: String) -> [AppEffect] {
    var list = list
    defer { state.overlay = .conversations(list) }
    let line = text.replacingOccurrences(of: "\n", with: " ")
    switch list.mode {
    case .renaming(let id, var title):
        title.insert(line)
        list.mode = .renaming(id, title)
        return []
    case .confirmingDelete:
        return text.lowercased().hasPrefix("y") ? deleteSelected(&state, &list) : cancelDelete(&list)
    case .browsing:
        list.filter.insert(line)
        return search(&state, &list)
    }
}

private func perform(_ command: ListCommand, _ state: inout AppState, _ list: inout ConversationList) -> [AppEffect] {
    let page = 10
    switch command {
    case .open: return openSelected(&state, &list)
    case .close: state.overlay = nil
    case .newConversation: return startNewConversation(&state)
    case .rename:
        guard let match = list.selectedMatch else { return [] }
        list.mode = .renaming(match.id, InputBuffer(match.summary.title))
    case .delete:
        guard let match = list.selectedMatch else { return [] }
        list.mode = .confirmingDelete(match.id)
    case .up: list.selection = max(0, list.selection - 1)
    case .down: list.selection = min(list.entryCount - 1, list.selection + 1)
    case .pageUp: list.selection = max(0, list.selection - page)
    case .pageDown: list.selection = min(list.entryCount - 1, list.selection + page)
    case .first: list.selection = 0
    case .last: list.selection = list.entryCount - 1
    case .deleteBackward:
        list.filter.deleteBackward()
        return search(&state, &list)
    case .clearFilter:
        list.filter.clear()
        return search(&state, &list)
    case .deleteWordBackward:
        list.filter.killWordBackward()
        return search(&state, &list)
    case .cursorLeft: list.filter.moveLeft()
    case .cursorRight: list.filter.moveRight()
    case .cursorStart: list.filter.moveToLineStart()
    case .cursorEnd: list.filter.moveToLineEnd()
    case .quit: return quit(&state)
    }
    return []
}

private func search(_ state: inout AppState, _ list: inout ConversationList) -> [AppEffect] {
    list.requestedSearch = state.takeSearchNumber()
    list.isSearching = true
    return [.searchConversations(search: list.requestedSearch, query: list.filter.text)]
}

private func openSelected(_ state: inout AppState, _ list: inout ConversationList) -> [AppEffect] {
    guard let match = list.selectedMatch else { return startNewConversation(&state) }
    if match.id == state.conversation.id, match.messageID == nil {
        state.overlay = nil
        return []
    }
    // Stopped (and its last save asked for) before the load: what is read back is the
    // reply as it ended, not as it was at its last periodic save.
    let stopped = stopActiveReply(&state)
    list.opening = match.id
    state.statusNote = "Opening…"
    let words = match.messageID == nil ? [] : list.filterWords
    return stopped + [.openConversation(match.id, focus: match.messageID, words: words)]
}

private func reduceRenameKey(_ state: inout AppState, _ list: inout ConversationList, _ target: ConversationID,
                             _ title: inout InputBuffer, _ key: Key) -> [AppEffect] {
    defer { if case .renaming = list.mode { list.mode = .renaming(target, title) } }
    switch key {
    case let .character(character): title.insert(String(character))
    case .escape, .ctrl("c"): list.mode = .browsing
    case .enter:
        let newTitle = title.text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        guard !newTitle.isEmpty else {
            state.statusNote = "A title cannot be empty."
            return []
        }
        list.mode = .browsing
        if let index = list.matches.firstIndex(where: { $0.id == target }) { list.matches[index].summary.title = newTitle }
        if target == state.conversation.id { state.conversation.title = newTitle }
        return [.renameConversation(target, title: newTitle)]
    case .backspace, .ctrl("h"): title.deleteBackward()
    case .delete: title.deleteForward()
    case .left, .ctrl("b"): title.moveLeft()
    case .right, .ctrl("f"): title.moveRight()
    case .home, .ctrl("a"): title.moveToLineStart()
    case .end, .ctrl("e"): title.moveToLineEnd()
    case .ctrl("u"): title.killToLineStart()
    case .ctrl("k"): title.killToLineEnd()
    case .ctrl("w"): title.killWordBackward()
    default: break
    }
    return []
}

private func reduceDeleteConfirmation(_ state: inout AppState, _ list: inout ConversationList, _ key: Key) -> [AppEffect] {
    if key == .character("y") || key == .character("Y") { return deleteSelected(&state, &list) }
    return cancelDelete(&list)
}

private func cancelDelete(_ list: inout ConversationList) -> [AppEffect] {
    list.mode = .browsing
    return []
}

private func deleteSelected(_ state: inout AppState, _ list: inout ConversationList) -> [AppEffect] {
    guard let target = list.mode.target else { return [] }
    let title = list.targetMatch?.summary.title ?? ""
    list.mode = .browsing
    if let index = list.matches.firstIndex(where: { $0.id == target }) {
        list.matches.remove(at: index)
        list.selection = min(list.selection, list.entryCount - 1)
    }
    if list.opening == target { list.opening = nil }
    var effects: [AppEffect] = [.deleteConversation(target)]
    if target == state.conversation.id {
        effects = stopActiveReply(&state) + effects
        state.startNewConversation()
    }
    state.statusNote = "Deleted “\(title)”."
    // Searched again after the delete, so a search already queued cannot bring it back.
    return effects + search(&state, &list)
}
