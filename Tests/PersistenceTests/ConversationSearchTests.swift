import ChatDomain
import Foundation
@testable import Persistence
import Testing

@Suite struct ConversationSearchTests {
    let database = TemporaryDatabase()

    /// Saves a conversation with the given message texts; returns its id and message ids.
    private func conversation(_ store: ConversationStore, title: String, _ texts: [String]) throws
        -> (ConversationID, [StoredMessageID]) {
        let summary = try store.createConversation(title: title, model: "kimi-k2.6")
        let ids = try texts.enumerated().map { index, text in
            try store.save(StoredMessage(role: index.isMultiple(of: 2) ? .user : .assistant, text: text), in: summary.id)
        }
        return (summary.id, ids)
    }

    @Test func findsAnEnglishWordInsideAReplyWithASnippet() throws {
        let store = try database.open()
        let (plain, _) = try conversation(store, title: "Plain", ["hello", "hi there"])
        let (target, ids) = try conversation(store, title: "Fruit", ["tell me about fruit",
                                                                     "The Pomegranate is a fruit with many seeds."])
        let hits = try store.conversations(matching: "pomegranate", limit: 10)
        #expect(hits.map(\.id) == [target])
        #expect(hits[0].messageID == ids[1])
        #expect(hits[0].snippet?.contains("Pomegranate is a fruit") == true)
        #expect(try store.conversations(matching: "", limit: 10).map(\.id) == [target, plain])
    }

    @Test(arguments: ["世", "世界", "你好世界", "好世界和"])
    func findsChineseWordsOfEveryLengthInsideLongerRuns(_ word: String) throws {
        let store = try database.open()
        _ = try conversation(store, title: "English", ["nothing Chinese here"])
        let (target, _) = try conversation(store, title: "中文", ["问题", "我说你好世界和大家"])
        let hits = try store.conversations(matching: word, limit: 10)
        #expect(hits.map(\.id) == [target])
        #expect(hits.first?.snippet?.contains(word) == true)
    }

    /// Every word in the same message: that message is where the hit opens.
    @Test func everyWordMustMatchAndCaseDoesNotMatter() throws {
        let store = try database.open()
        let (both, _) = try conversation(store, title: "a", ["Swift ACTORS are neat", "go"])
        _ = try conversation(store, title: "b", ["swift only"])
        #expect(try store.conversations(matching: "swift actors", limit: 10).map(\.id) == [both])
        #expect(try store.conversations(matching: "SWIFT neat", limit: 10).map(\.id) == [both])
        #expect(try store.conversations(matching: "actors missing", limit: 10).isEmpty)
    }

    @Test func titlesMatchToo() throws {
        let store = try database.open()
        let (titled, _) = try conversation(store, title: "Trip to Chengdu", ["plan it"])
        _ = try conversation(store, title: "Other", ["nothing"])
        let hits = try store.conversations(matching: "chengdu", limit: 10)
        #expect(hits.map(\.id) == [titled])
        #expect(hits[0].messageID == nil)
    }

    @Test func theNewestMatchingMessageIsTheHit() throws {
        let store = try database.open()
        let (_, ids) = try conversation(store, title: "t", ["kiwi one", "no", "kiwi two", "no"])
        #expect(try store.conversations(matching: "kiwi", limit: 10).first?.messageID == ids[2])
    }

    @Test(arguments: ["\"", "a\"b", "%", "_", "AND", "NEAR(", "*", "\\", "title:", "'; DROP TABLE message; --"])
    func searchSyntaxInTheQueryIsTakenLiterally(_ query: String) throws {
        let store = try database.open()
        _ = try conversation(store, title: "t", ["plain words only"])
        #expect(try store.conversations(matching: query, limit: 10).isEmpty)
        #expect(try store.conversations(matching: "plain", limit: 10).count == 1)
    }

    @Test(arguments: ["世界", "word"])
    func aCommonWordGivesTheNewestHitsUpToTheLimit(_ word: String) throws {
        let store = try database.open()
        let ids = try (0..<30).map { index in
            try conversation(store, title: "c\(index)", ["question \(index)", "a \(word) in reply \(index)"]).0
        }
        let hits = try store.conversations(matching: word, limit: 5)
        #expect(hits.map(\.id) == Array(ids.suffix(5).reversed()))
        #expect(hits.allSatisfy { $0.snippet?.contains(word) == true })
    }

    @Test func wildcardCharactersMatchThemselves() throws {
        let store = try database.open()
        let (target, _) = try conversation(store, title: "t", ["50% off_now"])
        _ = try conversation(store, title: "u", ["50 percent off"])
        #expect(try store.conversations(matching: "0%", limit: 10).map(\.id) == [target])
        #expect(try store.conversations(matching: "f_n", limit: 10).map(\.id) == [target])
    }
}

@Suite struct SnippetTests {
    @Test func cutsAroundTheMatchOnOneLine() {
        let text = String(repeating: "word ", count: 20) + "needle\nin the\n\nhay " + String(repeating: "tail ", count: 20)
        let snippet = Snippet.around(["NEEDLE"], in: text)
        #expect(snippet.hasPrefix("…"))
        #expect(snippet.hasSuffix("…"))
        #expect(snippet.contains("needle in the hay"))
        #expect(!snippet.contains("\n"))
    }

    @Test func aShortTextIsWhole() {
        #expect(Snippet.around(["b"], in: "a b c") == "a b c")
    }
}

@Suite struct ConversationTitleTests {
    @Test func firstNonBlankLineCollapsedAndCut() {
        #expect(ConversationTitle.derived(from: "\n  \n  What is   1+1?\nmore") == "What is 1+1?")
        #expect(ConversationTitle.derived(from: "   ") == ConversationTitle.untitled)
        let long = String(repeating: "长", count: 100)
        let title = ConversationTitle.derived(from: long)
        #expect(title.count == ConversationTitle.maximumLength)
        #expect(title.hasSuffix("…"))
    }
}
