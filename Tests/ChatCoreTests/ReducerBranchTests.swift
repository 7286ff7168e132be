import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

/// Versions and branches in the chat: Ctrl-R and Alt-E make siblings, Alt-Left and
/// Alt-Right flip between them, Ctrl-X F forks, Ctrl-X T goes anywhere in the tree.
@Suite("Reducer: branches")
struct ReducerBranchTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: Fixtures.models)

    mutating func send(_ text: String) -> [AppEffect] {
        _ = reduce(&state, .textEntered(text))
        return reduce(&state, .keyPressed(.enter))
    }

    mutating func answer(_ text: String) {
        let id = state.activeReply!.requestID
        _ = reduce(&state, .streamEvent(id, .content(text)))
        _ = reduce(&state, .streamEvent(id, .finished(.stop)))
        _ = reduce(&state, .streamEvent(id, .done))
    }

    mutating func exchange(_ question: String, _ reply: String) {
        _ = send(question)
        answer(reply)
    }

    static func requests(_ effects: [AppEffect]) -> [ChatRequest] {
        effects.compactMap { if case let .startReply(_, request) = $0 { request } else { nil } }
    }

    static func saves(_ effects: [AppEffect]) -> [MessageSave] {
        effects.compactMap { if case let .saveMessage(save) = $0 { save } else { nil } }
    }

    var shown: [String] { state.messages.filter(\.isTurn).map(\.text) }

    /// Ids grow along the transcript whatever branch shows: the view's lookups need it.
    func expectIDsInOrder(sourceLocation: SourceLocation = #_sourceLocation) {
        let ids = state.messages.map(\.id)
        #expect(ids == ids.sorted(), "transcript ids in order: \(ids)", sourceLocation: sourceLocation)
    }

    @Test("Ctrl-R: the new reply takes the old one's place, marked 2/2, saved under the same question; both kept")
    mutating func regenerateIntoSibling() {
        exchange("Q1", "A1")
        let question = state.messages[0].id
        let effects = reduce(&state, .keyPressed(.ctrl("r")))
        #expect(Self.requests(effects).first?.turns.map(\.content) == ["Q1"])
        #expect(Self.saves(effects).first?.parent == .local(question), "saved beside the old reply")
        answer("A1 again")
        #expect(shown == ["Q1", "A1 again"])
        #expect(state.messages[1].branch == BranchPosition(number: 2, count: 2))

        let flipped = reduce(&state, .keyPressed(.altLeft))
        #expect(shown == ["Q1", "A1"])
        #expect(state.messages[1].branch == BranchPosition(number: 1, count: 2), "the old one learns it has a sibling")
        #expect(flipped == [.selectBranch(state.conversation, leaf: .local(state.messages[1].id))])
        #expect(state.statusNote == "Version 1 of 2.")
        _ = reduce(&state, .keyPressed(.altLeft))
        #expect(state.statusNote == "This is the first of 2 versions.")
        _ = reduce(&state, .keyPressed(.altRight))
        #expect(shown == ["Q1", "A1 again"])
        expectIDsInOrder()
    }

    @Test("Alt-E edits the last question; Enter sends it beside the old one, with only the turns before it")
    mutating func editLastQuestion() {
        exchange("Q1", "A1")
        exchange("Q2 with a typo", "A2")
        _ = reduce(&state, .textEntered("a draft"))
        _ = reduce(&state, .keyPressed(.alt("e")))
        #expect(state.input.text == "Q2 with a typo")
        #expect(state.editing != nil)
        _ = reduce(&state, .keyPressed(.escape))
        #expect(state.input.text == "a draft", "Esc brings the draft back")
        #expect(state.editing == nil)

        _ = reduce(&state, .keyPressed(.ctrl("u")))
        _ = reduce(&state, .keyPressed(.alt("e")))
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        let reply = state.messages[1].id
        let effects = send("Q2 fixed")
        #expect(Self.requests(effects).first?.turns.map(\.content) == ["Q1", "A1", "Q2 fixed"])
        #expect(Self.saves(effects).first?.parent == .local(reply), "the new version goes under the first answer")
        #expect(shown == ["Q1", "A1", "Q2 fixed", ""])
        #expect(state.messages[2].branch == BranchPosition(number: 2, count: 2))
        answer("A2 fixed")
        #expect(state.input.text.isEmpty)

        // Alt-Left flips the nearest message with versions: the question, with its answer.
        _ = reduce(&state, .keyPressed(.altLeft))
        #expect(shown == ["Q1", "A1", "Q2 with a typo", "A2"])
        // The next question continues the branch shown.
        let third = send("Q3")
        #expect(Self.requests(third).first?.turns.map(\.content) == ["Q1", "A1", "Q2 with a typo", "A2", "Q3"])
        #expect(Self.saves(third).first?.parent == nil, "continuing a branch: after its end, as the database has it")
        expectIDsInOrder()
    }

    @Test("Alt-E while scrolled edits the question at the top of the view, or the one the reply there answers")
    mutating func editScrolledQuestion() {
        exchange("Q1", "A1")
        exchange("Q2", "A2")
        state.scroll = .pinned(TranscriptAnchor(messageID: state.messages[1].id, line: 0))
        _ = reduce(&state, .keyPressed(.alt("e")))
        #expect(state.input.text == "Q1")
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        let effects = send("Q1 again")
        #expect(Self.requests(effects).first?.turns.map(\.content) == ["Q1 again"])
        #expect(Self.saves(effects).first?.parent == .root, "a new version of the first question is a root")
        #expect(shown == ["Q1 again", ""])
        expectIDsInOrder()
    }

    @Test("Ctrl-X Ctrl-E works on the question being edited, and Enter still sends it as a new version")
    mutating func editInEditor() {
        exchange("Q1", "A1")
        _ = reduce(&state, .keyPressed(.alt("e")))
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        #expect(reduce(&state, .keyPressed(.ctrl("e"))) == [.editExternally("Q1")])
        _ = reduce(&state, .externalEditFinished(.success("Q1, rewritten in the editor\n")))
        #expect(state.editing != nil)
        let effects = reduce(&state, .keyPressed(.enter))
        #expect(Self.requests(effects).first?.turns.map(\.content) == ["Q1, rewritten in the editor"])
        #expect(state.messages[0].branch == BranchPosition(number: 2, count: 2))
    }

    @Test("Ctrl-C ends an edit as Esc does; after an edit is sent, the draft typed before Alt-E comes back")
    mutating func draftComesBack() {
        exchange("Q1", "A1")
        _ = reduce(&state, .textEntered("my draft"))
        _ = reduce(&state, .keyPressed(.alt("e")))
        _ = reduce(&state, .keyPressed(.ctrl("c")))
        #expect(state.editing == nil)
        #expect(state.input.text == "my draft")
        _ = reduce(&state, .keyPressed(.alt("e")))
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        _ = send("Q1, edited")
        #expect(state.input.text == "my draft", "nothing typed is lost")
    }

    @Test("while a reply streams, the outline shows every branch but goes only to questions on the one shown")
    mutating func outlineWhileStreaming() {
        exchange("Q1", "A1")
        exchange("Q2", "A2")
        _ = reduce(&state, .keyPressed(.alt("e")))
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        _ = send("Q2, edited")
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .textEntered("t"))
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.outline?.selected?.firstLine == "Q2")
        _ = reduce(&state, .keyPressed(.enter))
        #expect(shown == ["Q1", "A1", "Q2, edited", ""], "the streaming reply stays on screen")
        #expect(state.statusNote?.contains("still streaming") == true)
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .textEntered("t"))
        _ = reduce(&state, .keyPressed(.home))
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.scroll == .pinned(TranscriptAnchor(messageID: state.messages[0].id, line: 0)))
    }

    @Test("a paste after Ctrl-X ends the chord: a letter typed after it is only a letter")
    mutating func pasteEndsChord() {
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .keyPressed(.pasteBegin))
        _ = reduce(&state, .keyPressed(.character("x")))
        _ = reduce(&state, .keyPressed(.pasteEnd))
        _ = reduce(&state, .textEntered("t"))
        #expect(state.overlay == nil)
        #expect(state.input.text == "xt")
    }

    @Test("Alt-E and the flips only explain while a reply streams, or when there is nothing to act on")
    mutating func refusals() {
        _ = reduce(&state, .keyPressed(.alt("e")))
        #expect(state.statusNote == "No message of yours to edit yet.")
        _ = reduce(&state, .keyPressed(.altLeft))
        #expect(state.statusNote?.hasPrefix("No message here has other versions") == true)
        _ = send("Q1")
        #expect(reduce(&state, .keyPressed(.alt("e"))).isEmpty)
        #expect(state.statusNote?.contains("still streaming") == true)
        #expect(reduce(&state, .keyPressed(.altRight)).isEmpty)
        #expect(state.editing == nil)
    }

    @Test("a failed reply regenerated: the error goes with the failed version, and comes back with it")
    mutating func failedReplyIsAVersion() {
        _ = send("Q1")
        _ = reduce(&state, .streamFailed(1, .interrupted("the connection broke")))
        #expect(state.messages.map(\.kind) == [.user, .error])
        _ = reduce(&state, .keyPressed(.ctrl("r")))
        answer("A1")
        #expect(state.messages.map(\.kind) == [.user, .assistant])
        _ = reduce(&state, .keyPressed(.altLeft))
        #expect(state.messages.map(\.kind) == [.user, .error])
        #expect(state.statusNote == "Version 1 of 2: it failed before any text came.")
        expectIDsInOrder()
    }

    @Test("Ctrl-X F forks the whole branch while following, and up to the top message while scrolled")
    mutating func fork() {
        exchange("Q1", "A1")
        exchange("Q2", "A2")
        state.conversation.title = "Chat"
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        let whole = reduce(&state, .keyPressed(.character("f")))
        guard case let .forkConversation(all) = whole.first, whole.count == 1 else {
            Issue.record("no fork: \(whole)")
            return
        }
        #expect(all.title == "Chat (fork)")
        #expect(all.model == "kimi-k2.6")
        #expect(all.messages.map(\.text) == ["Q1", "A1", "Q2", "A2"])
        state.scroll = .pinned(TranscriptAnchor(messageID: state.messages[1].id, line: 0))
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        let part = reduce(&state, .keyPressed(.ctrl("f")))
        guard case let .forkConversation(fork) = part.first else {
            Issue.record("no fork: \(part)")
            return
        }
        #expect(fork.messages.map(\.text) == ["Q1", "A1"])
        #expect(fork.messages.map(\.role) == [.user, .assistant])

        let saved = SavedConversation(summary: ConversationSummary(id: 9, title: "Chat (fork)", model: "kimi-k2.6",
                                                                   createdAt: .now, updatedAt: .now, messageCount: 2),
                                      messages: [StoredMessage(id: 1, role: .user, text: "Q1"),
                                                 StoredMessage(id: 2, role: .assistant, text: "A1")])
        _ = reduce(&state, .conversationForked(saved))
        #expect(state.conversation.id == 9)
        #expect(shown == ["Q1", "A1"])
        #expect(state.statusNote?.contains("Chat (fork)") == true)
    }

    @Test("Ctrl-X T lists every question on every branch; Enter shows the chosen one's branch, scrolled to it")
    mutating func outline() {
        exchange("Q1", "A1")
        exchange("Q2 old", "A2 old")
        _ = reduce(&state, .keyPressed(.alt("e")))
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        exchange("Q2 new", "A2 new")
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .keyPressed(.character("t")))
        let rows = state.outline?.rows ?? []
        #expect(rows.map(\.firstLine) == ["Q1", "Q2 old", "Q2 new"])
        #expect(rows.map(\.depth) == [0, 1, 1])
        #expect(rows.map(\.isOnCurrentBranch) == [true, false, true])
        #expect(state.outline?.selected?.firstLine == "Q2 new", "the question shown last is selected")

        _ = reduce(&state, .textEntered("old"))
        #expect(state.outline?.shown.map(\.firstLine) == ["Q2 old"])
        let effects = reduce(&state, .keyPressed(.enter))
        #expect(state.overlay == nil)
        #expect(shown == ["Q1", "A1", "Q2 old", "A2 old"])
        let question = state.messages[2].id
        #expect(state.scroll == .pinned(TranscriptAnchor(messageID: question, line: 0)))
        #expect(effects == [.selectBranch(state.conversation, leaf: .local(state.messages[3].id))])
    }

    @Test("a saved tree opens on its current branch; the others wait, with their errors and versions")
    mutating func loadedTree() {
        let messages = [
            StoredMessage(id: 1, role: .user, text: "Q1"),
            StoredMessage(id: 2, parentID: 1, role: .assistant, text: "", status: .error, errorMessage: "failed"),
            StoredMessage(id: 3, parentID: 1, role: .assistant, text: "A1"),
            StoredMessage(id: 4, parentID: 3, role: .user, text: "Q2"),
            StoredMessage(id: 5, parentID: 4, role: .assistant, text: "A2"),
        ]
        let summary = ConversationSummary(id: 3, title: "T", model: "kimi-k2.6", createdAt: .now, updatedAt: .now,
                                          messageCount: 5)
        state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true),
                         reopening: SavedConversation(summary: summary,
                                                      tree: MessageTree(messages: messages, currentLeaf: 5)),
                         models: Fixtures.models)
        #expect(shown == ["Q1", "A1", "Q2", "A2"])
        #expect(state.messages[1].branch == BranchPosition(number: 2, count: 2))
        _ = reduce(&state, .keyPressed(.altLeft))
        #expect(state.messages.map(\.kind) == [.user, .error])
        #expect(state.messages[1].text == "failed")
        expectIDsInOrder()
        // Rows known from loading: a new version goes under its parent's row.
        #expect(Self.saves(reduce(&state, .keyPressed(.ctrl("r")))).first?.parent == .row(1))
    }

    @Test("a saved tree whose parents have higher ids than their children opens in branch order all the same")
    mutating func parentsNumberedAfterChildren() {
        let messages = [
            StoredMessage(id: 2, parentID: 5, role: .assistant, text: "A1"),
            StoredMessage(id: 3, parentID: 2, role: .user, text: "Q2"),
            StoredMessage(id: 4, parentID: 3, role: .assistant, text: "A2"),
            StoredMessage(id: 5, parentID: 7, role: .user, text: "Q1"),
            StoredMessage(id: 6, parentID: 5, role: .assistant, text: "A1, again"),
            StoredMessage(id: 7, role: .user, text: "a first question"),
            StoredMessage(id: 8, parentID: 7, role: .assistant, text: "its answer"),
        ]
        #expect(AppState.parentsFirst(MessageTree(messages: messages, currentLeaf: 4)) == [7, 5, 2, 3, 4, 6, 8])
        let summary = ConversationSummary(id: 3, title: "T", model: "kimi-k2.6", createdAt: .now, updatedAt: .now,
                                          messageCount: 7)
        state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true),
                         reopening: SavedConversation(summary: summary,
                                                      tree: MessageTree(messages: messages, currentLeaf: 4)),
                         models: Fixtures.models)
        #expect(shown == ["a first question", "Q1", "A1", "Q2", "A2"])
        expectIDsInOrder()
        _ = reduce(&state, .keyPressed(.altRight))
        #expect(shown == ["a first question", "Q1", "A1, again"])
    }

    @Test("a search hit on another branch opens that branch, and the database is told")
    mutating func searchHitOnOtherBranch() {
        let messages = [
            StoredMessage(id: 1, role: .user, text: "Q1"),
            StoredMessage(id: 2, parentID: 1, role: .assistant, text: "needle here"),
            StoredMessage(id: 3, parentID: 1, role: .assistant, text: "A1 newer"),
        ]
        let summary = ConversationSummary(id: 4, title: "T", model: "kimi-k2.6", createdAt: .now, updatedAt: .now,
                                          messageCount: 3)
        var list = ConversationList()
        list.opening = 4
        state.overlay = .conversations(list)
        let effects = reduce(&state, .conversationLoaded(SavedConversation(summary: summary,
                                                                           tree: MessageTree(messages: messages,
                                                                                             currentLeaf: 3)),
                                                         focus: 2, words: ["needle"]))
        #expect(shown == ["Q1", "needle here"])
        #expect(effects == [.selectBranch(state.conversation, leaf: .row(2))])
        #expect(state.highlight?.messageID == state.messages[1].id)
    }

    @Test("a message's first save tells its row: versions made after go under it by row")
    mutating func rowsLearned() {
        exchange("Q1", "A1")
        let question = state.messages[0].id
        _ = reduce(&state, .messageStored(conversationKey: state.conversation.key, localID: question, row: 40,
                                          at: Date(timeIntervalSince1970: 1000)))
        #expect(state.messages[0].createdAt == Date(timeIntervalSince1970: 1000))
        #expect(state.messages[0].version == 0, "nothing to lay out again")
        let effects = reduce(&state, .keyPressed(.ctrl("r")))
        #expect(Self.saves(effects).first?.parent == .row(40))
        // Another conversation's report changes nothing here.
        _ = reduce(&state, .messageStored(conversationKey: state.conversation.key + 1, localID: question, row: 99,
                                          at: .now))
        #expect(state.tree.row(of: question) == 40)
    }

    @Test("flipping back and forth many times keeps every version and the transcript in id order")
    mutating func manyFlips() {
        exchange("Q1", "A1 v1")
        for version in 2...5 {
            _ = reduce(&state, .keyPressed(.ctrl("r")))
            answer("A1 v\(version)")
        }
        exchange("follow", "reply")
        #expect(state.tree.count == 1 + 5 + 2)
        for _ in 0..<4 { _ = reduce(&state, .keyPressed(.altLeft)) }
        #expect(state.statusNote == "Version 1 of 5.")
        #expect(shown == ["Q1", "A1 v1"])
        expectIDsInOrder()
        for _ in 0..<4 { _ = reduce(&state, .keyPressed(.altRight)) }
        #expect(state.statusNote == "Version 5 of 5.")
        #expect(shown == ["Q1", "A1 v5", "follow", "reply"], "the version with a follow-up brings it back")
        expectIDsInOrder()
    }
}
