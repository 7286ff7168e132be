import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore
@testable import ChatViews

@Suite("Scrolling a long transcript, laid out on demand")
struct TranscriptScrollTests {
    static func longConversation(_ count: Int) -> SavedConversation {
        let date = Date(timeIntervalSince1970: 1_800_000_000)
        let messages = (0..<count).map { index in
            StoredMessage(id: Int64(index + 1), role: index.isMultiple(of: 2) ? .user : .assistant,
                          text: "message \(index) " + String(repeating: "word ", count: index % 7))
        }
        return SavedConversation(summary: ConversationSummary(id: 1, title: "Long", model: "m", createdAt: date,
                                                              updatedAt: date, messageCount: count),
                                 messages: messages)
    }

    var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true), reopening: longConversation(10_000))
    let cache = TranscriptLayoutCache()
    var renderer: ScreenRenderer { ScreenRenderer(theme: .dark, cache: cache) }

    mutating func scroll(_ move: ScrollMove) {
        _ = reduce(&state, .transcriptScrolled(renderer.scrolled(state, move, width: 60, height: 20)))
    }

    func screen() -> [String] { renderer.render(state, width: 60, height: 20).lines }

    @Test("opening 10,000 messages lays out only the few on screen")
    func onlyVisibleIsLaidOut() {
        let lines = screen()
        #expect(lines.contains { $0.contains("message 9999") })
        #expect(cache.laidOutMessages < 20)
    }

    @Test("scrolling up lays out more as needed, and End returns to the bottom")
    mutating func scrollUpThenEnd() {
        _ = screen()
        for _ in 0..<5 { scroll(.pages(-1)) }
        let lines = screen()
        #expect(!lines.contains { $0.contains("message 9999") })
        #expect(!lines.joined().contains("new output below"), "nothing arrived since scrolling")
        #expect(cache.laidOutMessages < 80)
        _ = reduce(&state, .keyPressed(.end))
        #expect(state.scroll == .following)
        #expect(screen().contains { $0.contains("message 9999") })
    }

    @Test("Home shows the first message without laying out the rest")
    mutating func home() {
        scroll(.top)
        let lines = screen()
        #expect(lines[0] == "You")
        #expect(lines[1] == "  message 0")
        #expect(cache.laidOutMessages < 30)
    }

    @Test("paging down to the end follows new output again")
    mutating func pageDownFollows() {
        _ = screen()
        scroll(.pages(-2))
        guard case .pinned = state.scroll else { Issue.record("not pinned"); return }
        scroll(.pages(1))
        scroll(.pages(1))
        #expect(state.scroll == .following)
    }

    @Test("a pinned view stays put while a reply streams below it")
    mutating func pinnedStaysPut() {
        _ = screen()
        scroll(.pages(-1))
        let before = screen()
        _ = reduce(&state, .textEntered("next"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .transcriptScrolled(renderer.scrolled(state, .lines(0), width: 60, height: 20)))
        _ = reduce(&state, .streamEvent(1, .content(String(repeating: "streamed ", count: 50))))
        #expect(state.scroll == .following, "sending returns to the bottom")
        scroll(.pages(-1))
        let pinned = screen()
        _ = reduce(&state, .streamEvent(1, .content(String(repeating: "more ", count: 80))))
        #expect(screen().prefix(10) == pinned.prefix(10))
        #expect(before != pinned)
    }

    @Test("line scrolling moves one row at a time across message boundaries")
    mutating func lineByLine() {
        scroll(.top)
        scroll(.lines(1))
        #expect(screen()[0] == "  message 0")
        scroll(.lines(2))
        #expect(screen()[0] == "You" || screen()[0].hasPrefix("Kimi"))
        scroll(.lines(-3))
        #expect(screen()[0] == "You")
        scroll(.lines(-5))
        #expect(screen()[0] == "You", "the top is a hard stop")
    }

    @Test("a search hit deep inside a long reply is scrolled into view")
    func hitDeepInAReply() {
        let base = Self.longConversation(40)
        var messages = base.messages
        messages[21].text = (1...60).map { "filler line \($0)" }.joined(separator: "\n") + "\nthe kumquat is here"
        let long = SavedConversation(summary: base.summary, messages: messages)
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))
        _ = reduce(&state, .keyPressed(.ctrl("o")))
        _ = reduce(&state, .textEntered("kumquat"))
        guard case let .conversations(list) = state.overlay else { Issue.record("no list"); return }
        let hit = ConversationMatch(summary: long.summary, messageID: 22, snippet: "kumquat")
        _ = reduce(&state, .conversationsFound(search: list.requestedSearch, [hit], readAt: Date()))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .conversationLoaded(long, focus: 22, words: ["kumquat"]))
        let lines = ScreenRenderer(theme: .dark).render(state, width: 60, height: 20).lines
        #expect(lines[0] == "  filler line 59")
        #expect(lines[2] == "  the kumquat is here")
    }

    @Test("Alt-Up and Alt-Down jump by message; scrolled up, the separator says where the view is")
    mutating func byMessage() {
        scroll(.top)
        scroll(.messages(1))
        #expect(screen()[0].hasPrefix("Kimi"))
        scroll(.messages(2))
        #expect(screen()[0].hasPrefix("Kimi"), "two messages on: the next reply")
        scroll(.lines(1))
        scroll(.messages(-1))
        #expect(screen()[0].hasPrefix("Kimi"), "back from inside a message: its own start")
        scroll(.messages(-1))
        #expect(screen()[0] == "You")
        #expect(screen().contains { $0.hasPrefix("───") && $0.contains(" 0% · 3/10000 ") })
        _ = reduce(&state, .keyPressed(.end))
        #expect(!screen().joined().contains("/10000"), "at the end there is no position label")
    }

    @Test("a short transcript never pins: it always shows its end")
    func shortTranscript() {
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true), reopening: Self.longConversation(2))
        let renderer = ScreenRenderer(theme: .dark)
        #expect(renderer.scrolled(state, .top, width: 60, height: 20) == .following)
        #expect(renderer.scrolled(state, .pages(-1), width: 60, height: 20) == .following)
        state.messages.removeAll()
        #expect(renderer.scrolled(state, .pages(-1), width: 60, height: 20) == .following)
    }

    @Test("the words of the search that opened a conversation are highlighted in the found message")
    func highlight() throws {
        let saved = Self.longConversation(30)
        var state = AppState(settings: ChatSettings(model: "m", hasAPIKey: true))
        _ = reduce(&state, .keyPressed(.ctrl("o")))
        _ = reduce(&state, .textEntered("MESSAGE 11"))
        guard case let .conversations(list) = state.overlay else { Issue.record("no list"); return }
        let hit = ConversationMatch(summary: saved.summary, messageID: 12, snippet: "message 11")
        _ = reduce(&state, .conversationsFound(search: list.requestedSearch, [hit], readAt: Date()))
        #expect(reduce(&state, .keyPressed(.enter)) == [.openConversation(1, focus: 12, words: ["MESSAGE", "11"])])
        _ = reduce(&state, .conversationLoaded(saved, focus: 12, words: ["MESSAGE 11"]))
        let frame = ScreenRenderer(theme: .dark).render(state, width: 60, height: 20)
        let row = try #require(frame.lines.firstIndex { $0.contains("message 11") })
        #expect(row < 3, "the found message is at the top")
        let column = frame.lines[row].distance(from: frame.lines[row].startIndex,
                                               to: frame.lines[row].range(of: "message 11")!.lowerBound)
        #expect(frame.rows[row][column].style == Theme.dark.highlight)
        #expect(frame.rows[row][column + 9].style == Theme.dark.highlight)
        #expect(frame.rows[row][column + 11].style != Theme.dark.highlight)
        let other = try #require(frame.lines.firstIndex { $0.contains("message 13") })
        #expect(!frame.rows[other].contains { $0.style == Theme.dark.highlight })
    }
}
