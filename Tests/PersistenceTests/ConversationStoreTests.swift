import ChatDomain
import Foundation
import GRDB
@testable import Persistence
import Testing

@Suite struct ConversationStoreTests {
    let database = TemporaryDatabase()

    @Test func aNewFileGetsTheSchemaAndAnEmptyList() throws {
        let store = try database.open()
        #expect(try store.conversations(matching: "", limit: 10).isEmpty)
        #expect(try store.latestConversation() == nil)
        #expect(try store.pool.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") } == "wal")
        #expect(try store.pool.write { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2,
                "commits are synced to disk (FULL)")
    }

    @Test func anEmptyExistingFileIsMigrated() throws {
        _ = FileManager.default.createFile(atPath: database.path, contents: Data())
        let store = try database.open()
        let created = try store.createConversation(title: "t", model: "kimi-k2.6")
        #expect(try store.summary(of: created.id)?.title == "t")
    }

    @Test func messagesRoundTripWithEveryField() throws {
        let store = try database.open()
        let conversation = try store.createConversation(title: "Greeting", model: "kimi-k2.6")
        let user = StoredMessage(role: .user, text: "你好 hello")
        var reply = StoredMessage(role: .assistant, text: "Hi!", reasoning: "They greet me.", status: .stopped,
                                  model: "kimi-k3",
                                  usage: Usage(promptTokens: 12, completionTokens: 3, totalTokens: 15, cachedTokens: 8,
                                               reasoningTokens: 2),
                                  finishReason: .length, errorMessage: "cut")
        reply.thinkingMilliseconds = 4_200
        let userID = try store.save(user, in: conversation.id)
        let replyID = try store.save(reply, in: conversation.id)

        let loaded = try #require(try store.load(conversation.id))
        #expect(loaded.messages.map(\.id) == [userID, replyID])
        var expected = reply
        expected.id = replyID
        expected.parentID = userID
        expected.createdAt = loaded.messages[1].createdAt
        #expect(loaded.messages[1] == expected)
        #expect(loaded.messages[0].text == "你好 hello")
        #expect(loaded.messages[0].status == .complete)
        #expect(loaded.summary.messageCount == 2)
        #expect(loaded.summary.model == "kimi-k3", "the conversation shows the model of its latest reply")
    }

    @Test func savingAgainUpdatesTheSameRow() throws {
        let store = try database.open()
        let conversation = try store.createConversation(title: "t", model: "m")
        var reply = StoredMessage(role: .assistant, text: "", status: .streaming, model: "m")
        reply.id = try store.save(reply, in: conversation.id)
        reply.text = "partial"
        try store.save(reply, in: conversation.id)
        reply.text = "partial and the rest"
        reply.status = .complete
        try store.save(reply, in: conversation.id)

        let messages = try #require(try store.load(conversation.id)).messages
        #expect(messages.count == 1)
        #expect(messages[0].text == "partial and the rest")
        #expect(messages[0].status == .complete)
        #expect(try store.conversations(matching: "partial", limit: 10).map(\.messageID) == [reply.id])
    }

    @Test func listIsNewestFirstAndActivityMovesAConversationUp() throws {
        let store = try database.open()
        let first = try store.createConversation(title: "first", model: "m")
        let second = try store.createConversation(title: "second", model: "m")
        #expect(try store.conversations(matching: "", limit: 10).map(\.id) == [second.id, first.id])
        try store.save(StoredMessage(role: .user, text: "again"), in: first.id)
        #expect(try store.conversations(matching: "", limit: 10).map(\.id) == [first.id, second.id])
        #expect(try store.latestConversation()?.id == first.id)
        try store.markOpened(second.id)
        #expect(try store.latestConversation()?.id == second.id, "opening one makes it the one to reopen")
        #expect(try store.conversations(matching: "", limit: 10).map(\.id) == [first.id, second.id],
                "the list stays in order of activity")
        #expect(try store.conversations(matching: "", limit: 1).count == 1)
    }

    @Test func importKeepsDatesOrderAndSearch() throws {
        let store = try database.open()
        let old = Date(timeIntervalSince1970: 1_700_000_000)
        let new = Date(timeIntervalSince1970: 1_700_000_100)
        let ids = try store.importConversations([
            SavedConversation(summary: ConversationSummary(id: 0, title: "old", model: "m", createdAt: old,
                                                           updatedAt: old, messageCount: 0),
                              messages: [StoredMessage(role: .user, text: "quince jam")]),
            SavedConversation(summary: ConversationSummary(id: 0, title: "new", model: "m", createdAt: new,
                                                           updatedAt: new, messageCount: 0),
                              messages: [StoredMessage(role: .user, text: "a"), StoredMessage(role: .assistant, text: "b")]),
        ])
        let list = try store.conversations(matching: "", limit: 10)
        #expect(list.map(\.id) == ids.reversed())
        #expect(list.map(\.summary.messageCount) == [2, 1])
        #expect(list.last?.summary.updatedAt == old)
        #expect(try store.conversations(matching: "quince", limit: 10).map(\.id) == [ids[0]])
    }

    @Test func renameKeepsTheNewTitle() throws {
        let store = try database.open()
        let conversation = try store.createConversation(title: "from the first message", model: "m")
        try store.rename(conversation.id, to: "My title")
        #expect(try store.summary(of: conversation.id)?.title == "My title")
        #expect(throws: StorageError.noSuchConversation(999)) { try store.rename(999, to: "x") }
    }

    @Test func deleteRemovesTheConversationItsMessagesAndTheirIndex() throws {
        let store = try database.open()
        let keep = try store.createConversation(title: "keep", model: "m")
        let drop = try store.createConversation(title: "drop", model: "m")
        try store.save(StoredMessage(role: .user, text: "shared word zebra"), in: keep.id)
        try store.save(StoredMessage(role: .user, text: "zebra crossing"), in: drop.id)
        #expect(try store.delete(drop.id))
        #expect(try store.delete(drop.id) == false)
        #expect(try store.load(drop.id) == nil)
        #expect(try store.conversations(matching: "zebra", limit: 10).map(\.id) == [keep.id])
        let orphans = try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM message WHERE conversation_id = ?",
                                                              arguments: [drop.id]) }
        #expect(orphans == 0)
    }

    @Test func abandonedStreamingRepliesBecomeInterrupted() throws {
        let store = try database.open(isProcessAlive: { $0 == 4242 })
        let conversation = try store.createConversation(title: "t", model: "m")
        let dead = try store.save(StoredMessage(role: .assistant, text: "half a rep", status: .streaming), in: conversation.id)
        let alive = try store.save(StoredMessage(role: .assistant, text: "still going", status: .streaming), in: conversation.id)
        let mine = try store.save(StoredMessage(role: .assistant, text: "this process", status: .streaming), in: conversation.id)
        try store.pool.write { db in
            try db.execute(sql: "UPDATE message SET writer_pid = 999999 WHERE id = ?", arguments: [dead])
            try db.execute(sql: "UPDATE message SET writer_pid = 4242 WHERE id = ?", arguments: [alive])
        }

        // The sweep runs before this process writes: a row with our own pid was left by
        // an earlier process that had it.
        #expect(try store.markAbandonedRepliesInterrupted() == 2)
        // Replies one after another are siblings (each answered nothing newer): all of them.
        let tree = try #require(try store.load(conversation.id)).tree
        let statuses = tree.allMessages.map(\.status)
        #expect(statuses == [.interrupted, .streaming, .interrupted])
        #expect(try store.load(conversation.id)?.messages.first { $0.id == mine }?.text == "this process")

        try store.pool.write { db in
            try db.execute(sql: "UPDATE message SET updated_at = updated_at - 3600 WHERE id = ?", arguments: [alive])
        }
        #expect(try store.markAbandonedRepliesInterrupted() == 1, "a live pid that stopped writing long ago was reused")
    }

    @Test func aFileFromANewerKimichatIsRefusedAndLeftAlone() throws {
        do {
            let store = try database.open()
            try store.pool.write { db in
                try db.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99: from the future')")
            }
            try store.pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: database.path))
        #expect(throws: StorageError.newerSchema(path: database.path)) { try database.open() }
        let after = try Data(contentsOf: URL(fileURLWithPath: database.path))
        let differing = zip(before, after).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(after == before, "bytes differ at \(differing.prefix(20)), sizes \(before.count) \(after.count)")
    }

    @Test func aFileThatIsNotADatabaseIsRefusedAndLeftAlone() throws {
        let garbage = Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        _ = FileManager.default.createFile(atPath: database.path, contents: garbage)
        do {
            _ = try database.open()
            Issue.record("opening a damaged file should fail")
        } catch let error as StorageError {
            guard case .damaged = error else { Issue.record("unexpected \(error)"); return }
            #expect(error.userMessage.contains("left untouched"))
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database.path)) == garbage)
    }

    @Test func savingIntoADeletedConversationSaysSo() throws {
        let store = try database.open()
        let conversation = try store.createConversation(title: "t", model: "m")
        let id = try store.save(StoredMessage(role: .user, text: "kept"), in: conversation.id)
        try store.delete(conversation.id)
        #expect(throws: StorageError.noSuchConversation(conversation.id)) {
            try store.save(StoredMessage(id: id, role: .user, text: "kept"), in: conversation.id)
        }
        let other = try store.createConversation(title: "u", model: "m")
        let inserted = try store.save(StoredMessage(id: id, role: .user, text: "again"), in: other.id)
        #expect(inserted != id, "an update of a row that is gone inserts a new one")
        #expect(try store.load(other.id)?.messages.map(\.text) == ["again"])
    }

    @Test func anotherProgramsDatabaseIsRefusedAndLeftAlone() throws {
        do {
            let queue = try DatabaseQueue(path: database.path)
            try queue.write { try $0.execute(sql: "CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('mine')") }
        }
        let before = try Data(contentsOf: URL(fileURLWithPath: database.path))
        #expect(throws: StorageError.damaged(path: database.path, reason: "it holds another program's tables")) {
            try database.open()
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: database.path)) == before)
    }

    @Test func twoProcessesCreatingTheSameNewFileBothOpenIt() async throws {
        let path = database.path
        async let first = onOwnThread { try ConversationStore(path: path) }
        async let second = onOwnThread { try ConversationStore(path: path) }
        let stores = try await [first, second]
        _ = try stores[0].createConversation(title: "a", model: "m")
        #expect(try stores[1].conversations(matching: "", limit: 10).count == 1)
    }

    @Test func twoConnectionsWritingAtOnceBothSucceed() async throws {
        let path = database.path
        let first = try database.open()
        let second = try database.open()
        let a = try first.createConversation(title: "a", model: "m")
        let b = try second.createConversation(title: "b", model: "m")
        async let one: Void = onOwnThread { try Self.writeMany(first, into: a.id) }
        async let two: Void = onOwnThread { try Self.writeMany(second, into: b.id) }
        _ = try await (one, two)
        let reopened = try ConversationStore(path: path)
        #expect(try reopened.summary(of: a.id)?.messageCount == 100)
        #expect(try reopened.summary(of: b.id)?.messageCount == 100)
    }

    private static func writeMany(_ store: ConversationStore, into conversation: ConversationID) throws {
        for index in 0..<100 {
            var reply = StoredMessage(role: .assistant, text: "", status: .streaming)
            reply.id = try store.save(reply, in: conversation)
            reply.text = "reply \(index)"
            reply.status = .complete
            try store.save(reply, in: conversation)
        }
    }
}
