import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

/// Another window has the same conversation open: the facts the runtime reports, and
/// what the reducer makes of them.
@Suite("Reducer: the conversation changed in another window")
struct ReducerElsewhereTests {
    var state: AppState

    init() {
        state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true),
                         reopening: Fixtures.exchanges(id: 7, count: 2))
    }

    /// The saved conversation with the other window's round added.
    static func withOtherWindowsRound(title: String = "Saved") -> SavedConversation {
        Fixtures.conversation(id: 7, title: title, [
            StoredMessage(role: .user, text: "question 0"),
            StoredMessage(role: .assistant, text: "answer 1", model: "kimi-k2.6"),
            StoredMessage(role: .user, text: "from the other window"),
            StoredMessage(role: .assistant, text: "its answer", model: "kimi-k2.6"),
        ])
    }

    mutating func send(_ text: String) -> [AppEffect] {
        _ = reduce(&state, .textEntered(text))
        return reduce(&state, .keyPressed(.enter))
    }

    static func sentTurns(_ effects: [AppEffect]) -> [String]? {
        for case let .startReply(_, request) in effects { return request.turns.map(\.content) }
        return nil
    }

    @Test("reloaded while following: the other window's turns and title, still following, the draft kept")
    mutating func reloadWhileFollowing() {
        _ = reduce(&state, .textEntered("a draft"))
        let effects = reduce(&state, .conversationChangedElsewhere(Self.withOtherWindowsRound(title: "New title"),
                                                                   change: 1))
        #expect(effects.isEmpty)
        #expect(state.messages.map(\.text) == ["question 0", "answer 1", "from the other window", "its answer"])
        #expect(state.conversation.title == "New title")
        #expect(state.conversation.shownChange == 1)
        #expect(state.scroll == .following)
        #expect(state.input.text == "a draft")
        // The next request carries what the other window said.
        #expect(Self.sentTurns(reduce(&state, .keyPressed(.enter)))
            == ["question 0", "answer 1", "from the other window", "its answer", "a draft"])
    }

    @Test("reloaded while a question is being edited: still an edit of that question, and Enter sends it as one")
    mutating func reloadWhileEditing() {
        _ = reduce(&state, .textEntered("a draft"))
        _ = reduce(&state, .keyPressed(.alt("e")))
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        _ = reduce(&state, .textEntered("question 0, rewritten"))
        _ = reduce(&state, .conversationChangedElsewhere(Self.withOtherWindowsRound(), change: 1))
        #expect(state.input.text == "question 0, rewritten")
        #expect(state.statusNote == "Updated from another window.")
        #expect(Self.sentTurns(reduce(&state, .keyPressed(.enter))) == ["question 0, rewritten"],
                "a new version of the first question, not a message after the other window's")

        // The question gone from what was saved: the text stays, and the status says what Enter does now.
        state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true),
                         reopening: Fixtures.exchanges(id: 7, count: 2))
        _ = reduce(&state, .keyPressed(.alt("e")))
        _ = reduce(&state, .conversationChangedElsewhere(Fixtures.conversation(id: 7, title: "Saved", []), change: 2))
        #expect(state.editing == nil)
        #expect(state.input.text == "question 0")
        #expect(state.statusNote?.contains("the question you were editing is gone") == true)
    }

    @Test("reloaded while reading further up: the view stays on the same turn and row")
    mutating func reloadWhilePinned() {
        let answer = state.messages[1].id
        state.scroll = .pinned(TranscriptAnchor(messageID: answer, line: 3))
        _ = reduce(&state, .conversationChangedElsewhere(Self.withOtherWindowsRound(), change: 1))
        guard case let .pinned(anchor) = state.scroll else {
            Issue.record("the view jumped to the end")
            return
        }
        #expect(state.message(withID: anchor.messageID)?.text == "answer 1")
        #expect(anchor.line == 3)
    }

    @Test("not reloaded while a reply streams into the conversation; taken when offered after")
    mutating func refusedWhileStreaming() {
        _ = send("mine")
        _ = reduce(&state, .streamEvent(1, .content("partial")))
        let before = state.messages
        #expect(reduce(&state, .conversationChangedElsewhere(Self.withOtherWindowsRound(), change: 1)).isEmpty)
        #expect(state.messages == before)
        #expect(state.conversation.shownChange == 0, "so the runtime offers it again")
        #expect(state.conversationWatch?.isPaused == true)
        _ = reduce(&state, .streamEvent(1, .finished(.stop)))
        _ = reduce(&state, .streamEvent(1, .done))
        #expect(state.conversationWatch?.isPaused == false)
    }

    @Test("another conversation's change is not this one's")
    mutating func otherConversationIgnored() {
        var other = Self.withOtherWindowsRound()
        other.summary.id = 8
        let before = state.messages
        _ = reduce(&state, .conversationChangedElsewhere(other, change: 1))
        #expect(state.messages == before)
    }

    @Test("a request held back for the other window's turn is made again with them")
    mutating func heldBackRequestIsMadeAgain() throws {
        let effects = send("mine")
        guard case let .startReply(first, stale) = effects.last else {
            Issue.record("no request")
            return
        }
        #expect(stale.turns.map(\.content) == ["question 0", "answer 1", "mine"])
        // As saved: the other window's round came before our question and reply row.
        let round = Self.withOtherWindowsRound()
        let saved = SavedConversation(summary: round.summary, messages: round.messages + [
            StoredMessage(id: 200, role: .user, text: "mine"),
            StoredMessage(id: 201, role: .assistant, text: "", status: .streaming),
        ])
        let again = reduce(&state, .historyChangedBeforeSending(first, ChangedHistory(
            saved: saved, change: 3, replyRow: 201, replacesDeleted: false)))
        #expect(Self.sentTurns(again) == ["question 0", "answer 1", "from the other window", "its answer", "mine"])
        #expect(again.saves.map(\.message.id) == [201], "the reply keeps its row")
        #expect(state.messages.map(\.text) == ["question 0", "answer 1", "from the other window", "its answer",
                                               "mine", ""])
        #expect(state.conversation.shownChange == 3)
        let reply = try #require(state.activeReply)
        #expect(reply.requestID != first)
        #expect(state.messages.last?.id == reply.messageID)
        // Events of the held-back request are nobody's.
        #expect(reduce(&state, .streamEvent(first, .content("stale"))).isEmpty)
        #expect(state.messages.last?.text == "")
    }

    @Test("a reply held back between two of its requests keeps the searches it already made (they were paid for)")
    mutating func heldBackAfterASearch() throws {
        _ = reduce(&state, .keyPressed(.alt("w")))
        guard case let .startReply(first, _) = send("news?").last else {
            Issue.record("no request")
            return
        }
        let call = ToolCall(id: "s1", name: "$web_search", arguments: "{\"usage\":{\"total_tokens\":9}}")
        let searched = reduce(&state, .streamEvents(first, [
            .toolCall(ToolCallFragment(index: 0, id: call.id, name: call.name, arguments: call.arguments)),
            .finished(.toolCalls), .done,
        ]))
        guard case let .startReply(second, _)? = searched.last else {
            Issue.record("not asked again after the search")
            return
        }
        let round = Self.withOtherWindowsRound()
        var saved = SavedConversation(summary: round.summary, messages: round.messages + [
            StoredMessage(id: 200, role: .user, text: "news?"),
            StoredMessage(id: 201, role: .assistant, text: "", status: .streaming),
        ])
        saved.summary.webSearch = true
        let again = reduce(&state, .historyChangedBeforeSending(second, ChangedHistory(
            saved: saved, change: 3, replyRow: 201, replacesDeleted: false)))
        guard case let .startReply(_, request)? = again.last else {
            Issue.record("not asked again")
            return
        }
        #expect(request.turns.suffix(3).map(\.role) == [.user, .assistant, .tool], "the search goes on")
        #expect(request.turns.last?.content == call.arguments)
        #expect(state.messages.last?.searches == [SearchRound(calls: [call])])
        #expect(again.saves.last?.message.searches.count == 1, "the row keeps it")
    }

    @Test("deleted elsewhere: a notice; the next message starts a new conversation, saying so")
    mutating func deletedElsewhere() {
        _ = reduce(&state, .conversationDeletedElsewhere(7))
        #expect(state.messages.last?.kind == .notice)
        #expect(state.messages.last?.text.contains("deleted in another window") == true)
        #expect(state.conversation.deletedElsewhere)
        _ = reduce(&state, .conversationDeletedElsewhere(7))
        #expect(state.messages.filter { $0.kind == .notice }.count == 1, "said once")

        let effects = send("a fresh start")
        #expect(Self.sentTurns(effects) == ["a fresh start"], "nothing of the deleted conversation is sent")
        #expect(effects.saves.first?.conversation.id == nil, "saved as a new conversation")
        #expect(state.messages.first?.kind == .notice)
        #expect(state.messages.first?.text.contains("A new conversation") == true)
        #expect(!state.conversation.deletedElsewhere)
        #expect(state.conversation.title == "a fresh start")
    }

    @Test("deleted elsewhere just before a send: the request is made again in the new conversation")
    mutating func deletedJustBeforeSending() {
        guard case let .startReply(first, _) = send("mine").last else {
            Issue.record("no request")
            return
        }
        let saved = Fixtures.conversation(id: 9, title: "mine", [
            StoredMessage(id: 300, role: .user, text: "mine"),
            StoredMessage(id: 301, role: .assistant, text: "", status: .streaming),
        ])
        let again = reduce(&state, .historyChangedBeforeSending(first, ChangedHistory(
            saved: saved, change: 1, replyRow: 301, replacesDeleted: true)))
        #expect(Self.sentTurns(again) == ["mine"])
        #expect(state.conversation.id == 9)
        #expect(state.messages.first?.text.contains("deleted in another window") == true)
    }

    @Test("a held-back request sends its own question, even when the other window's was saved between it and its reply")
    mutating func heldBackSendsItsOwnQuestion() {
        guard case let .startReply(first, _) = send("mine").last else {
            Issue.record("no request")
            return
        }
        let round = Self.withOtherWindowsRound()
        let saved = SavedConversation(summary: round.summary, messages: round.messages + [
            StoredMessage(id: 200, role: .user, text: "mine"),
            StoredMessage(id: 202, role: .user, text: "theirs, saved between"),
            StoredMessage(id: 201, role: .assistant, text: "", status: .streaming),
        ])
        let again = reduce(&state, .historyChangedBeforeSending(first, ChangedHistory(
            saved: saved, change: 3, replyRow: 201, questionRow: 200, replacesDeleted: false)))
        #expect(Self.sentTurns(again)?.last == "mine")
    }

    @Test("Ctrl-R after the conversation was deleted elsewhere asks for nothing and says why")
    mutating func regenerateAfterDeletion() {
        _ = reduce(&state, .conversationDeletedElsewhere(7))
        let effects = reduce(&state, .keyPressed(.ctrl("r")))
        #expect(effects.isEmpty)
        #expect(state.activeReply == nil)
        #expect(state.statusNote?.contains("deleted in another window") == true)
    }

    @Test("a reload keeps the notices that stand for the whole run")
    func reloadKeepsStandingNotices() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true,
                                                    warnings: ["config.toml is readable by others"]),
                             reopening: Fixtures.exchanges(id: 7, count: 2))
        _ = reduce(&state, .conversationChangedElsewhere(Self.withOtherWindowsRound(), change: 1))
        #expect(state.messages.contains { $0.text == "config.toml is readable by others" })
    }
}
