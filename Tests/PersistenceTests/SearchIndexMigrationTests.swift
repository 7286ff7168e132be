import ChatDomain
import Foundation
import GRDB
@testable import Persistence
import Testing

/// A database made by the release before the search index changed (`Fixtures/schema-v6.sqlite`:
/// three conversations asked with `kimichat ask --db` at c9a0fd5 against the mock, echo
/// replies) gets the new index: the schema step is instant, the messages already saved
/// are indexed newest first in batches that each commit, and a stop between batches
/// loses nothing.
@Suite struct SearchIndexMigrationTests {
    let database = TemporaryDatabase()

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/schema-v6.sqlite").path

    private func openCopy() throws -> ConversationStore {
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: database.path)
        return try database.open()
    }

    /// Conversations found by a message (titles, which hold the questions, aside).
    private func ids(_ store: ConversationStore, _ query: String) throws -> [ConversationID] {
        try store.conversations(matching: query, limit: 10).filter { $0.messageID != nil }.map(\.id)
    }

    private func integrityCheck(_ store: ConversationStore) throws {
        try store.pool.write { try $0.execute(sql: "INSERT INTO message_search(message_search) VALUES ('integrity-check')") }
    }

    @Test func anOpeningThatMayNotMigrateRefusesTheFileAndLeavesItsSchema() throws {
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: database.path)
        let applied = { try DatabaseQueue(path: database.path).read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") } }
        let before = try applied()
        #expect(throws: StorageError.self) { try ConversationStore(path: database.path, access: .upToDate) }
        #expect(try applied() == before)
        _ = try ConversationStore(path: database.path, access: .existing)
        #expect(try applied().count > before.count, "an ordinary opening migrates it")
        _ = try ConversationStore(path: database.path, access: .upToDate)
    }

    @Test func theOldMessagesAreIndexedNewestFirstAndAStopLosesNothing() throws {
        var store: ConversationStore? = try openCopy()
        #expect(try store?.searchIndexProgress() == SearchIndexProgress(done: 0, total: 6))
        #expect(try ids(try #require(store), "pomegranate").isEmpty, "not indexed yet")

        // Two batches of two ids: messages 5 and 6, then 3 and 4 (conversations 3 and 2).
        #expect(try store?.indexNextBatch(2) == SearchIndexProgress(done: 2, total: 6))
        #expect(try ids(try #require(store), "results") == [3])
        #expect(try ids(try #require(store), "offline") == [3], "every reply says it; two are not indexed yet")
        #expect(try store?.indexNextBatch(2) == SearchIndexProgress(done: 4, total: 6))
        // Stopped here (the process ends); opening again goes on where it stopped.
        store = nil
        let reopened = try database.open()
        #expect(try reopened.searchIndexProgress() == SearchIndexProgress(done: 4, total: 6))
        #expect(try ids(reopened, "上下文") == [2])
        #expect(try ids(reopened, "石").isEmpty)
        #expect(try reopened.indexNextBatch(2) == SearchIndexProgress(done: 6, total: 6))
        #expect(try reopened.indexNextBatch(2) == nil)
        #expect(try reopened.searchIndexProgress() == SearchIndexProgress(done: 6, total: 6), "the file is not compacted yet")
        #expect(try reopened.freeBytes() > 0, "the trigram index's pages")
        #expect(try reopened.finishSearchIndex(compactingAbove: 0) > 0)
        #expect(try reopened.freeBytes() == 0)
        #expect(try reopened.searchIndexProgress() == nil)

        #expect(try ids(reopened, "offline") == [3, 2, 1])
        #expect(try ids(reopened, "石") == [1])
        #expect(try ids(reopened, "pome") == [1])
        #expect(try ids(reopened, "石榴是") == [1])
        #expect(try ids(reopened, "thinking") == [3])
        #expect(try ids(reopened, "window 上下") == [2])
        try integrityCheck(reopened)
    }

    /// Rows the backfill has not reached are edited and deleted without touching the
    /// index (deleting a row the index never had would damage it), and new messages are
    /// found at once.
    @Test func writesWhileTheBackfillRunsKeepTheIndexWhole() throws {
        let store = try openCopy()
        try store.indexNextBatch(2)
        // Message 1 is not indexed yet: its text changes, then conversation 2 (messages
        // 3 and 4, not indexed either) goes.
        try store.save(StoredMessage(id: 1, role: .user, text: "What is a persimmon? 柿子是什么"), in: 1)
        #expect(try store.delete(2))
        let added = try store.save(StoredMessage(role: .user, text: "a quince, 榅桲"), in: 3)
        #expect(added > 6)
        #expect(try ids(store, "quince") == [3], "a new message is found before the backfill ends")
        while try store.indexNextBatch(2) != nil {}
        #expect(try store.finishSearchIndex() == 0, "a small file is not worth compacting")
        #expect(try store.searchIndexProgress() == nil)
        #expect(try ids(store, "persimmon") == [1])
        #expect(try ids(store, "柿子") == [1])
        #expect(try store.conversations(matching: "pomegranate", limit: 10).first?.messageID == 2,
                "the question no longer says it; its reply does")
        #expect(try ids(store, "上下文").isEmpty)
        try integrityCheck(store)
    }

    @Test func aNewDatabaseNeedsNoBackfill() throws {
        let store = try database.open()
        #expect(try store.searchIndexProgress() == nil)
        let conversation = try store.createConversation(title: "t", model: "kimi-k2.6")
        _ = try store.save(StoredMessage(role: .user, text: "石榴 pomegranate"), in: conversation.id)
        #expect(try ids(store, "石") == [conversation.id])
        #expect(try store.indexNextBatch() == nil)
        #expect(try store.finishSearchIndex() == 0)
    }
}
