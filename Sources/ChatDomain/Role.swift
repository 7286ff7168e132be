/// Who wrote a message, as the Chat Completions API names it.
public enum Role: String, Sendable, Codable, Equatable {
    case system
    case user
    case assistant
    /// The answer to a tool call (`$web_search`); only ever sent, never saved as a row.
    case tool
}
