/// The port through which the core asks for a streamed reply; the live implementation
/// speaks HTTP, tests may speak to the mock server through the same implementation.
public protocol ChatStreaming: Sendable {
    /// Streams the reply to `request`, handing each event to `deliver` on the task that
    /// reads the network, as it is decoded: no queue or task in between. Returns when the
    /// reply has ended; throws a `ChatError` on failure and `CancellationError` when the
    /// calling task is cancelled (the request is then ended and its connection closed).
    func streamReply(to request: ChatRequest, into deliver: @escaping @Sendable (StreamEvent) -> Void) async throws
}

extension ChatStreaming {
    /// The same reply as an async sequence, for callers that pull (`kimichat ask`).
    /// Cancelling the consuming task ends the request.
    public func streamReply(to request: ChatRequest) -> AsyncThrowingStream<StreamEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await streamReply(to: request) { continuation.yield($0) }
                    continuation.finish()
                } catch is CancellationError {
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }
}
