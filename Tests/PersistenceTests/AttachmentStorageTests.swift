import ChatDomain
import Foundation
import GRDB
@testable import Persistence
import Testing

/// Attachments, searches and the web-search switch survive a save and a reopening:
/// what later turns send again comes from here.
@Suite("Storage: attachments and searches")
struct AttachmentStorageTests {
    let database = TemporaryDatabase()

    static let report = Attachment(name: "report.pdf", byteCount: 2_202_010,
                                   content: .document(AttachedDocument(text: "Revenue grew 12%. 收入增长。", source: .extracted)))
    static let notes = Attachment(name: "notes.md", byteCount: 9,
                                  content: .document(AttachedDocument(text: "# Notes\n", source: .inline)))
    static let cat = Attachment(name: "cat.png", byteCount: 4, content: .image(AttachedImage(
        mediaType: "image/png", pixelSize: PixelSize(width: 1024, height: 768), storage: .bytes(Data([0, 1, 2, 255])))))
    static let poster = Attachment(name: "poster.jpg", byteCount: 12_000_000, content: .image(AttachedImage(
        mediaType: "image/jpeg", pixelSize: nil, storage: .file(path: "/tmp/poster.jpg", sha256: "ab12"))))
    static let search = SearchRound(text: "", reasoning: "I should look.", calls: [
        ToolCall(id: "$web_search:1", name: "$web_search", arguments: "{\"usage\":{\"total_tokens\":3210}}"),
    ])

    @Test("a question's files (text, inline, image bytes, image by path) and a reply's searches come back as saved")
    func roundTrip() throws {
        let store = try database.open()
        let conversation = try store.createConversation(title: "Files", model: "kimi-k2.6")
        var question = StoredMessage(role: .user, text: "Read these")
        question.attachments = [Self.report, Self.notes, Self.cat, Self.poster]
        var reply = StoredMessage(role: .assistant, text: "Done.", model: "kimi-k2.6")
        reply.searches = [Self.search]
        let questionID = try store.save(question, in: conversation.id)
        reply.id = try store.save(reply, in: conversation.id)
        // A reply saved again as it streams keeps its searches; the question's files are written once.
        reply.text = "Done, again."
        try store.save(reply, in: conversation.id)
        try store.save(StoredMessage(id: questionID, role: .user, text: "Read these"), in: conversation.id)

        let loaded = try #require(try store.load(conversation.id))
        #expect(loaded.messages[0].attachments == [Self.report, Self.notes, Self.cat, Self.poster])
        #expect(loaded.messages[1].searches == [Self.search])
        #expect(loaded.messages[1].text == "Done, again.")
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM attachment") } == 4)
    }

    @Test("deleting the conversation deletes its attachments")
    func cascade() throws {
        let store = try database.open()
        let conversation = try store.createConversation(title: "Files", model: "kimi-k2.6")
        var question = StoredMessage(role: .user, text: "Q")
        question.attachments = [Self.cat]
        try store.save(question, in: conversation.id)
        try store.delete(conversation.id)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM attachment") } == 0)
    }

    @Test("web search on or off is kept with the conversation, and a copy stored whole (as forks are) keeps it and the files")
    func webSearchAndCopies() throws {
        let store = try database.open()
        let conversation = try store.createConversation(title: "Search", model: "kimi-k2.6")
        #expect(try store.summary(of: conversation.id)?.webSearch == false)
        try store.setWebSearch(conversation.id, on: true)
        var question = StoredMessage(role: .user, text: "Q")
        question.attachments = [Self.report]
        try store.save(question, in: conversation.id)
        let saved = try #require(try store.load(conversation.id))
        #expect(saved.summary.webSearch)
        let copy = try #require(try store.importConversations([saved]).first)
        let copied = try #require(try store.load(copy))
        #expect(copied.summary.webSearch)
        #expect(copied.messages[0].attachments == [Self.report])
        #expect(try store.conversations(matching: "", limit: 10).allSatisfy(\.summary.webSearch))
    }

    @Test("a searches column that does not read (edited by hand) is no searches, not a failure")
    func unreadableSearches() throws {
        let store = try database.open()
        let conversation = try store.createConversation(title: "t", model: "kimi-k2.6")
        let id = try store.save(StoredMessage(role: .assistant, text: "A", model: "kimi-k2.6"), in: conversation.id)
        try store.pool.write { try $0.execute(sql: "UPDATE message SET searches = 'not json' WHERE id = ?", arguments: [id]) }
        #expect(try store.load(conversation.id)?.messages[0].searches == [])
    }
}

@Suite("Storage: a conversation's settings")
struct SettingsStorageTests {
    let database = TemporaryDatabase()

    @Test("settings are saved with the conversation, listed with it, copied with it, and the defaults store nothing")
    func roundTrip() throws {
        let store = try database.open()
        let conversation = try store.createConversation(title: "Tuned", model: "kimi-k2.6")
        let settings = ConversationSettings(systemPrompt: "Be a poet.", thinking: false, reasoningEffort: .high,
                                            temperature: 0.3, topP: 0.9, maxTokens: 4096, historyRounds: 5,
                                            preset: "poet")
        try store.setSettings(conversation.id, settings)
        #expect(try store.summary(of: conversation.id)?.settings == settings)
        #expect(try store.conversations(matching: "", limit: 10).first?.summary.settings == settings)
        let saved = try #require(try store.load(conversation.id))
        let copy = try #require(try store.importConversations([saved]).first)
        #expect(try store.summary(of: copy)?.settings == settings)
        try store.setSettings(conversation.id, ConversationSettings())
        #expect(try store.pool.read { try String.fetchOne($0, sql: "SELECT settings FROM conversation WHERE id = ?",
                                                          arguments: [conversation.id]) } == nil)
        try store.pool.write { try $0.execute(sql: "UPDATE conversation SET settings = '{oops'") }
        #expect(try store.summary(of: conversation.id)?.settings == ConversationSettings(), "unreadable: the defaults")
    }
}
