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

    public init(model: String, turns: [ChatTurn]) {
        self.model = model
        self.turns = turns
    }
}
