import ChatDomain

/// Which conversation the runtime should watch for changes made elsewhere, and what
/// the transcript already shows of them. Nil id: nothing saved to watch.
public struct ConversationWatch: Sendable, Equatable {
    public var id: ConversationID
    public var shownChange: Int
    /// While a reply streams into it, nothing is reloaded: checked again after.
    public var isPaused: Bool

    public init(id: ConversationID, shownChange: Int, isPaused: Bool) {
        self.id = id
        self.shownChange = shownChange
        self.isPaused = isPaused
    }
}

extension AppState {
    /// What the runtime should watch now.
    public var conversationWatch: ConversationWatch? {
        conversation.id.map { ConversationWatch(id: $0, shownChange: conversation.shownChange, isPaused: isStreaming) }
    }
}
