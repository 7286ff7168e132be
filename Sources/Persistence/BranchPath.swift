import CSearchIndex
import ChatDomain
import GRDB
import Synchronization

/// The messages of one branch, first question first: what a find in a conversation
/// keeps its hits to, and where each hit sits.
struct BranchPath: Sendable {
    var conversation: ConversationID
    /// Root first, the leaf last.
    var ids: [StoredMessageID]
    /// Ids grow down the branch (a message is always written after its parent), so a
    /// place is found by bisection; a file where they do not (edited by hand) is
    /// looked up by a table instead.
    private var places: [StoredMessageID: Int]?

    init(conversation: ConversationID, ids: [StoredMessageID]) {
        self.conversation = conversation
        self.ids = ids
        let ascending = zip(ids, ids.dropFirst()).allSatisfy { $0 < $1 }
        places = ascending ? nil : Dictionary(ids.enumerated().map { ($1, $0) }, uniquingKeysWith: { first, _ in first })
    }

    var leaf: StoredMessageID? { ids.last }
    /// The lowest and highest ids on the branch.
    var idRange: ClosedRange<StoredMessageID>? {
        guard let low = places == nil ? ids.first : ids.min(), let high = places == nil ? ids.last : ids.max() else {
            return nil
        }
        return low...high
    }

    /// Where `id` is on the branch; nil when it is not on it.
    func place(of id: StoredMessageID) -> Int? {
        if let places { return places[id] }
        return ids.sortedIndex(of: id)
    }

    /// The messages of `candidates` (in id order) that are on the branch, each with its
    /// place: by walking both lists together when the branch's ids grow down it.
    func hits(among candidates: [StoredMessageID]) -> [(id: StoredMessageID, place: Int)] {
        var hits: [(id: StoredMessageID, place: Int)] = []
        guard places == nil else {
            for candidate in candidates { if let place = places?[candidate] { hits.append((candidate, place)) } }
            return hits.sorted { $0.place < $1.place }
        }
        var place = 0
        for candidate in candidates {
            while place < ids.count, ids[place] < candidate { place += 1 }
            if place == ids.count { break }
            if ids[place] == candidate { hits.append((candidate, place)) }
        }
        return hits
    }

    /// The branch ending at `leaf`: the conversation's (id, parent) pairs read in one
    /// go and walked in memory. A recursive query steps one row at a time, which for a
    /// conversation of 100,000 messages is slower than reading them all.
    ///
    /// When the conversation's ids are mostly its own (written or imported in one go),
    /// the pairs come from the parent index alone (`message_by_parent` covers both): the
    /// rows themselves hold the text, and reading 100,000 of them took four times as
    /// long. Pairs of other conversations' messages in that range are read too, and
    /// never reached by the walk.
    static func read(endingAt leaf: StoredMessageID, in conversation: ConversationID, _ db: Database) throws
        -> BranchPath {
        // Each its own lookup: together SQLite counts by visiting every row.
        guard let row = try Row.fetchOne(db, sql: """
            SELECT (SELECT MIN(id) FROM message WHERE conversation_id = c.id),
                   (SELECT MAX(id) FROM message WHERE conversation_id = c.id), c.message_count
            FROM conversation c WHERE c.id = ?
            """, arguments: [conversation]),
            let low: StoredMessageID = row[0], let high: StoredMessageID = row[1], let count: Int64 = row[2]
        else { return BranchPath(conversation: conversation, ids: []) }
        // Parents as 0 for none: ids start at 1.
        var (children, parents): ([StoredMessageID], [StoredMessageID])
        if high - low + 1 <= 2 * count {
            (children, parents) = try RawStatement.integerPairs(
                "SELECT id, parent_id FROM message INDEXED BY message_by_parent WHERE parent_id BETWEEN ? AND ?",
                [.integer(low), .integer(high)], expected: Int(count), db)
            // In parent order: by child too, but where a message has several versions.
            // Swift's sort runs through the sorted stretches of nearly sorted input.
            if !zip(children, children.dropFirst()).allSatisfy({ $0 < $1 }) {
                var pairs = Array(zip(children, parents))
                pairs.sort { $0.0 < $1.0 }
                children = pairs.map(\.0)
                parents = pairs.map(\.1)
            }
        } else {
            (children, parents) = try RawStatement.integerPairs(
                "SELECT id, parent_id FROM message WHERE conversation_id = ? ORDER BY id",
                [.integer(conversation)], expected: Int(count), db)
        }
        var path: [StoredMessageID] = []
        path.reserveCapacity(Int(count))
        var current = leaf
        var index = children.sortedIndex(of: current)
        // A first question has no parent: in the first way of reading it has no pair.
        while current != 0, path.count <= count {
            path.append(current)
            guard let found = index else { break }
            current = parents[found]
            // Most often the parent is the pair just before (a run written in turn).
            index = found > 0 && children[found - 1] == current ? found - 1 : children.sortedIndex(of: current)
        }
        return BranchPath(conversation: conversation, ids: path.reversed())
    }

    /// This branch carried on to `leaf` (a reply came, a version was chosen): the few
    /// messages below where they part are looked up one by one. Nil when they part
    /// further up than `steps`, or `leaf` is not in the conversation.
    func extended(to leaf: StoredMessageID, steps: Int = 64, _ db: Database) throws -> BranchPath? {
        var added: [StoredMessageID] = []
        var current: StoredMessageID? = leaf
        while let id = current, added.count < steps {
            if let place = place(of: id) {
                return BranchPath(conversation: conversation, ids: Array(ids[...place]) + added.reversed())
            }
            guard let row = try Row.fetchOne(db, sql: "SELECT parent_id FROM message WHERE id = ? AND conversation_id = ?",
                                             arguments: [id, conversation])
            else { return nil }
            added.append(id)
            current = row[0]
        }
        // The first question is new too: a branch of its own.
        return current == nil ? BranchPath(conversation: conversation, ids: added.reversed()) : nil
    }
}

/// The branch the last find walked, kept for the next keystroke's: a find line asks
/// again on every key, and the branch rarely changes between them.
final class BranchPathCache: Sendable {
    private let last = Mutex<BranchPath?>(nil)

    func path(endingAt leaf: StoredMessageID, in conversation: ConversationID, _ db: Database) throws -> BranchPath {
        if let cached = last.withLock({ $0 }), cached.conversation == conversation {
            if cached.leaf == leaf { return cached }
            if let extended = try cached.extended(to: leaf, db) {
                last.withLock { $0 = extended }
                return extended
            }
        }
        let path = try BranchPath.read(endingAt: leaf, in: conversation, db)
        last.withLock { $0 = path }
        return path
    }

    /// A conversation deleted: its ids may be used again.
    func forget() {
        last.withLock { $0 = nil }
    }
}
