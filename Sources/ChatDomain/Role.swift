/// Who wrote a message, as the Chat Completions API names it.
public enum Role: String, Sendable, Codable, Equatable {
    case system
    case user
    case assistant
}
