import ChatDomain
import GRDB
import Synchronization

/// What changes when a conversation does: a turn added or updated bumps `updated_at`
/// (and a new one `message_count`), a rename changes the title. One row read by its
/// primary key, so checking it on a timer costs next to nothing.
struct ConversationStamp: Equatable {
    var title: String
    var updatedAt: Double
    var messageCount: Int
    /// The branch shown: another window that flips to another branch changes what this
    /// one's next message would follow, so it counts as a change.
    var currentLeaf: StoredMessageID?

    static func read(_ conversation: ConversationID, _ db: Database) throws -> ConversationStamp? {
        try Row.fetchOne(db, sql: """
            SELECT title, updated_at, message_count, current_leaf_id FROM conversation WHERE id = ?
            """, arguments: [conversation]).map { row in
            ConversationStamp(title: try row.decode(String?.self, atIndex: 0) ?? "",
                              updatedAt: try row.decode(Double?.self, atIndex: 1) ?? 0,
                              messageCount: try row.decode(Int?.self, atIndex: 2) ?? 0,
                              currentLeaf: try row.decode(StoredMessageID?.self, atIndex: 3))
        }
    }
}

/// The stamp of each conversation as this store last saw it: when it loaded the
/// conversation, or right after its own write. Our own writes read the stamp inside
/// their write transaction, before and after writing; nobody else can commit in
/// between (we hold the write lock), so a stamp that differs from the one remembered
/// *before* our write is someone else's doing, even if our write then moved it on.
final class ObservedConversations: Sendable {
    private struct Observation {
        var stamp: ConversationStamp
        /// Another connection changed it before one of our writes: still to be reported.
        var changedElsewhere = false
    }

    private let observations = Mutex<[ConversationID: Observation]>([:])

    /// The conversation as loaded (or created): what the reader now has.
    func saw(_ conversation: ConversationID, _ stamp: ConversationStamp?) {
        observations.withLock { $0[conversation] = stamp.map { Observation(stamp: $0) } }
    }

    /// Our own write, with the stamps read inside its transaction.
    func wrote(_ conversation: ConversationID, before: ConversationStamp?, after: ConversationStamp?) {
        observations.withLock { observations in
            let elsewhere = observations[conversation].map { $0.changedElsewhere || $0.stamp != before } ?? false
            observations[conversation] = after.map { Observation(stamp: $0, changedElsewhere: elsewhere) }
        }
    }

    /// Compares the stamp read now with the one remembered. A conversation never seen
    /// before is taken as it is.
    func change(of conversation: ConversationID, now: ConversationStamp?) -> ConversationChange {
        observations.withLock { observations in
            guard let now else { return .deleted }
            guard let seen = observations[conversation] else {
                observations[conversation] = Observation(stamp: now)
                return .unchanged
            }
            return seen.changedElsewhere || seen.stamp != now ? .changed : .unchanged
        }
    }
}

extension ConversationStore {
    public func change(of conversation: ConversationID) throws -> ConversationChange {
        let now = try reading { db in try ConversationStamp.read(conversation, db) }
        return observed.change(of: conversation, now: now)
    }

    /// Runs one of our own writes to `conversation`, noting the stamps around it.
    func writing<T>(to conversation: ConversationID,
                    _ body: (Database) throws -> T) throws(StorageError) -> T {
        let (result, before, after) = try writing { db in
            let before = try ConversationStamp.read(conversation, db)
            let result = try body(db)
            return (result, before, try ConversationStamp.read(conversation, db))
        }
        observed.wrote(conversation, before: before, after: after)
        return result
    }
}
