import ChatDomain
import GRDB

/// F3: the messages of the branch shown that hold every word typed, found through the
/// same index and rules as the list's search (`SearchQuery`), over the whole
/// conversation whether or not its messages were read.
extension ConversationStore {
    /// Drops the branch kept for the next find: for the benchmark, to time the first.
    public func forgetBranches() {
        branchPaths.forget()
    }

    public func find(_ query: String, in conversation: ConversationID, branchEndingAt leaf: StoredMessageID,
                     scope: FindScope) throws -> FoundInConversation {
        let search = SearchQuery(query)
        return try reading { db in
            let path = try branchPaths.path(endingAt: leaf, in: conversation, db)
            var found = FoundInConversation(words: search.words, branchLength: path.ids.count)
            guard !search.isEmpty, let range = path.idRange,
                  let candidates = try Self.candidates(of: search, in: conversation, range, db)
            else { return found }
            var hits: [(id: StoredMessageID, place: Int)] = []
            switch scope {
            case .all:
                // The index gives row ids in order.
                hits = path.hits(among: try RawStatement.integers(candidates.sql + " ORDER BY \(candidates.idColumn)",
                                                                  candidates.arguments, db))
            case let .nearest(from):
                // The index is walked from the view down, else from the end up, and stops
                // at the first message on the branch: a common word costs a few rows.
                let column = candidates.idColumn
                var hit: StoredMessageID?
                if let from {
                    hit = try RawStatement.firstInteger(candidates.sql + " AND \(column) >= ? ORDER BY \(column)",
                                                        candidates.arguments + [.integer(from)], db) { path.place(of: $0) != nil }
                }
                if hit == nil {
                    hit = try RawStatement.firstInteger(candidates.sql + " ORDER BY \(column) DESC", candidates.arguments, db) {
                        path.place(of: $0) != nil
                    }
                }
                if let hit, let place = path.place(of: hit) { hits = [(hit, place)] }
                found.isComplete = hits.isEmpty
            }
            found.hits = hits.map(\.id)
            found.positions = hits.map(\.place)
            return found
        }
    }

    /// The query giving the ids of the conversation's messages in `range` that hold
    /// the words (some may be on other branches); nil when none can.
    private static func candidates(of search: SearchQuery, in conversation: ConversationID,
                                   _ range: ClosedRange<StoredMessageID>, _ db: Database) throws
        -> (sql: String, arguments: [RawStatement.Argument], idColumn: String)? {
        typealias Argument = RawStatement.Argument
        let bounds: [Argument] = [.integer(range.lowerBound), .integer(range.upperBound)]
        switch try search.plan(db) {
        case .nothing:
            return nil
        case let .index(match, filters) where filters.isEmpty:
            // Row ids alone: the index answers without reading a message.
            return ("SELECT rowid FROM message_search WHERE message_search MATCH ? AND rowid BETWEEN ? AND ?",
                    [Argument.text(match)] + bounds, "rowid")
        case let .index(match, filters):
            return ("""
                SELECT m.id FROM message_search JOIN message m ON m.id = message_search.rowid
                WHERE message_search MATCH ? AND message_search.rowid BETWEEN ? AND ?
                \(filters.map { "AND " + $0.sql }.joined(separator: " "))
                """, [Argument.text(match)] + bounds + filters.map { Argument.text($0.value) }, "message_search.rowid")
        case .scan:
            let conditions = search.words.map { _ in "AND m.text LIKE ? ESCAPE '\\'" }.joined(separator: " ")
            return ("SELECT m.id FROM message m WHERE m.conversation_id = ? AND m.id BETWEEN ? AND ? \(conditions)",
                    [Argument.integer(conversation)] + bounds + search.words.map { Argument.text(SearchQuery.likePattern($0)) },
                    "m.id")
        }
    }
}
