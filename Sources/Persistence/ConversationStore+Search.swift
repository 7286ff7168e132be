import ChatDomain
import GRDB

extension ConversationStore {
    public func conversations(matching query: String, limit: Int) throws -> [ConversationMatch] {
        let terms = SearchTerms(query)
        return try reading { db in
            guard !terms.isEmpty else {
                return try Row.fetchAll(db, sql: "SELECT * FROM conversation ORDER BY updated_at DESC, id DESC LIMIT ?",
                                        arguments: [limit]).map { ConversationMatch(summary: Rows.summary($0)) }
            }
            let titleHits = try Self.titleMatches(terms, limit: limit, db)
            let messageHits = try Self.newestMatchingMessages(terms, db)
            var matches: [ConversationMatch] = []
            for (conversation, messageID) in messageHits {
                guard let summary = try Row.fetchOne(db, sql: "SELECT * FROM conversation WHERE id = ?",
                                                     arguments: [conversation]).map(Rows.summary) else { continue }
                let text = try String.fetchOne(db, sql: "SELECT text FROM message WHERE id = ?", arguments: [messageID]) ?? ""
                matches.append(ConversationMatch(summary: summary, messageID: messageID,
                                                 snippet: Snippet.around(terms.words, in: text)))
            }
            let found = Set(matches.map(\.id))
            matches += titleHits.filter { !found.contains($0.id) }.map { ConversationMatch(summary: $0) }
            matches.sort { ($0.summary.updatedAt, $0.id) > ($1.summary.updatedAt, $1.id) }
            return Array(matches.prefix(limit))
        }
    }

    private static func titleMatches(_ terms: SearchTerms, limit: Int, _ db: Database) throws -> [ConversationSummary] {
        let conditions = terms.words.map { _ in "title LIKE ? ESCAPE '\\'" }.joined(separator: " AND ")
        var values: [(any DatabaseValueConvertible)?] = terms.words.map(SearchTerms.likePattern)
        values.append(limit)
        let arguments = StatementArguments(values)
        return try Row.fetchAll(db, sql: """
            SELECT * FROM conversation WHERE \(conditions) ORDER BY updated_at DESC LIMIT ?
            """, arguments: arguments).map(Rows.summary)
    }

    /// For each conversation with a message holding every word: its newest such message.
    /// The full-text index narrows the search when any word is long enough for it.
    private static func newestMatchingMessages(_ terms: SearchTerms, _ db: Database) throws
        -> [(ConversationID, StoredMessageID)] {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let fts = terms.ftsQuery {
            conditions.append("id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)")
            arguments.append(fts)
        }
        for word in terms.shortWords {
            conditions.append("text LIKE ? ESCAPE '\\'")
            arguments.append(SearchTerms.likePattern(word))
        }
        let rows = try Row.fetchAll(db, sql: """
            SELECT conversation_id, MAX(id) AS message_id FROM message
            WHERE \(conditions.joined(separator: " AND ")) GROUP BY conversation_id
            """, arguments: StatementArguments(arguments))
        return rows.map { ($0["conversation_id"], $0["message_id"]) }
    }
}
