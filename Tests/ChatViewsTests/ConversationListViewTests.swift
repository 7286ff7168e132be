import ChatDomain
import Foundation
import ScreenKit
import Testing
import TextLayout
@testable import ChatCore
@testable import ChatViews

@Suite("The conversation list overlay")
struct ConversationListViewTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))

    mutating func open(_ matches: [ConversationMatch], filter: String = "") {
        let effects = reduce(&state, .keyPressed(.ctrl("o")))
        guard case let .searchConversations(search, _) = effects.first else {
            Issue.record("Ctrl-O asked for no search: \(effects)")
            return
        }
        _ = reduce(&state, .conversationsFound(search: search, matches, readAt: Self.now))
        if !filter.isEmpty {
            let searched = reduce(&state, .textEntered(filter))
            guard case let .searchConversations(next, _) = searched.first else {
                Issue.record("typing a filter asked for no search: \(searched)")
                return
            }
            _ = reduce(&state, .conversationsFound(search: next, matches, readAt: Self.now))
        }
    }

    static func match(_ id: Int64, _ title: String, messages: Int = 4, snippet: String? = nil,
                      updated: Date = now) -> ConversationMatch {
        ConversationMatch(summary: ConversationSummary(id: id, title: title, model: "kimi-k3", createdAt: updated,
                                                       updatedAt: updated, messageCount: messages),
                          messageID: snippet == nil ? nil : 7, snippet: snippet)
    }

    @Test("entries show title, model, date and message count, with “new” first")
    mutating func entries() {
        let older = Self.now.addingTimeInterval(-400 * 86_400)
        open([Self.match(2, "Trip to Chengdu", messages: 12), Self.match(1, "Old one", messages: 1, updated: older)])
        let lines = ScreenRenderer(theme: .dark).render(state, width: 70, height: 16).lines
        #expect(lines[0].hasPrefix(" Conversations · 2 found"))
        #expect(lines[1] == " Filter:")
        #expect(lines[3] == "  + New conversation")
        #expect(lines[4].hasPrefix("▸ Trip to Chengdu"))
        #expect(lines[4].hasSuffix("kimi-k3 · \(EntryDate.describe(Self.now, now: Self.now)) · 12 msgs"))
        #expect(lines[5].hasPrefix("  Old one"))
        #expect(lines[5].contains("· 1 msg"))
        #expect(lines[5].contains(String(Calendar.current.component(.year, from: older))))
        #expect(lines.last?.contains("kimi-k2.6") == true, "the status bar stays")
    }

    @Test("the count is grouped in thousands, and a filter's limit reached reads “200+”")
    mutating func counts() {
        open((1...1_204).map { Self.match(Int64($0), "c\($0)") })
        #expect(ScreenRenderer(theme: .dark).render(state, width: 70, height: 16).lines[0].hasPrefix(" Conversations · 1,204 found"))
        state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))
        open((1...ConversationList.filteredLimit).map { Self.match(Int64($0), "c\($0)") }, filter: "c")
        #expect(ScreenRenderer(theme: .dark).render(state, width: 70, height: 16).lines[0].hasPrefix(" Conversations · 200+ found"))
    }

    @Test("narrow (30–40 columns): the title stays, the details go model first, then the date; a long title ends in …")
    mutating func narrow() {
        open([Self.match(2, "Trip to Chengdu", messages: 12),
              Self.match(1, "A very long title about the plans for the whole summer holiday", messages: 3)])
        let at40 = ScreenRenderer(theme: .dark).render(state, width: 40, height: 16).lines
        #expect(at40[4].hasPrefix("▸ Trip to Chengdu"), "\(at40[4])")
        #expect(!at40[4].contains("kimi-k3"), "the model goes first")
        #expect(at40[4].hasSuffix(" · 12 msgs"), "\(at40[4])")
        #expect(at40[5].hasPrefix("  A very long title about the"), "\(at40[5])")
        #expect(at40[5].contains("…"))
        let at30 = ScreenRenderer(theme: .dark).render(state, width: 30, height: 16).lines
        #expect(at30[4] == "▸ Trip to Chengdu     12 msgs" || at30[4].hasPrefix("▸ Trip to Chengdu "), "\(at30[4])")
        #expect(!at30[4].contains("·"), "only the count is left at 30 columns: \(at30[4])")
        #expect(at30[5].hasPrefix("  A very long title about") && at30[5].contains("…"), "\(at30[5])")
        for line in at30 { #expect(DisplayWidth.of(line) <= 30) }
    }

    @Test("in demo mode the heading says these are the demo's own conversations")
    mutating func demoHeading() {
        state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true, isDemo: true))
        open([Self.match(1, "Demo talk")])
        let lines = ScreenRenderer(theme: .dark).render(state, width: 44, height: 16).lines
        #expect(lines[0].hasPrefix(" Conversations (the demo's own) · 1 found"))
    }

    @Test("a full-text hit shows its excerpt with the filter words marked, and the cursor is in the filter")
    mutating func hitWithSnippet() {
        open([Self.match(1, "Fruit", snippet: "…a Pomegranate is red…")], filter: "pomegranate")
        let frame = ScreenRenderer(theme: .dark).render(state, width: 60, height: 16)
        #expect(frame.lines[1] == " Filter: pomegranate")
        #expect(frame.cursor?.row == 1)
        #expect(frame.cursor?.column == 9 + 11)
        #expect(frame.lines[4].hasPrefix("▸ Fruit"))
        #expect(frame.lines[5] == "    …a Pomegranate is red…")
        let start = 7
        #expect(frame.rows[5][start].style == Theme.dark.highlight)
        #expect(frame.rows[5][start - 1].style != Theme.dark.highlight)
    }

    @Test("renaming and deleting show what is being asked")
    mutating func modes() {
        open([Self.match(1, "Fruit")])
        _ = reduce(&state, .keyPressed(.function(2)))
        var frame = ScreenRenderer(theme: .dark).render(state, width: 60, height: 12)
        #expect(frame.lines[4].hasPrefix("▸ Rename: Fruit"))
        #expect(frame.cursor?.row == 4)
        _ = reduce(&state, .keyPressed(.escape))
        _ = reduce(&state, .keyPressed(.delete))
        frame = ScreenRenderer(theme: .dark).render(state, width: 80, height: 12)
        #expect(frame.lines.contains { $0.contains("Delete “Fruit” and all its messages? y delete") })
    }

    @Test("the list scrolls to keep the selection on screen")
    mutating func scrollsWithSelection() {
        open((1...50).map { Self.match(Int64($0), "Conversation \($0)") })
        // The first hit is selected at first: 29 steps down is the 30th.
        for _ in 0..<29 { _ = reduce(&state, .keyPressed(.down)) }
        let lines = ScreenRenderer(theme: .dark).render(state, width: 60, height: 14).lines
        #expect(lines.contains { $0.hasPrefix("▸ Conversation 30") })
        #expect(!lines.contains { $0.contains("New conversation") })
    }

    @Test("titles from the database are drawn inert")
    mutating func hostileTitle() {
        open([Self.match(1, "evil\u{1B}[2J\u{07}title")])
        let text = ScreenRenderer(theme: .dark).render(state, width: 60, height: 12).lines.joined()
        #expect(text.contains("evil␛[2J␇title"))
    }
}
