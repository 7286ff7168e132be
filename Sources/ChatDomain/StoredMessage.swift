import Foundation

/// Where a saved message stands. Replies are saved while they stream, so a reply
/// can be found in any of these states after a crash.
public enum MessageStatus: String, Sendable, Codable, Equatable, CaseIterable {
    case streaming
    case complete
    /// The user stopped it; the partial text is kept.
    case stopped
    /// The connection broke, the stream ended early, or the writer died mid-reply.
    case interrupted
    /// The request failed before any text arrived; `errorMessage` says why.
    case error
}

/// One message as it is kept in the conversation database.
public struct StoredMessage: Sendable, Equatable, Codable {
    /// Nil until the message is first saved.
    public var id: StoredMessageID?
    /// The message this one follows or answers; nil for the first of a conversation.
    /// Siblings (the same parent) are the versions of one turn: an edited question,
    /// a regenerated reply.
    public var parentID: StoredMessageID?
    public var role: Role
    public var text: String
    public var reasoning: String
    public var status: MessageStatus
    /// The model that wrote a reply.
    public var model: String?
    public var usage: Usage?
    public var finishReason: FinishReason?
    /// Why the reply failed, in words for the user, when it did.
    public var errorMessage: String?
    public var createdAt: Date?
    /// Files sent with a question.
    public var attachments: [Attachment] = []
    /// The web searches a reply made before its answer.
    public var searches: [SearchRound] = []
    /// How long the model thought before it answered, as the chat timed it.
    public var thinkingMilliseconds: Int?

    public init(id: StoredMessageID? = nil, parentID: StoredMessageID? = nil, role: Role, text: String,
                reasoning: String = "", status: MessageStatus = .complete, model: String? = nil,
                usage: Usage? = nil, finishReason: FinishReason? = nil, errorMessage: String? = nil,
                createdAt: Date? = nil) {
        self.id = id
        self.parentID = parentID
        self.role = role
        self.text = text
        self.reasoning = reasoning
        self.status = status
        self.model = model
        self.usage = usage
        self.finishReason = finishReason
        self.errorMessage = errorMessage
        self.createdAt = createdAt
    }
}
