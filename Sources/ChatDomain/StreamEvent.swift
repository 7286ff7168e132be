/// One thing that happened in a streamed reply, in our own words rather than the wire's.
public enum StreamEvent: Sendable, Equatable {
    /// A piece of the answer text.
    case content(String)
    /// A piece of the model's thinking (`reasoning_content`).
    case reasoning(String)
    /// A piece of a tool call the model is making.
    case toolCall(ToolCallFragment)
    case finished(FinishReason)
    case usage(Usage)
    /// The server said `[DONE]`: the reply is complete.
    case done
    /// The try failed before its first token; another follows after the wait.
    case retrying(RetryNotice)
    /// One event of the stream could not be read and was skipped; the reply goes on,
    /// but may lack a piece.
    case unreadable(String)
}
