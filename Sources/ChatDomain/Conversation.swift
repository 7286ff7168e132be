import Foundation

/// A saved conversation's row id in the database.
public typealias ConversationID = Int64
/// A saved message's row id in the database.
public typealias StoredMessageID = Int64

/// What the conversation list shows about one saved conversation.
public struct ConversationSummary: Sendable, Equatable, Identifiable, Codable {
    public var id: ConversationID
    public var title: String
    /// The model of the conversation's latest reply (or the one it was started with).
    public var model: String
    public var createdAt: Date
    public var updatedAt: Date
    public var messageCount: Int
    /// Alt-W: Kimi's web search is on for it.
    public var webSearch = false
    /// Alt-S, a preset: what it asks for besides the defaults.
    public var settings = ConversationSettings()

    public init(id: ConversationID, title: String, model: String, createdAt: Date, updatedAt: Date,
                messageCount: Int, webSearch: Bool = false, settings: ConversationSettings = ConversationSettings()) {
        self.id = id
        self.title = title
        self.model = model
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messageCount = messageCount
        self.webSearch = webSearch
        self.settings = settings
    }
}

/// One hit of a conversation search: the conversation, and for a full-text hit the
/// newest message that matched with a one-line excerpt around the match.
public struct ConversationMatch: Sendable, Equatable, Identifiable {
    public var summary: ConversationSummary
    public var messageID: StoredMessageID?
    public var snippet: String?

    public var id: ConversationID { summary.id }

    public init(summary: ConversationSummary, messageID: StoredMessageID? = nil, snippet: String? = nil) {
        self.summary = summary
        self.messageID = messageID
        self.snippet = snippet
    }
}

/// What a load of the newest part of a long conversation left out.
public struct LoadedWindow: Sendable, Equatable {
    /// The oldest message read on the branch shown; its parent and those above are not.
    public var oldestOnBranch: StoredMessageID
    /// That message's parent, where the branch goes on above; nil at the first question.
    public var parentOfOldest: StoredMessageID?
    public var hasEarlier: Bool { parentOfOldest != nil }
    /// Messages read whose own replies and follow-ups were not (other versions of a
    /// turn on the branch): showing one needs a load of its branch.
    public var unexplored: Set<StoredMessageID>
    /// The conversation's messages not read, on every branch.
    public var notLoaded: Int

    public init(oldestOnBranch: StoredMessageID, parentOfOldest: StoredMessageID?, unexplored: Set<StoredMessageID>,
                notLoaded: Int) {
        self.oldestOnBranch = oldestOnBranch
        self.parentOfOldest = parentOfOldest
        self.unexplored = unexplored
        self.notLoaded = notLoaded
    }
}

/// A saved conversation: every message, as a tree, and the branch it shows.
public struct SavedConversation: Sendable, Equatable {
    public var summary: ConversationSummary
    public var tree: MessageTree
    /// Set when only the newest part of the branch shown was read (a long conversation):
    /// what was left out. Nil when `tree` holds every message.
    public var window: LoadedWindow?

    /// The branch shown, sent and exported: root first.
    public var messages: [StoredMessage] { tree.currentPath }

    public init(summary: ConversationSummary, tree: MessageTree) {
        self.summary = summary
        self.tree = tree
    }

    /// A conversation of one branch: each message follows the one before.
    public init(summary: ConversationSummary, messages: [StoredMessage]) {
        self.init(summary: summary, tree: .linear(messages))
    }
}
