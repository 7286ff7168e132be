import Foundation

/// Where an imported conversation came from: the program that wrote it and the id it
/// had there. Importing the same source twice adds it once (the database keeps the key).
public struct ImportSource: Sendable, Hashable {
    /// `chatgpt` or `kimi-cli`.
    public var kind: String
    /// The conversation's id in the source (ChatGPT's conversation id, kimi-cli's session id).
    public var id: String

    public init(kind: String, id: String) {
        self.kind = kind
        self.id = id
    }

    public static let chatGPT = "chatgpt"
    public static let kimiCLI = "kimi-cli"
}

/// A whole conversation read from another program's files, ready to be stored as one
/// tree. Its messages carry ids of their own (1, 2, …) that only link them to each
/// other: every parent comes before its children, and ids grow with time as far as the
/// source tells, so the newest branch is the one with the highest id (as in
/// `MessageTree`). The store gives them row ids when it writes them.
public struct ImportedConversation: Sendable, Equatable {
    public var source: ImportSource
    public var title: String
    /// The model conversations continue with; empty for "the user's default", which is
    /// what an import from another service needs (its model names mean nothing to Kimi).
    public var model: String
    public var createdAt: Date
    public var updatedAt: Date
    /// Parents before children, each with its own `id` and `parentID` among these.
    public var messages: [StoredMessage]
    /// The last message of the branch to show; nil: the newest message's branch.
    public var currentLeaf: StoredMessageID?

    public init(source: ImportSource, title: String, model: String = "", createdAt: Date, updatedAt: Date,
                messages: [StoredMessage], currentLeaf: StoredMessageID?) {
        self.source = source
        self.title = title
        self.model = model
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.messages = messages
        self.currentLeaf = currentLeaf
    }

    /// The tree as it will be read back (for tests and checks).
    public var tree: MessageTree { MessageTree(messages: messages, currentLeaf: currentLeaf) }
}

/// What storing one imported conversation did.
public enum ImportOutcome: Sendable, Equatable {
    case imported(ConversationID)
    /// A conversation with the same source key is already in the database: nothing added.
    case alreadyImported(ConversationID)
}
