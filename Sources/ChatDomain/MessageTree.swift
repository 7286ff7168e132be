/// A conversation's messages as a tree: each message answers or follows its parent,
/// and editing a question or regenerating a reply adds a sibling instead of replacing.
/// The conversation shows, sends and exports one branch: the path from the root to its
/// current leaf.
///
/// Pure: built from saved messages (each with its id and parent id), changed by the
/// operations below, and read by the chat, `ask`, `show` and `export` alike.
public struct MessageTree: Sendable, Equatable {
    /// Every message by id.
    public private(set) var messages: [StoredMessageID: StoredMessage] = [:]
    /// Each message's children, and the roots under nil, oldest first (ids grow with time).
    private var children: [StoredMessageID?: [StoredMessageID]] = [:]
    /// The last message of the branch shown; nil for an empty conversation.
    public private(set) var currentLeaf: StoredMessageID?
    /// Every id, in order.
    private var ids: [StoredMessageID] = []

    /// The tree of `messages` (each saved, so with an id). A message whose parent is not
    /// among them becomes a root, so a damaged link loses no message. `currentLeaf` nil
    /// or unknown: the newest message's branch.
    public init(messages: [StoredMessage], currentLeaf: StoredMessageID?) {
        let known = Set(messages.compactMap(\.id))
        self.messages.reserveCapacity(messages.count)
        children.reserveCapacity(messages.count)
        // Loaded in id order already, as a rule: sorting is only for what was not.
        let inOrder = zip(messages, messages.dropFirst()).allSatisfy { ($0.id ?? 0) < ($1.id ?? 0) }
        for message in inOrder ? messages : messages.sorted(by: { ($0.id ?? 0) < ($1.id ?? 0) }) {
            guard let id = message.id, self.messages[id] == nil else { continue }
            var message = message
            if let parent = message.parentID, !known.contains(parent) || parent == id { message.parentID = nil }
            self.messages[id] = message
            children[message.parentID, default: []].append(id)
            ids.append(id)
        }
        if let currentLeaf, self.messages[currentLeaf] != nil {
            self.currentLeaf = currentLeaf
        } else {
            self.currentLeaf = self.messages.keys.max()
        }
    }

    /// A linear conversation: each message the child of the one before it. Messages not
    /// saved yet (an import, a seed) are numbered after the highest id given, in order:
    /// a tree needs ids, and whoever saves them gives them their own.
    public static func linear(_ messages: [StoredMessage]) -> MessageTree {
        var linked: [StoredMessage] = []
        var previous: StoredMessageID?
        var unsaved = messages.compactMap(\.id).max() ?? 0
        for var message in messages {
            if message.id == nil {
                unsaved += 1
                message.id = unsaved
            }
            message.parentID = previous
            linked.append(message)
            previous = message.id
        }
        return MessageTree(messages: linked, currentLeaf: previous)
    }

    public var count: Int { messages.count }

    /// Every message, oldest first.
    public var allMessages: [StoredMessage] {
        ids.compactMap { messages[$0] }
    }

    /// Every message's id, oldest first.
    public var orderedIDs: [StoredMessageID] { ids }

    /// The ids of the branch shown, root first: without copying its messages.
    public var currentPathIDs: [StoredMessageID] {
        var path: [StoredMessageID] = []
        var next = currentLeaf
        while let current = next, path.count < messages.count, let message = messages[current] {
            path.append(current)
            next = message.parentID
        }
        return path.reversed()
    }

    /// The branch shown: root first, the current leaf last.
    public var currentPath: [StoredMessage] {
        currentLeaf.map(path(to:)) ?? []
    }

    /// The messages from the root down to `id`.
    public func path(to id: StoredMessageID) -> [StoredMessage] {
        var path: [StoredMessage] = []
        var next: StoredMessageID? = id
        // No path is longer than the tree: more steps would be a loop in a damaged file.
        while let current = next, path.count < messages.count, let message = messages[current] {
            path.append(message)
            next = message.parentID
        }
        path.reverse()
        return path
    }

    /// The children of `id` (the first messages for nil), oldest first.
    public func children(of id: StoredMessageID?) -> [StoredMessageID] {
        children[id] ?? []
    }

    /// `id` and its siblings (the messages with the same parent), oldest first.
    public func siblings(of id: StoredMessageID) -> [StoredMessageID] {
        guard let message = messages[id] else { return [] }
        return children[message.parentID] ?? [id]
    }

    /// The newest leaf under `id` (itself when it has no children): where flipping to a
    /// sibling lands, on the branch most recently written. Ids grow with time and a
    /// child is newer than its parent, so the newest message below is a leaf.
    public func newestLeaf(under id: StoredMessageID) -> StoredMessageID {
        NewestLeaf.under(id) { children[$0] ?? [] }
    }

    /// How many branches the tree has (its leaves).
    public var branchCount: Int {
        messages.keys.reduce(0) { count, id in (children[id]?.isEmpty ?? true) ? count + 1 : count }
    }

    /// Adds a saved message under its `parentID` and makes it the current leaf: what is
    /// sent or answered next continues from it.
    public mutating func add(_ message: StoredMessage) {
        guard let id = message.id else { return }
        var message = message
        if let parent = message.parentID, messages[parent] == nil { message.parentID = nil }
        if messages[id] == nil {
            children[message.parentID, default: []].append(id)
            // Ids grow with time: a message added is the newest, as a rule.
            if let last = ids.last, last > id {
                ids.insert(id, at: ids.firstIndex { $0 > id } ?? ids.endIndex)
            } else {
                ids.append(id)
            }
        }
        messages[id] = message
        currentLeaf = id
    }

    /// Replaces a saved message's content (a reply growing); its place stays.
    public mutating func update(_ message: StoredMessage) {
        guard let id = message.id, let old = messages[id] else { return }
        var message = message
        message.parentID = old.parentID
        messages[id] = message
    }

    /// Takes out a message that has no children (a reply row saved before its request
    /// was held back); its parent becomes the current leaf when it was.
    public mutating func removeLeaf(_ id: StoredMessageID) {
        guard let message = messages[id], children[id]?.isEmpty ?? true else { return }
        messages[id] = nil
        children[id] = nil
        ids.removeAll { $0 == id }
        children[message.parentID]?.removeAll { $0 == id }
        if currentLeaf == id { currentLeaf = message.parentID }
    }

    /// Shows the branch through `id`: its newest leaf becomes the current one.
    public mutating func select(_ id: StoredMessageID) {
        guard messages[id] != nil else { return }
        currentLeaf = newestLeaf(under: id)
    }

    /// The sibling `offset` places from `id` (−1 older, +1 newer), if there is one.
    public func sibling(of id: StoredMessageID, offset: Int) -> StoredMessageID? {
        let all = siblings(of: id)
        guard let index = all.firstIndex(of: id), all.indices.contains(index + offset) else { return nil }
        return all[index + offset]
    }
}

/// The newest leaf under a node of a tree whose ids grow with time (a child is newer
/// than its parent): the highest id below it, which is a leaf. The chat's tree and the
/// saved one both ask it.
public enum NewestLeaf {
    public static func under<ID: Comparable>(_ node: ID, children: (ID) -> [ID]) -> ID {
        var newest = node
        var stack = [node]
        while let current = stack.popLast() {
            newest = max(newest, current)
            stack += children(current)
        }
        return newest
    }
}
