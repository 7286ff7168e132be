import ChatDomain
import GRDB

extension ConversationStore {
    /// The UTF-8 bytes of every message's text: what the file's size is weighed against.
    public func messageTextBytes() throws -> Int {
        try reading { try Int.fetchOne($0, sql: "SELECT COALESCE(SUM(LENGTH(CAST(text AS BLOB))), 0) FROM message") ?? 0 }
    }

    /// The conversation with the most messages (the benches' long one), if any.
    public func largestConversation() throws -> ConversationID? {
        try reading {
            try ConversationID.fetchOne($0, sql: "SELECT id FROM conversation ORDER BY message_count DESC LIMIT 1")
        }
    }

    /// Moves what the write-ahead log holds into the file and empties the log, as
    /// SQLite does by itself from time to time: the file's settled size.
    public func checkpoint() throws {
        do { try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } }
        catch { throw Self.storageError(error, path: path) }
    }
}
