import ChatDomain
import Foundation

/// What a transcript entry is.
public enum MessageKind: Sendable, Equatable {
    case user
    case assistant
    /// Something kimichat tells the user (how to set a key, demo mode…): never sent.
    case notice
    /// A failure, explained: never sent.
    case error
}

/// Where an assistant reply stands: the same states the database keeps.
public typealias ReplyStatus = MessageStatus

/// One entry of the transcript.
public struct TranscriptMessage: Sendable, Equatable, Identifiable {
    public let id: Int
    public var kind: MessageKind
    public var text: String
    public var reasoning: String
    public var status: ReplyStatus
    public var model: String?
    public var usage: Usage?
    public var finishReason: FinishReason?
    /// The message's row in the conversation database, when it was loaded from there.
    public var storedID: StoredMessageID?
    /// The question or reply this entry belongs to in the conversation's tree: itself
    /// for a question or reply; for a notice or error, the one it followed (0 before any).
    public internal(set) var node: Int
    /// Its place among the other versions of it (edits, regenerated replies), if any.
    public internal(set) var branch: BranchPosition?
    /// When it was saved, once known: shown in the outline.
    public var createdAt: Date?
    /// Files sent with a question.
    public var attachments: [Attachment] = []
    /// The web searches a reply made before its answer.
    public var searches: [SearchRound] = []
    /// Earlier messages left out of the request that produced this reply.
    public var omittedHistory = 0
    /// The thinking block is shown whole after the answer started (Alt-T).
    public var showsReasoning = false
    /// How long the model thought, in ticks, while this run watched it.
    public var thinkingTicks: Int?
    /// `thinkingTicks` in milliseconds, as it is saved.
    var thinkingMilliseconds: Int? { thinkingTicks.map { Int(Double($0) * AppState.tickSeconds * 1000) } }
    /// Bumped on every change, so layout caches know when to re-wrap.
    public private(set) var version = 0

    public init(id: Int, kind: MessageKind, text: String, reasoning: String = "",
                status: ReplyStatus = .complete, model: String? = nil, storedID: StoredMessageID? = nil) {
        self.id = id
        self.kind = kind
        self.text = text
        self.reasoning = reasoning
        self.status = status
        self.model = model
        self.storedID = storedID
        node = kind == .user || kind == .assistant ? id : TranscriptTree.root
    }

    public mutating func edit(_ change: (inout TranscriptMessage) -> Void) {
        change(&self)
        version &+= 1
    }

    /// Whether this entry is part of the conversation the model sees.
    var isSentAsHistory: Bool {
        switch kind {
        case .user: return !text.isEmpty
        case .assistant: return !text.isEmpty && status != .streaming
        case .notice, .error: return false
        }
    }
}
