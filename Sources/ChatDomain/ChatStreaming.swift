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
        .pulling { deliver in try await streamReply(to: request, into: deliver) }
    }
}

extension AsyncThrowingStream where Element == StreamEvent, Failure == any Error {
    /// A producer that pushes events, turned into a sequence to pull: it runs in a task
    /// of its own, ends the sequence when it returns (or is cancelled), and is cancelled
    /// when the consumer stops.
    public static func pulling(
        _ produce: @escaping @Sendable (@escaping @Sendable (StreamEvent) -> Void) async throws -> Void
    ) -> Self {
        Self { continuation in
            let task = Task {
                do {
                    try await produce { continuation.yield($0) }
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
