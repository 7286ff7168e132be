/// One message as it is sent to the API.
public struct ChatTurn: Sendable, Equatable {
    public var role: Role
    public var content: String
    /// Kept on assistant turns and sent back, as moonshot-api.md §8.1 recommends.
    public var reasoning: String?
    /// Images of a user turn: with any, the content goes as an array of parts.
    public var images: [TurnImage] = []
    /// The tools an assistant turn called.
    public var toolCalls: [ToolCall] = []
    /// On a `tool` turn: the call it answers, and the tool's name.
    public var toolCallID: String?
    public var name: String?
    /// Partial Mode (moonshot-api.md §1.4): the last assistant turn is a reply so far,
    /// which the model continues.
    public var partial = false

    public init(role: Role, content: String, reasoning: String? = nil) {
        self.role = role
        self.content = content
        self.reasoning = reasoning
    }
}

/// An image as a turn carries it.
public struct TurnImage: Sendable, Equatable {
    public var name: String
    public var image: AttachedImage

    public init(name: String, image: AttachedImage) {
        self.name = name
        self.image = image
    }
}

/// Everything needed to ask for one reply.
public struct ChatRequest: Sendable, Equatable {
    public var model: String
    public var turns: [ChatTurn]
    /// `max_completion_tokens`; nil leaves it to the server.
    public var maxCompletionTokens: Int?
    /// Sent only to models that accept it (see `RequestRules`).
    public var temperature: Double?
    public var topP: Double?
    /// `reasoning_effort`, for models that take it (kimi-k3).
    public var reasoningEffort: ReasoningEffort?
    /// Declares Kimi's built-in `$web_search`.
    public var webSearch = false
    /// Sends `thinking: {"type": "disabled"}`.
    public var thinkingDisabled = false
    /// `prompt_cache_key`: the same for every request of a conversation, which Moonshot
    /// recommends for multi-turn chat (moonshot-api.md §9.6).
    public var promptCacheKey: String?

    public init(model: String, turns: [ChatTurn], maxCompletionTokens: Int? = nil, temperature: Double? = nil) {
        self.model = model
        self.turns = turns
        self.maxCompletionTokens = maxCompletionTokens
        self.temperature = temperature
    }
}
