/// The port through which kimichat keeps conversations. Calls are synchronous and
/// may block on disk: callers run them off the UI thread. Every method throws
/// `StorageError`.
public protocol ConversationRepository: Sendable {
    func createConversation(title: String, model: String) throws -> ConversationSummary
    /// Inserts the message (when its `id` is nil) or updates it; returns its id.
    /// Bumps the conversation's `updatedAt`, and its model to the reply's.
    /// A new message goes where `placement` says (an update stays where it is).
    @discardableResult
    func save(_ message: StoredMessage, in conversation: ConversationID,
              placement: MessagePlacement) throws -> StoredMessageID
    /// Makes the branch ending at `leaf` the one the conversation shows and continues.
    func selectBranch(_ conversation: ConversationID, leaf: StoredMessageID) throws
    /// Adds whole conversations (imports, forks), each with its branches; returns their ids.
    @discardableResult
    func importConversations(_ conversations: [SavedConversation]) throws -> [ConversationID]
    /// Conversations whose title or message text contains every word of `query`,
    /// newest first; all conversations when the query is blank.
    func conversations(matching query: String, limit: Int) throws -> [ConversationMatch]
    func summary(of conversation: ConversationID) throws -> ConversationSummary?
    /// The conversation last written to or opened: the one to reopen at start.
    func latestConversation() throws -> ConversationSummary?
    /// Notes that the user opened the conversation (it becomes the latest).
    func markOpened(_ conversation: ConversationID) throws
    func load(_ conversation: ConversationID) throws -> SavedConversation?
    /// A long conversation in part: see the extension's defaults.
    func load(_ conversation: ConversationID, newest window: Int) throws -> SavedConversation?
    func loadEarlier(_ conversation: ConversationID, above message: StoredMessageID, count: Int) throws
        -> (messages: [StoredMessage], window: LoadedWindow?)
    /// The messages of the branch ending at `leaf` that hold every word of `query`
    /// (as the list's search matches them): all, or the one nearest the view.
    func find(_ query: String, in conversation: ConversationID, branchEndingAt leaf: StoredMessageID,
              scope: FindScope) throws -> FoundInConversation
    func rename(_ conversation: ConversationID, to title: String) throws
    /// The model the conversation's next requests use.
    func setModel(_ conversation: ConversationID, to model: String) throws
    /// Alt-W: Kimi's web search on or off for the conversation.
    func setWebSearch(_ conversation: ConversationID, on: Bool) throws
    /// Alt-S: the conversation's own settings.
    func setSettings(_ conversation: ConversationID, _ settings: ConversationSettings) throws
    /// Returns false when there was no such conversation.
    @discardableResult
    func delete(_ conversation: ConversationID) throws -> Bool
    /// Marks replies left "streaming" by a process that no longer runs as interrupted;
    /// returns how many.
    @discardableResult
    func markAbandonedRepliesInterrupted() throws -> Int
    /// Whether someone else changed the conversation (added or updated turns, renamed
    /// or deleted it) since this repository last loaded or wrote it. Cheap: for a check
    /// on a timer and before each request.
    func change(of conversation: ConversationID) throws -> ConversationChange
}

extension ConversationRepository {
    /// The newest `window` messages of the branch shown (with the other versions of
    /// each) and what was left out, or the whole conversation when it is no longer: for
    /// a repository that cannot read part of a conversation, the whole of it.
    public func load(_ conversation: ConversationID, newest window: Int) throws -> SavedConversation? {
        try load(conversation)
    }

    /// The `count` messages of the branch above `message`, with the other versions of
    /// each, and what is still left above (nil: the first question was reached).
    public func loadEarlier(_ conversation: ConversationID, above message: StoredMessageID, count: Int) throws
        -> (messages: [StoredMessage], window: LoadedWindow?) {
        ([], nil)
    }

    /// Nothing found, for a repository without a search index.
    public func find(_ query: String, in conversation: ConversationID, branchEndingAt leaf: StoredMessageID,
                     scope: FindScope) throws -> FoundInConversation {
        FoundInConversation(words: query.split(whereSeparator: \.isWhitespace).map(String.init))
    }

    /// Saves under the message's `parentID` when it has one, else after the branch shown.
    @discardableResult
    public func save(_ message: StoredMessage, in conversation: ConversationID) throws -> StoredMessageID {
        try save(message, in: conversation, placement: message.parentID.map(MessagePlacement.under) ?? .automatic)
    }
}

/// Where a new message goes in its conversation's tree.
public enum MessagePlacement: Sendable, Equatable {
    /// After the branch shown; a reply right after a reply goes beside it (Ctrl-R).
    case automatic
    /// A first question: the first one, or another version of it.
    case root
    case under(StoredMessageID)
}

/// What went wrong with the conversation database, with a message a person can act on.
public enum StorageError: Error, Sendable, Equatable {
    /// The file was written by a newer kimichat whose schema this one does not know.
    case newerSchema(path: String)
    /// The file is not an SQLite database, or is damaged.
    case damaged(path: String, reason: String)
    case cannotOpen(path: String, reason: String)
    case noSuchConversation(ConversationID)
    /// A command that only reads (or `rm`) was pointed at a file that is not there.
    case noDatabase(path: String)
    /// The file or its folder may not be read or written by this user.
    case permissionDenied(path: String, action: String)
    case failed(String)

    public var userMessage: String {
        switch self {
        case let .newerSchema(path):
            return "The conversation database \(path) was written by a newer kimichat. It was left untouched; "
                + "upgrade kimichat, or choose another file with --db."
        case let .damaged(path, reason):
            return "The conversation database \(path) is damaged or is not a kimichat database (\(reason)). "
                + "It was left untouched; move it aside, or choose another file with --db."
        case let .cannotOpen(path, reason):
            return "Could not open the conversation database \(path): \(reason)"
        case let .noSuchConversation(id):
            return "There is no conversation \(id). `kimichat list` shows them."
        case let .noDatabase(path):
            return "no database at \(path)"
        case let .permissionDenied(path, action):
            return "cannot \(action) \(path): permission denied"
        case let .failed(reason):
            return "Could not save or read conversations: \(reason)"
        }
    }
}
