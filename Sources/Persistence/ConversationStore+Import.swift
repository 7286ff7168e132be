import ChatDomain
import Foundation
import GRDB

extension ConversationStore {
    /// Stores an imported conversation as one tree, in one transaction: the conversation,
    /// every message under its parent, the current leaf, and the source's key. A source
    /// already imported (and not deleted since) is left alone. Messages are indexed for
    /// search by the same triggers as every other insert.
    public func importConversation(_ imported: ImportedConversation) throws(StorageError) -> ImportOutcome {
        let processID = getpid()
        return try writing { db in
            if let existing = try ConversationID.fetchOne(db, sql: """
                SELECT conversation_id FROM imported_source WHERE source = ? AND source_id = ?
                """, arguments: [imported.source.kind, imported.source.id]) {
                return .alreadyImported(existing)
            }
            let created = imported.createdAt.timeIntervalSince1970
            let updated = imported.updatedAt.timeIntervalSince1970
            try db.execute(sql: """
                INSERT INTO conversation (title, model, created_at, updated_at) VALUES (?, ?, ?, ?)
                """, arguments: [imported.title, imported.model, created, updated])
            let conversation = db.lastInsertedRowID
            let insert = try db.cachedStatement(sql: Rows.insertMessage)
            // The import's own ids → the rows they became. A parent the import does not
            // hold (it never should) makes a root rather than a dangling link.
            var rows: [StoredMessageID: StoredMessageID] = [:]
            rows.reserveCapacity(imported.messages.count)
            for message in imported.messages {
                let time = message.createdAt?.timeIntervalSince1970 ?? updated
                let parent = message.parentID.flatMap { rows[$0] }
                try insert.execute(arguments: StatementArguments(
                    [conversation, time, parent] + Rows.messageValues(message, writerPID: processID, now: time)))
                if let id = message.id { rows[id] = db.lastInsertedRowID }
            }
            // No leaf named (or one not kept): the newest message's branch, as MessageTree reads it.
            let leaf = imported.currentLeaf.flatMap { rows[$0] } ?? rows.values.max()
            try db.execute(sql: "UPDATE conversation SET current_leaf_id = ? WHERE id = ?",
                           arguments: [leaf, conversation])
            try db.execute(sql: """
                INSERT INTO imported_source (source, source_id, conversation_id, imported_at) VALUES (?, ?, ?, ?)
                """, arguments: [imported.source.kind, imported.source.id, conversation, Date().timeIntervalSince1970])
            return .imported(conversation)
        }
    }

    /// For a long import: `NORMAL` instead of `FULL` commits. In WAL mode that still
    /// never damages the file; a power cut may lose the last conversations committed,
    /// which importing again restores (they are keyed by their source). Ten thousand
    /// conversations, each its own transaction, then do not wait for ten thousand
    /// flushes to the disk. `FULL` again afterwards (`endBulkWrites`).
    public func beginBulkWrites() throws(StorageError) {
        try writingWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = NORMAL") }
    }

    public func endBulkWrites() throws(StorageError) {
        try writingWithoutTransaction { try $0.execute(sql: "PRAGMA synchronous = FULL") }
    }

    private func writingWithoutTransaction(_ body: (Database) throws -> Void) throws(StorageError) {
        do { try pool.writeWithoutTransaction(body) } catch { throw Self.storageError(error, path: path) }
    }
}
