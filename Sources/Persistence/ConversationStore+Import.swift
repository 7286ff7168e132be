import ChatDomain
import Foundation
import GRDB

extension ConversationStore {
    /// Stores an imported conversation as one tree, in one transaction: the conversation,
    /// every message under its parent, the current leaf, and the source's key. A source
    /// already imported (and not deleted since) is left alone. Messages are indexed for
    /// search by the same triggers as every other insert.
    public func importConversation(_ imported: ImportedConversation) throws(StorageError) -> ImportOutcome {
        try importConversations([imported])[0]
    }

    /// Stores several imported conversations in one transaction, each whole (as
    /// `importConversation`): all of them or, if the transaction fails, none. An import
    /// groups conversations so, and writes their messages with a few statements of many
    /// rows each: the full-text index, kept by a trigger, writes its new terms out at the
    /// end of every statement, which for one message at a time made it cost three times
    /// as much (docs/performance.md, issue 15).
    public func importConversations(_ batch: [ImportedConversation]) throws(StorageError) -> [ImportOutcome] {
        let processID = getpid()
        return try writing { db in
            // Ids are given here (the write lock is ours, so no one else adds messages
            // meanwhile), so that a message's parent is known before any row is written.
            var rows = MessageBatch(nextID: try Self.nextMessageID(db))
            var leaves: [(conversation: ConversationID, leaf: StoredMessageID?)] = []
            var outcomes: [ImportOutcome] = []
            outcomes.reserveCapacity(batch.count)
            for imported in batch {
                if let existing = try ConversationID.fetchOne(db, sql: """
                    SELECT conversation_id FROM imported_source WHERE source = ? AND source_id = ?
                    """, arguments: [imported.source.kind, imported.source.id]) {
                    outcomes.append(.alreadyImported(existing))
                    continue
                }
                let updated = imported.updatedAt.timeIntervalSince1970
                try db.execute(sql: """
                    INSERT INTO conversation (title, model, created_at, updated_at) VALUES (?, ?, ?, ?)
                    """, arguments: [imported.title, imported.model, imported.createdAt.timeIntervalSince1970, updated])
                let conversation = db.lastInsertedRowID
                // The import's own ids → the rows they become. A parent the import does
                // not hold (it never should) makes a root rather than a dangling link.
                var ids: [StoredMessageID: StoredMessageID] = [:]
                ids.reserveCapacity(imported.messages.count)
                for message in imported.messages {
                    let time = message.createdAt?.timeIntervalSince1970 ?? updated
                    let id = rows.add([conversation, time, message.parentID.flatMap { ids[$0] }]
                        + Rows.messageValues(message, writerPID: processID, now: time))
                    if let own = message.id { ids[own] = id }
                    if rows.isFull { try rows.write(db) }
                }
                // No leaf named (or one not kept): the newest message's branch, as MessageTree reads it.
                leaves.append((conversation, imported.currentLeaf.flatMap { ids[$0] } ?? ids.values.max()))
                try db.execute(sql: """
                    INSERT INTO imported_source (source, source_id, conversation_id, imported_at) VALUES (?, ?, ?, ?)
                    """, arguments: [imported.source.kind, imported.source.id, conversation, Date().timeIntervalSince1970])
                outcomes.append(.imported(conversation))
            }
            try rows.write(db)
            let setLeaf = try db.cachedStatement(sql: "UPDATE conversation SET current_leaf_id = ? WHERE id = ?")
            for (conversation, leaf) in leaves { try setLeaf.execute(arguments: [leaf, conversation]) }
            return outcomes
        }
    }

    /// The id the next message gets: past every id used so far, deleted ones included
    /// (the table is AUTOINCREMENT: an id is never used twice).
    static func nextMessageID(_ db: Database) throws -> StoredMessageID {
        let used = try StoredMessageID.fetchOne(db, sql: """
            SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'message'), 0),
                       COALESCE((SELECT MAX(id) FROM message), 0))
            """) ?? 0
        return used + 1
    }

    /// For a long import: `NORMAL` instead of `FULL` commits. In WAL mode that still
    /// never damages the file; a power cut may lose the last conversations committed,
    /// which importing again restores (they are keyed by their source). Thousands of
    /// transactions then do not each wait for the disk. And the full-text index may hold
    /// 64 MiB of new terms in memory before writing them out (FTS5's `hashsize`, 1 MiB
    /// by default), so a transaction of many messages is indexed in one piece.
    /// `endBulkWrites` puts both back.
    public func beginBulkWrites() throws(StorageError) {
        try writingWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
            try db.execute(sql: "INSERT INTO message_search(message_search, rank) VALUES ('hashsize', ?)",
                           arguments: [Self.bulkIndexMemory])
        }
    }

    public func endBulkWrites() throws(StorageError) {
        try writingWithoutTransaction { db in
            try db.execute(sql: "INSERT INTO message_search(message_search, rank) VALUES ('hashsize', 1048576)")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
    }

    static let bulkIndexMemory = 64 << 20

    private func writingWithoutTransaction(_ body: (Database) throws -> Void) throws(StorageError) {
        do { try pool.writeWithoutTransaction(body) } catch { throw Self.storageError(error, path: path) }
    }
}

/// Message rows waiting to be inserted, written as one statement of many rows.
struct MessageBatch {
    /// Rows per statement: 18 values each, well under SQLite's 32,766 variables.
    static let rowsPerStatement = 1_000
    private static let columns = ["id", "conversation_id", "created_at", "parent_id"] + Rows.messageColumns
    private var values: [(any DatabaseValueConvertible)?] = []
    private var count = 0
    private var nextID: StoredMessageID

    init(nextID: StoredMessageID) {
        self.nextID = nextID
        values.reserveCapacity(Self.rowsPerStatement * Self.columns.count)
    }

    var isFull: Bool { count >= Self.rowsPerStatement }

    /// Adds a row (`conversation_id`, `created_at`, `parent_id`, then `Rows.messageColumns`);
    /// returns the id it will have.
    mutating func add(_ row: [(any DatabaseValueConvertible)?]) -> StoredMessageID {
        let id = nextID
        nextID += 1
        values.append(id)
        values.append(contentsOf: row)
        count += 1
        return id
    }

    mutating func write(_ db: Database) throws {
        guard count > 0 else { return }
        let statement = count == Self.rowsPerStatement ? try db.cachedStatement(sql: Self.sql(rows: count))
            : try db.makeStatement(sql: Self.sql(rows: count))
        try statement.execute(arguments: StatementArguments(values))
        values.removeAll(keepingCapacity: true)
        count = 0
    }

    private static func sql(rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        return "INSERT INTO message (\(columns.joined(separator: ", "))) VALUES "
            + Array(repeating: row, count: rows).joined(separator: ", ")
    }
}
