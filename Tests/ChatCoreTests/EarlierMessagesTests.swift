import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

/// A long conversation's transcript as a window: a marker above it, earlier pages put
/// in front as the view nears the top, and a request waiting for the history it may take.
@Suite struct EarlierMessagesTests {
    /// Messages `range` of a branch of alternating questions and answers, ids 1…, each the
    /// child of the one before.
    static func branch(_ range: ClosedRange<Int64>) -> [StoredMessage] {
        range.map { id in
            StoredMessage(id: id, parentID: id == 1 ? nil : id - 1, role: id % 2 == 1 ? .user : .assistant,
                          text: (id % 2 == 1 ? "question " : "answer ") + String(id), model: id % 2 == 1 ? nil : "kimi-k2.6")
        }
    }

    /// Messages 81–100 of 100 read, as the store reads a window.
    static func window() -> SavedConversation {
        var saved = SavedConversation(summary: Fixtures.summary(id: 7, messages: 100),
                                      tree: MessageTree(messages: branch(81...100), currentLeaf: 100))
        saved.window = LoadedWindow(oldestOnBranch: 81, parentOfOldest: 80, unexplored: [], notLoaded: 80)
        return saved
    }

    static func page(_ range: ClosedRange<Int64>, notLoaded: Int) -> (messages: [StoredMessage], window: LoadedWindow?) {
        let first = range.lowerBound
        return (branch(range), first == 1 ? nil
            : LoadedWindow(oldestOnBranch: first, parentOfOldest: first - 1, unexplored: [], notLoaded: notLoaded))
    }

    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), reopening: EarlierMessagesTests.window(),
                         models: Fixtures.models)

    @Test func theWindowOpensWithAMarkerAboveIt() {
        #expect(state.messages.first?.kind == .notice)
        #expect(state.messages.first?.text.contains("80 earlier messages") == true)
        #expect(state.messages.dropFirst().first?.text == "question 81")
        #expect(state.messages.last?.text == "answer 100")
        #expect(state.earlier?.oldestRow == 81)
    }

    @Test mutating func nearTheTopThePageBeforeComesInFrontAndTheViewStays() {
        let top = state.messages[1].id
        let effects = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: top, line: 0))))
        #expect(effects == [.loadEarlierMessages(7, above: 81, count: EarlierMessages.pageSize)])
        #expect(state.messages.first?.text == "Reading earlier messages…")
        #expect(reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: top, line: 0)))).isEmpty,
                "one page at a time")

        let (messages, window) = Self.page(41...80, notLoaded: 40)
        _ = reduce(&state, .earlierMessagesLoaded(7, above: 81, messages, window))
        let turns = state.messages.filter(\.isTurn)
        let expected: [String] = (41...100).map { (id: Int) -> String in (id % 2 == 1 ? "question " : "answer ") + String(id) }
        #expect(turns.map(\.text) == expected)
        #expect(state.messages.first?.text.contains("40 earlier messages") == true)
        #expect(zip(state.messages, state.messages.dropFirst()).allSatisfy { $0.id < $1.id }, "ids stay in order")
        #expect(state.tree.parent(of: turns[40].id) == turns[39].id, "81 now follows 80")
        #expect(state.tree.shownPath.count == 60)
        #expect(state.scroll == .pinned(TranscriptAnchor(messageID: top, line: 0)), "the view stays on what it showed")

        let (first, none) = Self.page(1...40, notLoaded: 0)
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: turns[0].id, line: 0))))
        _ = reduce(&state, .earlierMessagesLoaded(7, above: 41, first, none))
        #expect(state.messages.filter(\.isTurn).count == 100)
        #expect(state.messages.first?.text == "question 1", "no marker once the first question is in")
        #expect(state.earlier == nil)
    }

    @Test mutating func aRequestWhoseHistoryTookEverythingReadWaitsForTheRest() {
        _ = reduce(&state, .textEntered("and now?"))
        let asked = reduce(&state, .keyPressed(.enter)).withoutSaves
        #expect(asked == [.loadEarlierMessages(7, above: 81, count: EarlierMessages.historyPage)])
        #expect(state.activeReply == nil)
        #expect(reduce(&state, .keyPressed(.enter)).withoutSaves.isEmpty, "nothing more is sent meanwhile")

        let (messages, window) = Self.page(1...80, notLoaded: 0)
        let effects = reduce(&state, .earlierMessagesLoaded(7, above: 81, messages, window))
        guard case let .startReply(_, request)? = effects.first(where: { if case .startReply = $0 { true } else { false } })
        else {
            Issue.record("no request after the history came in: \(effects)")
            return
        }
        #expect(request.turns.first?.content == "question 1", "the whole branch fits kimi-k2.6's window")
        #expect(request.turns.last?.content == "and now?")
        #expect(request.turns.count == 101)
    }

    /// Message 100 has another version (101) whose follow-up (102) was not read.
    @Test func aVersionWhoseBranchWasNotReadOpensThroughAWholeRead() {
        var messages = Self.branch(81...100)
        messages.append(StoredMessage(id: 101, parentID: 99, role: .assistant, text: "answer 100, again"))
        var saved = SavedConversation(summary: Fixtures.summary(id: 7, messages: 102),
                                      tree: MessageTree(messages: messages, currentLeaf: 100))
        saved.window = LoadedWindow(oldestOnBranch: 81, parentOfOldest: 80, unexplored: [101], notLoaded: 81)
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), reopening: saved,
                             models: Fixtures.models)
        #expect(state.messages.last?.branch == BranchPosition(number: 1, count: 2))
        #expect(reduce(&state, .keyPressed(.altRight)) == [.openConversation(7, focus: 101, words: [])])

        var whole = Self.branch(1...100)
        whole.append(StoredMessage(id: 101, parentID: 99, role: .assistant, text: "answer 100, again"))
        whole.append(StoredMessage(id: 102, parentID: 101, role: .user, text: "question after the other version"))
        let effects = reduce(&state, .conversationLoaded(SavedConversation(summary: Fixtures.summary(id: 7, messages: 102),
                                                                          tree: MessageTree(messages: whole, currentLeaf: 100)),
                                                        focus: 101, words: []))
        #expect(state.messages.filter(\.isTurn).suffix(2).map(\.text) == ["answer 100, again", "question after the other version"])
        #expect(effects.contains { if case .selectBranch = $0 { true } else { false } }, "the database is told")
    }

    @Test mutating func theHistoryIsReadAheadAfterTheFirstFrameSoEnterSendsAtOnce() {
        #expect(reduce(&state, .firstFrameDrawn) == [.loadEarlierMessages(7, above: 81, count: EarlierMessages.historyPage)])
        // Enter while the page is on its way: the request waits for it, no second read.
        var waiting = state
        _ = reduce(&waiting, .textEntered("and now?"))
        #expect(reduce(&waiting, .keyPressed(.enter)).withoutSaves.isEmpty)
        #expect(waiting.earlier?.waitingReply != nil)

        let (messages, window) = Self.page(1...80, notLoaded: 0)
        _ = reduce(&state, .earlierMessagesLoaded(7, above: 81, messages, window))
        _ = reduce(&state, .textEntered("and now?"))
        let effects = reduce(&state, .keyPressed(.enter)).withoutSaves
        #expect(effects.contains { if case .startReply = $0 { true } else { false } }, "\(effects)")
    }

    @Test mutating func aFailedReadSendsTheWaitingRequestWithWhatWasReadAndCtrlRWaitsMeanwhile() {
        _ = reduce(&state, .textEntered("and now?"))
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.earlier?.waitingReply != nil)
        #expect(reduce(&state, .keyPressed(.ctrl("r"))).withoutSaves.isEmpty, "no second request")
        let effects = reduce(&state, .storageFailed("database is locked"))
        guard case let .startReply(_, request)? = effects.first(where: { if case .startReply = $0 { true } else { false } })
        else {
            Issue.record("the waiting request was not sent: \(effects)")
            return
        }
        #expect(request.turns.first?.content == "question 81", "the history read")
        #expect(state.earlier?.isLoading == false)
        #expect(readEarlier(&state, count: 1).isEmpty, "no more reads this time")
    }

    @Test mutating func aPageForAnotherConversationOrPlaceIsIgnored() {
        let before = state.messages
        let (messages, window) = Self.page(41...80, notLoaded: 40)
        _ = reduce(&state, .earlierMessagesLoaded(8, above: 81, messages, window))
        _ = reduce(&state, .earlierMessagesLoaded(7, above: 61, messages, window))
        #expect(state.messages == before)
    }
}
