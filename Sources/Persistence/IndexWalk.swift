import CSearchIndex
import ChatDomain
import GRDB

/// The walk of the full-text index newest message first, as a plain SQLite statement:
/// a common word at a million messages walks some 20,000 hits for a screenful of
/// conversations, and GRDB's row cursor cost more per hit than SQLite itself (it was
/// two thirds of the search; docs/performance.md, issue 19).
struct IndexWalk {
    struct Hit {
        var conversation: ConversationID
        var message: StoredMessageID
    }

    /// Hits in a row from one conversation after which the walk jumps past the rest of
    /// its run of messages: a long conversation at the top would otherwise be read hit
    /// by hit (100,000 of them) before the next conversation shows. A jump costs a new
    /// index lookup, so a short run is walked.
    static let runBeforeSkipping = 256

    let match: String
    let filters: [SearchQuery.Filter]
    var runBeforeSkipping = IndexWalk.runBeforeSkipping

    /// The newest matching message of each of the newest `limit` conversations with one.
    func hits(limit: Int, _ db: Database) throws -> [Hit] {
        let conditions = filters.map { " AND " + $0.sql }.joined()
        let sql = """
            SELECT m.id, m.conversation_id FROM message_search JOIN message m ON m.id = message_search.rowid
            WHERE message_search MATCH ?\(conditions) AND message_search.rowid <= ? ORDER BY message_search.rowid DESC
            """
        var statement: OpaquePointer?
        try RawStatement.check(sqlite3_prepare_v2(db.sqliteConnection, sql, -1, &statement, nil), db)
        defer { sqlite3_finalize(statement) }
        var seen = Set<ConversationID>()
        var hits: [Hit] = []
        var below = Int64.max
        while hits.count < limit {
            sqlite3_reset(statement)
            let arguments = [RawStatement.Argument.text(match)] + filters.map { RawStatement.Argument.text($0.value) }
            try RawStatement.bind(arguments + [.integer(below)], to: statement, db)
            var run = (conversation: ConversationID(-1), length: 0)
            var skipTo: Int64?
            while hits.count < limit, try RawStatement.step(statement, db) {
                let message = sqlite3_column_int64(statement, 0)
                let conversation = sqlite3_column_int64(statement, 1)
                if seen.insert(conversation).inserted { hits.append(Hit(conversation: conversation, message: message)) }
                run = run.conversation == conversation ? (conversation, run.length + 1) : (conversation, 1)
                if run.length >= runBeforeSkipping {
                    skipTo = try Self.below(run: conversation, from: message, db)
                    break
                }
            }
            guard let skipTo, skipTo > 0 else { break }
            below = skipTo
        }
        return hits
    }

    /// The newest message below `message` from another conversation. When no other
    /// conversation's message lies between the conversation's first and last (written
    /// or imported in one go, the usual case: its count of messages spans its ids),
    /// that is below its first, which its index finds; otherwise the messages are read
    /// back one by one.
    static func below(run conversation: ConversationID, from message: StoredMessageID, _ db: Database) throws -> Int64 {
        if let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT MIN(id) FROM message WHERE conversation_id = c.id),
                   (SELECT MAX(id) FROM message WHERE conversation_id = c.id), c.message_count
            FROM conversation c WHERE c.id = ?
            """, arguments: [conversation]),
           let first: Int64 = row[0], let last: Int64 = row[1], let count: Int64 = row[2], last - first + 1 == count {
            return first - 1
        }
        return try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM message WHERE id < ? AND conversation_id != ?",
                                  arguments: [message, conversation]) ?? 0
    }
}
