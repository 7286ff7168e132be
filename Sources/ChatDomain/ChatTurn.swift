/// One message as it is sent to the API.
public struct ChatTurn: Sendable, Equatable {
    public var role: Role
    public var content: String
    /// Kept on assistant turns and sent back, as moonshot-api.md §8.1 recommends.
    public var reasoning: String?

    public init(role: Role, content: String, reasoning: String? = nil) {
        self.role = role
        self.content = content
        self.reasoning = reasoning
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

    public init(model: String, turns: [ChatTurn], maxCompletionTokens: Int? = nil, temperature: Double? = nil) {
        self.model = model
        self.turns = turns
        self.maxCompletionTokens = maxCompletionTokens
        self.temperature = temperature
    }
}
