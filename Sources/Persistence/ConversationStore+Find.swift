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

    public func find(_ query: String, in conversation: ConversationID, branchEndingAt leaf: StoredMessageID) throws
        -> FoundInConversation {
        let search = SearchQuery(query)
        return try reading { db in
            let path = try branchPaths.path(endingAt: leaf, in: conversation, db)
            var found = FoundInConversation(words: search.words, branchLength: path.ids.count)
            guard !search.isEmpty, let range = path.idRange else { return found }
            typealias Argument = RawStatement.Argument
            let bounds: [Argument] = [.integer(range.lowerBound), .integer(range.upperBound)]
            let candidates: [StoredMessageID]
            switch try search.plan(db) {
            case .nothing:
                candidates = []
            case let .index(match, filters) where filters.isEmpty:
                // Row ids alone: the index answers without reading a message.
                candidates = try RawStatement.integers("""
                    SELECT rowid FROM message_search WHERE message_search MATCH ? AND rowid BETWEEN ? AND ?
                    """, [Argument.text(match)] + bounds, db)
            case let .index(match, filters):
                candidates = try RawStatement.integers("""
                    SELECT m.id FROM message_search JOIN message m ON m.id = message_search.rowid
                    WHERE message_search MATCH ? AND message_search.rowid BETWEEN ? AND ?
                    \(filters.map { "AND " + $0.sql }.joined(separator: " "))
                    """, [Argument.text(match)] + bounds + filters.map { Argument.text($0.value) }, db)
            case .scan:
                let conditions = search.words.map { _ in "AND m.text LIKE ? ESCAPE '\\'" }.joined(separator: " ")
                candidates = try RawStatement.integers("""
                    SELECT m.id FROM message m WHERE m.conversation_id = ? AND m.id BETWEEN ? AND ? \(conditions)
                    """, [Argument.integer(conversation)] + bounds
                        + search.words.map { Argument.text(SearchQuery.likePattern($0)) }, db)
            }
            var hits: [(id: StoredMessageID, place: Int)] = []
            for candidate in candidates {
                if let place = path.place(of: candidate) { hits.append((candidate, place)) }
            }
            // In order already unless the file's ids do not grow down the branch.
            if !zip(hits, hits.dropFirst()).allSatisfy({ $0.place < $1.place }) { hits.sort { $0.place < $1.place } }
            found.hits = hits.map(\.id)
            found.positions = hits.map(\.place)
            return found
        }
    }
}
