import ChatDomain

/// The conversation on screen, and how it is known to the database.
public struct OpenConversation: Sendable, Equatable {
    /// Tells this conversation apart from others opened in this run, including new
    /// ones the database has not assigned an id to yet.
    public let key: Int
    /// Nil until the first message is saved.
    public var id: ConversationID?
    /// Nil for a new conversation until its first message names it.
    public var title: String?
    /// The model every request of this conversation uses (Ctrl-T changes it).
    public var model: String
    /// The latest change made in another window that the transcript shows, numbered
    /// by the runtime; a save from an older transcript makes the runtime reload first.
    public var shownChange = 0
    /// Another window deleted it: the next message starts a new conversation.
    public var deletedElsewhere = false
    /// Alt-W: requests declare Kimi's `$web_search`.
    public var webSearch = false
    /// Alt-S: what this conversation asks for besides the defaults.
    public var settings = ConversationSettings()

    public init(key: Int, id: ConversationID? = nil, title: String? = nil, model: String) {
        self.key = key
        self.id = id
        self.title = title
        self.model = model
    }
}

/// A message of the open conversation to write to the database: the runtime creates
/// the conversation on first use and keeps the mapping from `localID` to the row.
public struct MessageSave: Sendable, Equatable {
    public var conversation: OpenConversation
    /// The transcript message's id in this run.
    public var localID: Int
    public var message: StoredMessage
    /// Where a new message goes in the conversation's tree; nil: after the last one saved.
    public var parent: MessageParent?
    public init(conversation: OpenConversation, localID: Int, message: StoredMessage, parent: MessageParent? = nil) {
        self.conversation = conversation
        self.localID = localID
        self.message = message
        self.parent = parent
    }
}

/// A saved message's parent, as the store knows it.
public enum MessageParent: Sendable, Equatable {
    /// A first question (the first one, or another version of it).
    case root
    /// A message whose row is known.
    case row(StoredMessageID)
    /// A message saved in this run: the runtime knows its row by its transcript id.
    case local(Int)
}

/// Words to mark in a message: the search that opened the conversation.
public struct TranscriptHighlight: Sendable, Equatable {
    public var messageID: Int
    public var words: [String]

    public init(messageID: Int, words: [String]) {
        self.messageID = messageID
        self.words = words
    }
}
