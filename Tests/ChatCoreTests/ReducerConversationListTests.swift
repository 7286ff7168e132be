import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

@Suite("Reducer: the conversation list")
struct ReducerConversationListTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true),
                         reopening: Fixtures.exchanges(id: 2, count: 2))

    var list: ConversationList? {
        if case let .conversations(list) = state.overlay { return list }
        return nil
    }

    let matches = [
        ConversationMatch(summary: Fixtures.summary(id: 3, title: "Three")),
        ConversationMatch(summary: Fixtures.summary(id: 2, title: "Two")),
        ConversationMatch(summary: Fixtures.summary(id: 1, title: "One"), messageID: 41, snippet: "…the word…"),
    ]

    /// Opens the list and answers its search with `matches`.
    mutating func openList() {
        let effects = reduce(&state, .keyPressed(.ctrl("o")))
        guard case let .searchConversations(search, query) = effects.first else { Issue.record("no search"); return }
        #expect(query == "")
        _ = reduce(&state, .conversationsFound(search: search, matches, readAt: Fixtures.date))
    }

    mutating func press(_ keys: Key...) -> [AppEffect] {
        keys.flatMap { reduce(&state, .keyPressed($0)) }
    }

    @Test("Ctrl-O opens the list on the open conversation; Esc closes it")
    mutating func opensAndCloses() {
        openList()
        #expect(list?.matches == matches)
        #expect(list?.selection == 2, "entry 0 is “new”; the open conversation is entry 2")
        _ = press(.escape)
        #expect(state.overlay == nil)
    }

    @Test("letters always filter, even those that are keys elsewhere, and each change searches")
    mutating func lettersFilter() {
        openList()
        var searches: [String] = []
        for key: Key in [.character("y"), .character("q"), .character("n"), .character("世")] {
            for case let .searchConversations(_, query) in press(key) { searches.append(query) }
        }
        #expect(searches == ["y", "yq", "yqn", "yqn世"])
        let pasted = reduce(&state, .textEntered("a\nb"))
        #expect(pasted == [.searchConversations(search: list?.requestedSearch ?? -1, query: "yqn世a b")])
        _ = press(.backspace, .ctrl("w"))
        #expect(list?.filter.text == "")
        #expect(state.overlay != nil)
    }

    @Test("a pasted line break in the filter is a space: it does not open anything")
    mutating func pasteIntoFilter() {
        openList()
        _ = press(.pasteBegin)
        _ = reduce(&state, .textEntered("two"))
        let effects = press(.enter)
        _ = reduce(&state, .textEntered("words"))
        _ = press(.pasteEnd)
        #expect(!effects.contains { if case .openConversation = $0 { return true } else { return false } })
        #expect(list?.filter.text == "two words")
        #expect(state.overlay != nil)
    }

    @Test("results of an older search are dropped")
    mutating func staleResults() {
        openList()
        let older = list?.requestedSearch ?? 0
        _ = press(.character("x"))
        _ = reduce(&state, .conversationsFound(search: older, [], readAt: Fixtures.date))
        #expect(list?.matches == matches)
        _ = reduce(&state, .conversationsFound(search: older + 1, [matches[2]], readAt: Fixtures.date))
        #expect(list?.matches == [matches[2]])
        #expect(list?.selection == 1, "a filtered list selects its first hit")
    }

    @Test("arrows and pages move within the entries")
    mutating func moving() {
        openList()
        _ = press(.down, .down, .down)
        #expect(list?.selection == 3)
        _ = press(.pageUp)
        #expect(list?.selection == 0)
        _ = press(.end)
        #expect(list?.selection == 3)
        _ = press(.up)
        #expect(list?.selection == 2)
    }

    @Test("a page in the list is the rows the layout shows, entries of two rows counted twice (it was a guessed 10)")
    func listPagesByLayout() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))
        // Full-text hits: each takes two rows (its excerpt); "new conversation" takes one.
        let hits = (1...30).map { ConversationMatch(summary: Fixtures.summary(id: Int64($0), title: "Hit \($0)"),
                                                    messageID: Int64($0), snippet: "…word…") }
        _ = reduce(&state, .overlayRowsMeasured(10))
        let search = reduce(&state, .keyPressed(.ctrl("o")))
        guard case let .searchConversations(number, _) = search.first else { Issue.record("no search"); return }
        _ = reduce(&state, .conversationsFound(search: number, hits, readAt: Fixtures.date))
        _ = reduce(&state, .keyPressed(.home))
        // 10 rows less the header (3) and the footer (1): six rows, three hits.
        _ = reduce(&state, .keyPressed(.pageDown))
        #expect(state.conversationList?.selection == 3)
        _ = reduce(&state, .keyPressed(.pageDown))
        #expect(state.conversationList?.selection == 6)
        _ = reduce(&state, .keyPressed(.pageUp))
        #expect(state.conversationList?.selection == 3)
        _ = reduce(&state, .keyPressed(.pageUp))
        #expect(state.conversationList?.selection == 0, "three rows above: two hits and “new”")

        // A taller window, one-row entries: a page is all 26 rows.
        let titles = (1...40).map { ConversationMatch(summary: Fixtures.summary(id: Int64($0), title: "T\($0)")) }
        _ = reduce(&state, .overlayRowsMeasured(30))
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        _ = reduce(&state, .conversationsFound(search: state.conversationList?.requestedSearch ?? 0, titles,
                                               readAt: Fixtures.date))
        _ = reduce(&state, .keyPressed(.home))
        _ = reduce(&state, .keyPressed(.pageDown))
        #expect(state.conversationList?.selection == 26)
        _ = reduce(&state, .keyPressed(.pageDown))
        #expect(state.conversationList?.selection == 40, "stops at the last entry")
    }

    @Test("a pasted line break while renaming is a space in the title; y typed as text answers the delete question")
    mutating func textWhileAsking() {
        openList()
        _ = press(.function(2), .ctrl("u"), .pasteBegin)
        _ = reduce(&state, .textEntered("two"))
        #expect(press(.enter).isEmpty, "not saved")
        _ = reduce(&state, .textEntered("lines"))
        _ = press(.pasteEnd)
        guard case let .renaming(id, title) = list?.mode else { Issue.record("not renaming"); return }
        #expect(id == 2 && title.text == "two lines")
        _ = press(.ctrl("a"), .ctrl("k"), .escape)
        #expect(list?.mode == .browsing)
        _ = press(.up, .delete)
        #expect(reduce(&state, .textEntered("Yes")).first == .deleteConversation(3))
        #expect(list?.matches.map(\.id) == [2, 1])
        _ = press(.delete)
        #expect(reduce(&state, .textEntered("no")).isEmpty)
        #expect(list?.mode == .browsing)
    }

    @Test("Enter on a full-text hit opens it at the matching message with the words marked")
    mutating func openHit() {
        openList()
        _ = reduce(&state, .textEntered("word"))
        _ = reduce(&state, .conversationsFound(search: list?.requestedSearch ?? 0, [matches[2]], readAt: Fixtures.date))
        #expect(press(.enter) == [.openConversation(1, focus: 41, words: ["word"])])

        let saved = Fixtures.conversation(id: 1, title: "One", [
            StoredMessage(id: 40, role: .user, text: "q"), StoredMessage(id: 41, role: .assistant, text: "the word"),
            StoredMessage(id: 42, role: .user, text: "later"),
        ])
        _ = reduce(&state, .conversationLoaded(saved, focus: 41, words: ["word"]))
        #expect(state.overlay == nil)
        #expect(state.conversation.id == 1)
        let focused = state.messages[1]
        #expect(focused.storedID == 41)
        #expect(state.scroll == .pinned(TranscriptAnchor(messageID: focused.id, line: 0, seekingWords: ["word"])))
        #expect(state.highlight == TranscriptHighlight(messageID: focused.id, words: ["word"]))
    }

    @Test("Enter on the open conversation just closes; on “new” starts a new one")
    mutating func openCurrentOrNew() {
        openList()
        #expect(press(.enter).isEmpty)
        #expect(state.overlay == nil)
        #expect(state.conversation.id == 2)
        openList()
        _ = press(.home, .enter)
        #expect(state.overlay == nil)
        #expect(state.conversation.id == nil)
        #expect(state.messages.isEmpty)
    }

    @Test("F2 renames inline; Enter saves the new title")
    mutating func rename() {
        openList()
        _ = press(.function(2))
        #expect(list?.mode == .renaming(2, InputBuffer("Two")))
        _ = press(.ctrl("u"))
        _ = reduce(&state, .textEntered("Renamed yq"))
        let effects = press(.enter)
        #expect(effects == [.renameConversation(2, title: "Renamed yq")])
        #expect(list?.mode == .browsing)
        #expect(list?.matches[1].summary.title == "Renamed yq")
        #expect(state.conversation.title == "Renamed yq", "the open conversation's title follows")
        // Ctrl-R in the list renames; it must not ask the API again (Ctrl-R in the chat).
        #expect(press(.ctrl("r")).isEmpty, "no request, no save")
        #expect(list?.mode == .renaming(2, InputBuffer("Renamed yq")))
        _ = press(.escape)
        #expect(list?.mode == .browsing)
        #expect(state.overlay != nil, "Esc leaves renaming, not the list")
    }

    @Test("Del asks first: y deletes, any other key keeps")
    mutating func delete() {
        openList()
        _ = press(.up)
        #expect(list?.selectedMatch?.id == 3)
        _ = press(.delete)
        #expect(list?.mode == .confirmingDelete(3))
        #expect(press(.character("n")).isEmpty)
        #expect(list?.matches.count == 3)
        _ = press(.ctrl("d"))
        let deleted = press(.character("y"))
        #expect(deleted.first == .deleteConversation(3))
        #expect(deleted.dropFirst().first == .searchConversations(search: list?.requestedSearch ?? -1, query: ""),
                "listed again after the delete, so an older search cannot bring it back")
        #expect(list?.matches.map(\.id) == [2, 1])
        #expect(state.conversation.id == 2, "another conversation was deleted: this one stays open")
    }

    @Test("results arriving while renaming or deleting keep the question on its conversation")
    mutating func resultsDuringQuestions() {
        openList()
        _ = press(.up, .delete)
        #expect(list?.mode == .confirmingDelete(3))
        let search = list?.requestedSearch ?? 0
        _ = reduce(&state, .conversationsFound(search: search, [matches[1], matches[0]], readAt: Fixtures.date))
        #expect(list?.selectedMatch?.id == 3, "the selection follows the conversation being asked about")
        #expect(press(.character("y")).first == .deleteConversation(3))

        _ = press(.function(2))
        let renaming = list?.mode
        _ = reduce(&state, .conversationsFound(search: list?.requestedSearch ?? 0, [matches[2]], readAt: Fixtures.date))
        #expect(renaming == .renaming(2, InputBuffer("Two")))
        #expect(list?.mode == .browsing, "the conversation went away: the question is dropped")
    }

    @Test("a load arriving for a list closed or a conversation deleted meanwhile is ignored")
    mutating func staleLoad() {
        let saved = Fixtures.conversation(id: 3, title: "Three", [StoredMessage(role: .user, text: "x")])
        _ = reduce(&state, .conversationLoaded(saved, focus: nil, words: []))
        #expect(state.conversation.id == 2, "no list asked for it")
        openList()
        _ = press(.up)
        #expect(press(.enter) == [.openConversation(3, focus: nil, words: [])])
        _ = press(.delete, .character("y"))
        _ = reduce(&state, .conversationLoaded(saved, focus: nil, words: []))
        #expect(state.conversation.id == 2)
        _ = press(.escape)
    }

    @Test("opening another conversation mid-reply stops the reply and saves it before loading")
    mutating func openWhileStreaming() {
        _ = reduce(&state, .textEntered("go on"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvent(1, .content("partial")))
        openList()
        _ = press(.up)
        let effects = press(.enter)
        #expect(effects.withoutSaves == [.cancelReply(1), .openConversation(3, focus: nil, words: [])])
        #expect(effects.saves.map(\.message.status) == [.stopped])
    }

    @Test("every binding in the list's key table names a distinct key, and none is a plain letter")
    func listKeyMapHasNoConflicts() {
        let keys = ListKeyMap.bindings.map(\.key)
        #expect(Set(keys).count == keys.count)
        #expect(!keys.contains { if case .character = $0 { return true } else { return false } })
    }

    @Test("deleting the open conversation leaves an empty new one")
    mutating func deleteOpen() {
        openList()
        _ = press(.delete, .character("y"))
        #expect(state.conversation.id == nil)
        #expect(state.messages.isEmpty)
    }
}
