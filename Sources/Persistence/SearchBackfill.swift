import ChatDomain
import GRDB

/// How far the search index has got with the messages saved before it existed.
public struct SearchIndexProgress: Sendable, Equatable {
    /// Message ids indexed so far, and in all (ids, not rows: a deleted message's id counts).
    public var done: Int64
    public var total: Int64

    public var fraction: Double { total > 0 ? Double(done) / Double(total) : 1 }
}

extension ConversationStore {
    /// Nil once every message is in the search index.
    public func searchIndexProgress() throws(StorageError) -> SearchIndexProgress? {
        try reading { db in
            try Row.fetchOne(db, sql: "SELECT pending_through, started_through FROM search_backfill").map { row in
                let pending: Int64 = try row.decode(atIndex: 0)
                let started: Int64 = try row.decode(atIndex: 1)
                return SearchIndexProgress(done: started - pending, total: started)
            }
        }
    }

    /// Indexes the next `batch` message ids, newest first, in one transaction: stopped
    /// between two calls (Ctrl-C, a crash), the work committed stays and the next call
    /// goes on from there. Returns the progress after it; nil when the index is whole.
    @discardableResult
    public func indexNextBatch(_ batch: Int64 = 5_000) throws(StorageError) -> SearchIndexProgress? {
        try writing { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT pending_through, started_through FROM search_backfill")
            else { return nil }
            let pending: Int64 = try row.decode(atIndex: 0)
            let started: Int64 = try row.decode(atIndex: 1)
            let lower = max(0, pending - batch)
            try db.execute(sql: """
                INSERT INTO message_search(rowid, text) SELECT id, text FROM message WHERE id > ? AND id <= ?
                """, arguments: [lower, pending])
            try db.execute(sql: """
                INSERT OR IGNORE INTO search_word(word)
                SELECT DISTINCT word.value FROM message, json_each(search_words(message.text)) AS word
                WHERE message.id > ? AND message.id <= ?
                """, arguments: [lower, pending])
            guard pending > 0 else { return nil }
            // At zero the row stays until `finishSearchIndex` has compacted the file.
            try db.execute(sql: "UPDATE search_backfill SET pending_through = ?", arguments: [lower])
            return SearchIndexProgress(done: started - lower, total: started)
        }
    }

    /// The file's pages left free (the trigram index's, once it is gone), in bytes.
    public func freeBytes() throws(StorageError) -> Int {
        try reading { db in
            let pages = try Int.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            return pages * (try Int.fetchOne(db, sql: "PRAGMA page_size") ?? 4096)
        }
    }

    /// Ends the backfill once every message is indexed: the file is compacted first
    /// when the old index left more than `compactingAbove` bytes free (VACUUM rewrites
    /// the file; stopped by `interrupt()`, it leaves the file as it was and the next
    /// call does it again). Returns the bytes freed.
    @discardableResult
    public func finishSearchIndex(compactingAbove threshold: Int = 16 << 20) throws(StorageError) -> Int {
        guard let progress = try searchIndexProgress(), progress.done == progress.total else { return 0 }
        let free = try freeBytes()
        var freed = 0
        if free > threshold {
            do {
                try pool.writeWithoutTransaction { try $0.execute(sql: "VACUUM") }
                freed = free
            } catch let error as DatabaseError where error.resultCode == .SQLITE_INTERRUPT {
                throw Self.storageError(error, path: path)
            } catch {
                // VACUUM needs as much free disk again as the file: without it the file
                // stays as large, which is no reason to keep kimichat from opening it.
            }
        }
        try writing { try $0.execute(sql: "DELETE FROM search_backfill") }
        return freed
    }

    /// Stops the statement running now (a VACUUM), from another thread.
    public func interrupt() {
        pool.interrupt()
    }
}
