/// The port through which the core asks for a streamed reply; the live implementation
/// speaks HTTP, tests may speak to the mock server through the same implementation.
public protocol ChatStreaming: Sendable {
    /// Streams the reply to `request`. Cancelling the consuming task ends the request
    /// and closes its connection. The stream finishes with a `ChatError` on failure.
    func streamReply(to request: ChatRequest) -> AsyncThrowingStream<StreamEvent, any Error>
}
