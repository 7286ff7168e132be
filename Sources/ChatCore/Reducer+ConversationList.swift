import ChatDomain
import Foundation
import ScreenKit

/// Keys while the conversation list is open: letters filter, the table does the rest.
func reduceListKey(_ state: inout AppState, _ list: ConversationList, _ key: Key) -> [AppEffect] {
    var list = list
    defer { if state.overlay != nil { state.overlay = .conversations(list) } }
    switch list.mode {
    case var .renaming(title):
        return reduceRenameKey(&state, &list, &title, key)
    case .confirmingDelete:
        return reduceDeleteConfirmation(&state, &list, key)
    case .browsing:
        break
    }
    if key == .pasteBegin || key == .pasteEnd { return [] }
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
    case var .renaming(title):
        title.insert(line)
        list.mode = .renaming(title)
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
    case .open: return openSelected(&state, list)
    case .close: state.overlay = nil
    case .newConversation: return startNewConversation(&state)
    case .rename:
        guard let match = list.selectedMatch else { return [] }
        list.mode = .renaming(InputBuffer(match.summary.title))
    case .delete:
        guard list.selectedMatch != nil else { return [] }
        list.mode = .confirmingDelete
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

private func openSelected(_ state: inout AppState, _ list: ConversationList) -> [AppEffect] {
    guard let match = list.selectedMatch else { return startNewConversation(&state) }
    if match.id == state.conversation.id, match.messageID == nil {
        state.overlay = nil
        return []
    }
    state.statusNote = "Opening…"
    return [.openConversation(match.id, focus: match.messageID, words: match.messageID == nil ? [] : list.filterWords)]
}

private func reduceRenameKey(_ state: inout AppState, _ list: inout ConversationList, _ title: inout InputBuffer,
                             _ key: Key) -> [AppEffect] {
    defer { if case .renaming = list.mode { list.mode = .renaming(title) } }
    switch key {
    case let .character(character): title.insert(String(character))
    case .escape, .ctrl("c"): list.mode = .browsing
    case .enter:
        let newTitle = title.text.split(whereSeparator: \.isNewline).joined(separator: " ")
            .trimmingCharacters(in: .whitespaces)
        guard let match = list.selectedMatch, !newTitle.isEmpty else {
            state.statusNote = "A title cannot be empty."
            return []
        }
        list.mode = .browsing
        list.matches[list.selection - 1].summary.title = newTitle
        if match.id == state.conversation.id { state.conversation.title = newTitle }
        return [.renameConversation(match.id, title: newTitle)]
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
    list.mode = .browsing
    guard let match = list.selectedMatch else { return [] }
    list.matches.remove(at: list.selection - 1)
    list.selection = min(list.selection, list.entryCount - 1)
    var effects: [AppEffect] = [.deleteConversation(match.id)]
    if match.id == state.conversation.id {
        effects = stopActiveReply(&state) + effects
        state.startNewConversation()
    }
    state.statusNote = "Deleted “\(match.summary.title)”."
    return effects
}
