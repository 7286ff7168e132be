import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

/// F3's find line in the reducer: typing asks the store, the hit nearest the view is
/// shown and marked, Enter and Shift-F3 step round the hits, one above the window has
/// the pages down to it read first, and Esc leaves the view where it is.
@Suite struct FindLineTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true),
                         reopening: EarlierMessagesTests.window(), models: Fixtures.models)

    /// The find the last effects asked for.
    private func asked(_ effects: [AppEffect]) -> (search: Int, leaf: MessageParent, query: String, from: StoredMessageID?)? {
        for case let .findInConversation(search, conversation, leaf, query, from) in effects where conversation.id == 7 {
            return (search, leaf, query, from)
        }
        return nil
    }

    /// The transcript message saved as `row`.
    private func node(_ row: StoredMessageID) -> Int? { state.tree.node(ofRow: row) }

    @Test mutating func typingAsksTheStoreAndTheNewestHitIsShownWhileFollowingTheEnd() throws {
        let opened = try #require(asked(reduce(&state, .keyPressed(.function(3)))), "the branch is read at once")
        #expect(opened.query == "" && opened.leaf == .row(100))
        #expect(state.find != nil)
        let typed = try #require(asked(reduce(&state, .textEntered("answer"))))
        #expect(typed.query == "answer" && typed.search > opened.search)
        #expect(state.find?.isSearching == true)

        // An older search's answer is dropped.
        _ = reduce(&state, .foundInConversation(search: opened.search, FoundInConversation(words: [])))
        #expect(state.find?.found == nil)

        let found = FoundInConversation(words: ["answer"], hits: [84, 90, 96], positions: [83, 89, 95], branchLength: 100)
        _ = reduce(&state, .foundInConversation(search: typed.search, found))
        #expect(state.find?.counter == "3 of 3")
        #expect(state.scroll == .pinned(TranscriptAnchor(messageID: try #require(node(96)), line: 0, seekingWords: ["answer"])))
        #expect(state.highlight == TranscriptHighlight(messageID: try #require(node(96)), words: ["answer"]))
        #expect(state.find?.isHit(90) == true && state.find?.isHit(91) == false)

        // Enter: round to the first; Shift-F3 and Up: back.
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.find?.counter == "1 of 3")
        #expect(state.highlight?.messageID == node(84))
        _ = reduce(&state, .keyPressed(.function(15)))
        #expect(state.find?.counter == "3 of 3")
        _ = reduce(&state, .keyPressed(.up))
        #expect(state.find?.counter == "2 of 3")
        #expect(state.scroll == .pinned(TranscriptAnchor(messageID: try #require(node(90)), line: 0, seekingWords: ["answer"])))
        _ = reduce(&state, .keyPressed(.function(3)))
        #expect(state.find?.counter == "3 of 3", "F3 on the open line: the next hit")

        // Esc: the line closes and the view stays where it is.
        let view = state.scroll
        _ = reduce(&state, .keyPressed(.escape))
        #expect(state.find == nil && state.highlight == nil)
        #expect(state.scroll == view)
        #expect(state.input.text.isEmpty, "what was typed went to the find line, not the input")
    }

    @Test mutating func scrolledTheFirstHitFromTheTopOfTheViewDown() throws {
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: try #require(node(88)), line: 0))))
        _ = reduce(&state, .keyPressed(.function(3)))
        let typed = try #require(asked(reduce(&state, .textEntered("a"))))
        #expect(typed.from == 88, "the store walks from the top of the view down")
        let found = FoundInConversation(words: ["a"], hits: [84, 90, 96], positions: [83, 89, 95], branchLength: 100)
        _ = reduce(&state, .foundInConversation(search: typed.search, found))
        #expect(state.find?.counter == "2 of 3")
    }

    @Test mutating func theHitNearestTheViewComesFirstAndTheCountAfterLeavesItShown() throws {
        _ = reduce(&state, .keyPressed(.function(3)))
        let typed = try #require(asked(reduce(&state, .textEntered("answer"))))
        #expect(typed.from == nil, "following the end")
        let nearest = FoundInConversation(words: ["answer"], hits: [96], positions: [95], branchLength: 100, isComplete: false)
        _ = reduce(&state, .foundInConversation(search: typed.search, nearest))
        let ninetySix = try #require(node(96))
        #expect(state.scroll == .pinned(TranscriptAnchor(messageID: ninetySix, line: 0, seekingWords: ["answer"])))
        #expect(state.find?.counter == "…", "still counting")
        // The user scrolls meanwhile; the count does not move the view back.
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: ninetySix, line: 3))))
        let all = FoundInConversation(words: ["answer"], hits: [84, 90, 96], positions: [83, 89, 95], branchLength: 100)
        #expect(reduce(&state, .foundInConversation(search: typed.search, all)).isEmpty)
        #expect(state.find?.counter == "3 of 3")
        #expect(state.scroll == .pinned(TranscriptAnchor(messageID: ninetySix, line: 3)))
        #expect(state.highlight?.messageID == ninetySix)
    }

    @Test mutating func aHitAboveTheWindowHasThePagesDownToItReadFirst() throws {
        _ = reduce(&state, .keyPressed(.ctrl("x")))
        _ = reduce(&state, .textEntered("/"))
        #expect(state.find != nil, "Ctrl-X / opens it too")
        let typed = try #require(asked(reduce(&state, .textEntered("question 3"))))
        let found = FoundInConversation(words: ["question", "3"], hits: [3, 93], positions: [2, 92], branchLength: 100)
        _ = reduce(&state, .foundInConversation(search: typed.search, found))
        #expect(state.find?.counter == "2 of 2")

        // Showing hit 2 (message 93) near the top of the window began a page of earlier
        // messages. Up: hit 1 is message 3, above the window; it waits for that page.
        #expect(state.earlier?.isLoading == true)
        #expect(reduce(&state, .keyPressed(.up)).isEmpty, "one page at a time")
        #expect(state.find?.counter == "1 of 2 · reading earlier messages…")
        let (page, pageWindow) = EarlierMessagesTests.page(41...80, notLoaded: 40)
        let effects = reduce(&state, .earlierMessagesLoaded(7, above: 81, page, pageWindow))
        guard case let .loadEarlierMessages(7, above: 41, count)? = effects.first else {
            Issue.record("no further page read: \(effects)")
            return
        }
        #expect(count >= 38, "enough to reach message 3")

        let (messages, window) = EarlierMessagesTests.page(1...40, notLoaded: 0)
        _ = reduce(&state, .earlierMessagesLoaded(7, above: 41, messages, window))
        let three = try #require(node(3))
        #expect(state.scroll == .pinned(TranscriptAnchor(messageID: three, line: 0, seekingWords: ["question", "3"])))
        #expect(state.highlight?.messageID == three)
        #expect(state.find?.counter == "1 of 2")
    }

    @Test mutating func aPastedLineBreakIsASpaceAndAReloadFromAnotherWindowKeepsTheLine() throws {
        _ = reduce(&state, .keyPressed(.function(3)))
        _ = reduce(&state, .keyPressed(.pasteBegin))
        _ = reduce(&state, .textEntered("first"))
        #expect(reduce(&state, .keyPressed(.enter)).contains { if case .findInConversation = $0 { true } else { false } })
        _ = reduce(&state, .textEntered("second"))
        _ = reduce(&state, .keyPressed(.pasteEnd))
        #expect(state.find?.field.text == "first second")

        // Another window wrote to this conversation: the transcript is read again, the
        // line stays open with its text and asks again.
        let again = try #require(asked(reduce(&state, .conversationChangedElsewhere(EarlierMessagesTests.window(), change: 1))))
        #expect(again.query == "first second")
        #expect(state.find?.field.text == "first second")
        _ = reduce(&state, .textEntered("x"))
        #expect(state.input.text.isEmpty, "typing still goes to the find line")
    }

    @Test mutating func editingKeysChangeTheTextAndAskAgainAndNothingFoundSaysSo() throws {
        _ = reduce(&state, .keyPressed(.function(3)))
        _ = reduce(&state, .textEntered("zz"))
        let edited = try #require(asked(reduce(&state, .keyPressed(.backspace))))
        #expect(edited.query == "z")
        #expect(asked(reduce(&state, .keyPressed(.left))) == nil, "a cursor move asks nothing")
        _ = reduce(&state, .foundInConversation(search: edited.search, FoundInConversation(words: ["z"])))
        #expect(state.find?.counter == "no hits")
        #expect(state.find?.isSearching == false)
        #expect(reduce(&state, .keyPressed(.enter)).isEmpty, "no hit to go to")
    }
}
