import ChatDomain
import Foundation

/// Ctrl-N: an empty transcript; a reply still streaming is stopped and kept.
func startNewConversation(_ state: inout AppState) -> [AppEffect] {
    let stopped = stopActiveReply(&state)
    state.overlay = nil
    state.startNewConversation()
    state.statusNote = "New conversation."
    return stopped
}

/// Ctrl-O: the list opens at once and fills when the search returns.
func openConversationList(_ state: inout AppState) -> [AppEffect] {
    var list = ConversationList()
    list.requestedSearch = state.takeSearchNumber()
    state.overlay = .conversations(list)
    return [.searchConversations(search: list.requestedSearch, query: "")]
}

func reduceConversationsFound(_ state: inout AppState, search: Int, _ matches: [ConversationMatch],
                              readAt: Date) -> [AppEffect] {
    guard state.conversationList?.requestedSearch == search else { return [] }
    let openID = state.conversation.id
    state.withConversationList { list in
        let previous = list.selectedMatch?.id
        list.matches = matches
        list.readAt = readAt
        list.isSearching = false
        if let target = list.mode.target {
            // Renaming or deleting: stay on that conversation, or drop the question if it went.
            if let index = matches.firstIndex(where: { $0.id == target }) {
                list.selection = index + 1
            } else {
                list.mode = .browsing
                list.selection = matches.isEmpty ? 0 : 1
            }
        } else if list.filter.isEmpty {
            // Unfiltered: keep the selection on the same conversation, else on the open one.
            let wanted = previous ?? openID
            list.selection = wanted.flatMap { id in matches.firstIndex { $0.id == id }.map { $0 + 1 } }
                ?? (matches.isEmpty ? 0 : 1)
        } else {
            list.selection = matches.isEmpty ? 0 : 1
        }
    }
    return []
}

func reduceConversationLoaded(_ state: inout AppState, _ saved: SavedConversation, focus: StoredMessageID?,
                              words: [String]) -> [AppEffect] {
    // Only the conversation still asked for: not one deleted, or a list closed, meanwhile.
    guard state.conversationList?.opening == saved.summary.id || state.branchLoad == saved.summary.id else { return [] }
    state.branchLoad = nil
    var stopped = stopActiveReply(&state)
    state.overlay = nil
    // A hit on another branch opens that branch (the one written last through the hit).
    var saved = saved
    let opensOtherBranch = focus.map { focus in
        saved.tree.messages[focus] != nil && !saved.tree.currentPath.contains { $0.id == focus }
    } ?? false
    if opensOtherBranch, let focus { saved.tree.select(focus) }
    state.replaceTranscript(with: saved)
    if opensOtherBranch { stopped += state.selectShownBranch() }
    stopped += readHistoryAhead(&state)
    if let focus, let message = state.messages.first(where: { $0.storedID == focus }) {
        state.scroll = .pinned(TranscriptAnchor(messageID: message.id, line: 0, seekingWords: words))
        if !words.isEmpty { state.highlight = TranscriptHighlight(messageID: message.id, words: words) }
    }
    return stopped
}

func reduceConversationSaved(_ state: inout AppState, key: Int, _ summary: ConversationSummary) -> [AppEffect] {
    guard state.conversation.key == key else { return [] }
    state.conversation.id = summary.id
    if state.conversation.title == nil { state.conversation.title = summary.title }
    return []
}

/// Stops a streaming reply before the transcript changes under it; what arrived is kept.
func stopActiveReply(_ state: inout AppState) -> [AppEffect] {
    guard let reply = state.activeReply else { return [] }
    return stopReply(&state, reply, status: .stopped)
}

extension AppState {
    mutating func takeSearchNumber() -> Int {
        defer { nextSearch += 1 }
        return nextSearch
    }
}
