import ChatDomain
import Foundation
import GRDB

extension ConversationStore {
    public func conversations(matching query: String, limit: Int) throws -> [ConversationMatch] {
        let terms = SearchTerms(query)
        return try reading { db in
            guard !terms.isEmpty else {
                return try Row.fetchAll(db, sql: """
                    SELECT \(Rows.summarySelection) FROM conversation ORDER BY updated_at DESC, id DESC LIMIT ?
                    """, arguments: [limit]).map { ConversationMatch(summary: try Rows.summary($0)) }
            }
            var matches = try Self.messageMatches(terms, limit: limit, db)
            let found = Set(matches.map(\.id))
            matches += try Self.titleMatches(terms, limit: limit, db).filter { !found.contains($0.id) }
                .map { ConversationMatch(summary: $0) }
            matches.sort { ($0.summary.updatedAt, $0.id) > ($1.summary.updatedAt, $1.id) }
            return Array(matches.prefix(limit))
        }
    }

    private static func titleMatches(_ terms: SearchTerms, limit: Int, _ db: Database) throws -> [ConversationSummary] {
        let conditions = terms.words.map { _ in "title LIKE ? ESCAPE '\\'" }.joined(separator: " AND ")
        var values: [(any DatabaseValueConvertible)?] = terms.words.map(SearchTerms.likePattern)
        values.append(limit)
        return try Row.fetchAll(db, sql: """
            SELECT \(Rows.summarySelection) FROM conversation WHERE \(conditions)
            ORDER BY updated_at DESC, id DESC LIMIT ?
            """, arguments: StatementArguments(values)).map { try Rows.summary($0) }
    }

    /// The newest `limit` conversations with a message holding every word, each with
    /// its newest such message and an excerpt of it (cut only for those returned).
    private static func messageMatches(_ terms: SearchTerms, limit: Int, _ db: Database) throws -> [ConversationMatch] {
        let rows = terms.ftsQuery == nil ? try scanningNewestFirst(terms, limit: limit, db)
                                         : try usingTheIndex(terms, limit: limit, db)
        let messageIDs: [StoredMessageID] = try rows.map { try $0.decode(atIndex: Rows.summaryColumnCount) }
        var texts: [StoredMessageID: String] = [:]
        if !messageIDs.isEmpty {
            let marks = Array(repeating: "?", count: messageIDs.count).joined(separator: ", ")
            for row in try Row.fetchAll(db, sql: "SELECT id, text FROM message WHERE id IN (\(marks))",
                                        arguments: StatementArguments(messageIDs)) {
                texts[try row.decode(atIndex: 0)] = try row.decode(String?.self, atIndex: 1) ?? ""
            }
        }
        return try rows.map { row in
            let messageID: StoredMessageID = try row.decode(atIndex: Rows.summaryColumnCount)
            return ConversationMatch(summary: try Rows.summary(row), messageID: messageID,
                                     snippet: Snippet.around(terms.words, in: texts[messageID] ?? ""))
        }
    }

    private static var selection: String {
        Rows.summarySelection.split(separator: ",").map { "c." + $0.trimmingCharacters(in: .whitespaces) }
            .joined(separator: ", ")
    }

    /// A word of three or more characters: the full-text index gives every matching
    /// message at once; the grouping keeps each conversation's newest.
    private static func usingTheIndex(_ terms: SearchTerms, limit: Int, _ db: Database) throws -> [Row] {
        var conditions = ["id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)"]
        var values: [(any DatabaseValueConvertible)?] = [terms.ftsQuery]
        for word in terms.shortWords {
            conditions.append("text LIKE ? ESCAPE '\\'")
            values.append(SearchTerms.likePattern(word))
        }
        values.append(limit)
        return try Row.fetchAll(db, sql: """
            SELECT \(selection), hit.message_id FROM conversation c
            JOIN (SELECT conversation_id, MAX(id) AS message_id FROM message
                  WHERE \(conditions.joined(separator: " AND ")) GROUP BY conversation_id) hit
              ON hit.conversation_id = c.id
            ORDER BY c.updated_at DESC, c.id DESC LIMIT ?
            """, arguments: StatementArguments(values))
    }

    /// Only words too short for the index (世界, "go"): conversations are tried newest
    /// first and the scan stops at `limit` hits, so a common word costs little; a rare
    /// one reads every message once.
    private static func scanningNewestFirst(_ terms: SearchTerms, limit: Int, _ db: Database) throws -> [Row] {
        let conditions = terms.words.map { _ in "m.text LIKE ? ESCAPE '\\'" }.joined(separator: " AND ")
        let patterns: [(any DatabaseValueConvertible)?] = terms.words.map(SearchTerms.likePattern)
        let newestHit = "SELECT MAX(m.id) FROM message m WHERE m.conversation_id = c.id AND \(conditions)"
        return try Row.fetchAll(db, sql: """
            SELECT \(selection), (\(newestHit)) AS message_id FROM conversation c
            WHERE EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND \(conditions))
            ORDER BY c.updated_at DESC, c.id DESC LIMIT ?
            """, arguments: StatementArguments(patterns + patterns + [limit]))
    }
}
