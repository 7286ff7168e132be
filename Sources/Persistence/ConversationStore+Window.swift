import ChatDomain
import GRDB

/// Reading a long conversation a window at a time: the newest messages of the branch
/// shown first (what the first frame and a send need), earlier ones as the view
/// scrolls up. The cost is in messages read, not in the conversation's length.
extension ConversationStore {
    /// The newest `window` messages of the branch shown, with the other versions of each
    /// (but not what follows those); the whole conversation when it has no more than
    /// `window` messages (then `window` is nil).
    public func load(_ conversation: ConversationID, newest window: Int) throws -> SavedConversation? {
        let whole: Bool = try reading { db in
            (try Int.fetchOne(db, sql: "SELECT message_count FROM conversation WHERE id = ?", arguments: [conversation]) ?? 0)
                <= window
        }
        if whole { return try load(conversation) }
        return try reading { db in
            guard let summary = try Self.summary(of: conversation, db) else { return nil }
            observed.saw(conversation, try ConversationStamp.read(conversation, db))
            guard let leaf = try StoredMessageID.fetchOne(db, sql: """
                SELECT COALESCE(current_leaf_id, (SELECT MAX(id) FROM message WHERE conversation_id = c.id))
                FROM conversation c WHERE c.id = ?
                """, arguments: [conversation])
            else { return SavedConversation(summary: summary, messages: []) }
            let (messages, window) = try Self.branch(endingAt: leaf, in: conversation, count: window,
                                                     total: summary.messageCount, db)
            var saved = SavedConversation(summary: summary, tree: MessageTree(messages: messages, currentLeaf: leaf))
            saved.window = window
            return saved
        }
    }

    /// The `count` messages of the branch above `message` (its parent first up), with the
    /// other versions of each, oldest first; and what is left above them.
    public func loadEarlier(_ conversation: ConversationID, above message: StoredMessageID, count: Int) throws
        -> (messages: [StoredMessage], window: LoadedWindow?) {
        try reading { db in
            guard let parent = try StoredMessageID.fetchOne(db, sql: """
                SELECT parent_id FROM message WHERE id = ? AND conversation_id = ?
                """, arguments: [message, conversation])
            else { return ([], nil) }
            let total = try Int.fetchOne(db, sql: "SELECT message_count FROM conversation WHERE id = ?",
                                         arguments: [conversation]) ?? 0
            let (messages, window) = try Self.branch(endingAt: parent, in: conversation, count: count, total: total, db)
            return (messages, window.hasEarlier ? window : nil)
        }
    }

    /// The branch's `count` messages up from `leaf`, the other versions of each, and
    /// their attachments, in id order.
    private static func branch(endingAt leaf: StoredMessageID, in conversation: ConversationID, count: Int, total: Int,
                               _ db: Database) throws -> ([StoredMessage], LoadedWindow) {
        let path = try Row.fetchAll(db, sql: """
            WITH RECURSIVE up(id, parent_id, depth) AS (
                SELECT id, parent_id, 1 FROM message WHERE id = ? AND conversation_id = ?
                UNION ALL
                SELECT m.id, m.parent_id, up.depth + 1 FROM message m JOIN up ON m.id = up.parent_id
                WHERE up.depth < ?
            )
            SELECT id, parent_id FROM up ORDER BY depth
            """, arguments: [leaf, conversation, count])
        let pathIDs: [StoredMessageID] = try path.map { try $0.decode(atIndex: 0) }
        let parents: [StoredMessageID?] = try path.map { try $0.decode(atIndex: 1) }
        let oldest = pathIDs.last ?? leaf
        let parentOfOldest = parents.last ?? nil
        let hasEarlier = parentOfOldest != nil
        // Every child of the path's parents: the path itself and the other versions.
        let knownParents = parents.compactMap { $0 }
        let json = { (ids: [StoredMessageID]) in "[" + ids.map(String.init).joined(separator: ",") + "]" }
        var messages: [StoredMessage] = []
        // Separate selects (each on its own index) rather than one WHERE of ORs.
        var sql = """
            SELECT \(Rows.messageSelection) FROM message WHERE id IN (SELECT value FROM json_each(?))
            UNION SELECT \(Rows.messageSelection) FROM message WHERE parent_id IN (SELECT value FROM json_each(?))
            """
        var arguments: StatementArguments = [json(pathIDs), json(knownParents)]
        if !hasEarlier {
            // The branch reaches its first question: the other first questions too.
            sql += "\nUNION SELECT \(Rows.messageSelection) FROM message WHERE parent_id IS NULL AND conversation_id = ?"
            arguments += [conversation]
        }
        let rows = try Row.fetchCursor(db, sql: sql + "\nORDER BY id", arguments: arguments)
        while let row = try rows.next() { messages.append(try Rows.message(row)) }
        let onPath = Set(pathIDs)
        let others = messages.compactMap(\.id).filter { !onPath.contains($0) }
        let unexplored = Set(try StoredMessageID.fetchAll(db, sql: """
            SELECT DISTINCT parent_id FROM message WHERE parent_id IN (SELECT value FROM json_each(?))
            """, arguments: [json(others)]))
        let attachments = try AttachmentRows.load(messages: messages.compactMap(\.id), db)
        if !attachments.isEmpty {
            for index in messages.indices {
                if let id = messages[index].id, let found = attachments[id] { messages[index].attachments = found }
            }
        }
        return (messages, LoadedWindow(oldestOnBranch: oldest, parentOfOldest: parentOfOldest, unexplored: unexplored,
                                       notLoaded: max(0, total - messages.count)))
    }
}
