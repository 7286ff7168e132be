import ChatDomain
import Foundation
import GRDB
@testable import Persistence
import Testing

@Suite struct ImportStorageTests {
    let database = TemporaryDatabase()

    /// A question answered, then asked again differently (a sibling) with its own answer,
    /// the first branch shown.
    static func branched(id: String = "c-1") -> ImportedConversation {
        let time = Date(timeIntervalSince1970: 1_700_000_000)
        let messages = [
            StoredMessage(id: 1, role: .user, text: "什么是石榴", createdAt: time),
            StoredMessage(id: 2, parentID: 1, role: .assistant, text: "A pomegranate.", model: "gpt-4o",
                          createdAt: time + 1),
            StoredMessage(id: 3, role: .user, text: "What is a pomegranate?", createdAt: time + 60),
            StoredMessage(id: 4, parentID: 3, role: .assistant, text: "A fruit.", createdAt: time + 61),
        ]
        return ImportedConversation(source: ImportSource(kind: ImportSource.chatGPT, id: id), title: "Fruit",
                                    createdAt: time, updatedAt: time + 61, messages: messages, currentLeaf: 2)
    }

    @Test func aTreeIsStoredWithItsBranchesCurrentLeafTimesAndKey() throws {
        let store = try database.open()
        guard case let .imported(id) = try store.importConversation(Self.branched()) else {
            Issue.record("not imported"); return
        }
        let saved = try #require(try store.load(id))
        #expect(saved.summary.title == "Fruit")
        #expect(saved.summary.model == "", "an import continues with the user's default model")
        #expect(saved.summary.messageCount == 4)
        #expect(saved.summary.createdAt == Date(timeIntervalSince1970: 1_700_000_000))
        #expect(saved.summary.updatedAt == Date(timeIntervalSince1970: 1_700_000_061))
        #expect(saved.messages.map(\.text) == ["什么是石榴", "A pomegranate."], "the branch named current is shown")
        #expect(saved.tree.branchCount == 2)
        let all = saved.tree.allMessages
        #expect(all.map(\.text) == ["什么是石榴", "A pomegranate.", "What is a pomegranate?", "A fruit."])
        #expect(all[1].parentID == all[0].id && all[3].parentID == all[2].id)
        #expect(all[0].parentID == nil && all[2].parentID == nil, "two versions of the first question are siblings")
        #expect(all[1].model == "gpt-4o")
        #expect(all[2].createdAt == Date(timeIntervalSince1970: 1_700_000_060))
        let key = try store.pool.read { try Row.fetchOne($0, sql: "SELECT source, source_id, conversation_id FROM imported_source") }
        #expect(key?[0] == "chatgpt" && key?[1] == "c-1" && key?[2] == id)
    }

    @Test func importingTheSameSourceAgainAddsNothing() throws {
        let store = try database.open()
        guard case let .imported(first) = try store.importConversation(Self.branched()) else {
            Issue.record("not imported"); return
        }
        #expect(try store.importConversation(Self.branched()) == .alreadyImported(first))
        #expect(try store.conversations(matching: "", limit: 10).count == 1)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM message") } == 4)
        // Another source's conversation with the same id is another conversation.
        var other = Self.branched()
        other.source.kind = ImportSource.kimiCLI
        guard case .imported = try store.importConversation(other) else { Issue.record("not imported"); return }
    }

    @Test func importedMessagesAreFoundByFullTextSearch() throws {
        let store = try database.open()
        _ = try store.importConversation(Self.branched())
        let hits = try store.conversations(matching: "pomegranate", limit: 10)
        #expect(hits.count == 1 && hits.first?.snippet != nil)
        #expect(try store.conversations(matching: "石榴", limit: 10).count == 1)
    }

    @Test func aDeletedImportComesBackWhenImportedAgain() throws {
        let store = try database.open()
        guard case let .imported(first) = try store.importConversation(Self.branched()) else {
            Issue.record("not imported"); return
        }
        try store.delete(first)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM imported_source") } == 0)
        guard case .imported = try store.importConversation(Self.branched()) else {
            Issue.record("a deleted conversation's key went with it"); return
        }
    }

    @Test func aBatchStoresEachConversationWholeWithIdsPastEveryIdUsedBefore() throws {
        let store = try database.open()
        let chat = try store.createConversation(title: "mine", model: "kimi-k2.6")
        let mine = try store.save(StoredMessage(role: .user, text: "hello"), in: chat.id)
        try store.delete(chat.id)
        // 2,500 messages: more than one statement's worth of rows.
        var messages: [StoredMessage] = []
        for number in 1...2_500 {
            let id = StoredMessageID(number)
            messages.append(StoredMessage(id: id, parentID: number == 1 ? nil : id - 1,
                                          role: number % 2 == 1 ? Role.user : Role.assistant, text: "message \(number)"))
        }
        let big = ImportedConversation(
            source: ImportSource(kind: ImportSource.chatGPT, id: "big"), title: "Big", createdAt: Date(timeIntervalSince1970: 0),
            updatedAt: Date(timeIntervalSince1970: 0), messages: messages, currentLeaf: nil)
        let outcomes = try store.importConversations([Self.branched(id: "a"), big, Self.branched(id: "a"), Self.branched(id: "b")])
        try #require(outcomes.count == 4)
        guard case let .imported(first) = outcomes[0], case let .imported(second) = outcomes[1],
              case .imported = outcomes[3] else { Issue.record("\(outcomes)"); return }
        #expect(outcomes[2] == ImportOutcome.alreadyImported(first), "the same source twice in one batch is stored once")
        let saved = try #require(try store.load(second))
        #expect(saved.summary.messageCount == 2_500)
        #expect(saved.messages.count == 2_500, "one branch, each message under the one before")
        #expect(saved.messages.last?.text == "message 2500", "no leaf named: the newest message's branch")
        #expect(saved.messages.allSatisfy { (message: StoredMessage) in (message.id ?? 0) > mine },
                "a deleted message's id is never used again")
        let branched = try #require(try store.load(first))
        #expect(branched.messages.map(\.text) == ["什么是石榴", "A pomegranate."])
        // And the chat's own next message gets an id after them all.
        let next = try store.createConversation(title: "next", model: "kimi-k2.6")
        let after = try store.save(StoredMessage(role: .user, text: "after"), in: next.id)
        #expect(after > (saved.messages.last?.id ?? 0))
    }

    @Test func bulkWritesRelaxSyncingAndRestoreIt() throws {
        let store = try database.open()
        let hashSize = "SELECT v FROM message_search_config WHERE k = 'hashsize'"
        try store.beginBulkWrites()
        #expect(try store.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 1)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: hashSize) } == 64 << 20)
        try store.endBulkWrites()
        #expect(try store.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        #expect(try store.pool.read { try Int.fetchOne($0, sql: hashSize) } == 1 << 20)
    }
}
