import GRDB

/// Gives the messages of a database from before trees their parents. A conversation
/// was a list: each message follows the one before it, except that the replies Ctrl-R
/// left side by side answer the same question, so they become siblings under it. The
/// newest message is the current leaf: the chat sent only the newest of those replies
/// as history, and that is the branch it now shows.
enum TreeMigration {
    static func linkExistingMessages(_ db: Database) throws {
        let rows = try Row.fetchCursor(db, sql: "SELECT id, conversation_id, role FROM message ORDER BY conversation_id, id")
        let setParent = try db.makeStatement(sql: "UPDATE message SET parent_id = ? WHERE id = ?")
        let setLeaf = try db.makeStatement(sql: "UPDATE conversation SET current_leaf_id = ? WHERE id = ?")
        var conversation: Int64?
        var previous: (id: Int64, role: String, parent: Int64?)?
        func finish() throws {
            if let conversation, let previous { try setLeaf.execute(arguments: [previous.id, conversation]) }
        }
        while let row = try rows.next() {
            let id: Int64 = row[0]
            let owner: Int64 = row[1]
            let role: String = row[2]
            if owner != conversation {
                try finish()
                conversation = owner
                previous = nil
            }
            let parent = parentOf(role: role, after: previous)
            if let parent { try setParent.execute(arguments: [parent, id]) }
            previous = (id, role, parent)
        }
        try finish()
    }

    /// The parent of a message with `role` that comes right after `previous` in a
    /// conversation that was a list.
    static func parentOf(role: String, after previous: (id: Int64, role: String, parent: Int64?)?) -> Int64? {
        guard let previous else { return nil }
        if role == "assistant", previous.role == "assistant" { return previous.parent }
        return previous.id
    }
}
