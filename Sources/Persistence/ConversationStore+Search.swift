import ChatDomain
import Foundation
import GRDB

extension ConversationStore {
    /// The conversations whose title or messages hold every word of `query` (see
    /// `SearchQuery`), at most `limit`, most recently updated first. A message hit
    /// carries the newest matching message and an excerpt of it.
    ///
    /// The index is walked newest message first and the walk stops at `limit`
    /// conversations, so a common word costs what the first screen needs; a rare word's
    /// list is short. With more than `limit` matching, they are the conversations with
    /// the newest hits.
    public func conversations(matching query: String, limit: Int) throws -> [ConversationMatch] {
        let search = SearchQuery(query)
        return try reading { db in
            guard !search.isEmpty else {
                return try Row.fetchAll(db, sql: """
                    SELECT \(Rows.summarySelection) FROM conversation ORDER BY updated_at DESC, id DESC LIMIT ?
                    """, arguments: [limit]).map { ConversationMatch(summary: try Rows.summary($0)) }
            }
            let hits: [Hit]
            switch try search.plan(db) {
            case .nothing: hits = []
            case let .index(match, filters): hits = try IndexWalk(match: match, filters: filters).hits(limit: limit, db)
            case .scan: hits = try Self.scanningNewestFirst(search, limit: limit, db)
            }
            var matches = try Self.matches(for: hits, words: search.words, db)
            let found = Set(matches.map(\.id))
            matches += try Self.titleMatches(search, limit: limit, db).filter { !found.contains($0.id) }
                .map { ConversationMatch(summary: $0) }
            matches.sort { ($0.summary.updatedAt, $0.id) > ($1.summary.updatedAt, $1.id) }
            return Array(matches.prefix(limit))
        }
    }

    private typealias Hit = IndexWalk.Hit

    /// Words the index cannot narrow: conversations are tried newest first and the
    /// scan stops at `limit` hits.
    private static func scanningNewestFirst(_ search: SearchQuery, limit: Int, _ db: Database) throws -> [Hit] {
        let conditions = search.words.map { _ in "m.text LIKE ? ESCAPE '\\'" }.joined(separator: " AND ")
        let patterns: [(any DatabaseValueConvertible)?] = search.words.map(SearchQuery.likePattern)
        return try Row.fetchAll(db, sql: """
            SELECT c.id, (SELECT MAX(m.id) FROM message m WHERE m.conversation_id = c.id AND \(conditions))
            FROM conversation c
            WHERE EXISTS (SELECT 1 FROM message m WHERE m.conversation_id = c.id AND \(conditions))
            ORDER BY c.updated_at DESC, c.id DESC LIMIT ?
            """, arguments: StatementArguments(patterns + patterns + [limit])).map {
            Hit(conversation: try $0.decode(atIndex: 0), message: try $0.decode(atIndex: 1))
        }
    }

    /// The hits' conversations, each with an excerpt of its message (cut only for these).
    private static func matches(for hits: [Hit], words: [String], _ db: Database) throws -> [ConversationMatch] {
        guard !hits.isEmpty else { return [] }
        // As one JSON array: `ls --search` may want more ids than SQLite takes variables.
        let conversations = "[" + hits.map { String($0.conversation) }.joined(separator: ",") + "]"
        let messages = "[" + hits.map { String($0.message) }.joined(separator: ",") + "]"
        var summaries: [ConversationID: ConversationSummary] = [:]
        for row in try Row.fetchAll(db, sql: """
            SELECT \(Rows.summarySelection) FROM conversation WHERE id IN (SELECT value FROM json_each(?))
            """, arguments: [conversations]) {
            let summary = try Rows.summary(row)
            summaries[summary.id] = summary
        }
        var texts: [StoredMessageID: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, text FROM message WHERE id IN (SELECT value FROM json_each(?))",
                                    arguments: [messages]) {
            texts[try row.decode(atIndex: 0)] = try row.decode(String?.self, atIndex: 1) ?? ""
        }
        return hits.compactMap { hit in
            summaries[hit.conversation].map {
                ConversationMatch(summary: $0, messageID: hit.message, snippet: Snippet.around(words, in: texts[hit.message] ?? ""))
            }
        }
    }

    private static func titleMatches(_ search: SearchQuery, limit: Int, _ db: Database) throws -> [ConversationSummary] {
        let conditions = search.words.map { _ in "title LIKE ? ESCAPE '\\'" }.joined(separator: " AND ")
        var values: [(any DatabaseValueConvertible)?] = search.words.map(SearchQuery.likePattern)
        values.append(limit)
        return try Row.fetchAll(db, sql: """
            SELECT \(Rows.summarySelection) FROM conversation WHERE \(conditions)
            ORDER BY updated_at DESC, id DESC LIMIT ?
            """, arguments: StatementArguments(values)).map { try Rows.summary($0) }
    }
}
