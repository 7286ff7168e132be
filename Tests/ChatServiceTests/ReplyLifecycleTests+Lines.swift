import ChatDomain
import Testing
@testable import ChatService

/// The lines of `ReplyLifecycleTests`, spelled short: an event and the action it must give.
extension ReplyLifecycleTests {
    typealias Event = ReplyLifecycle.Event
    typealias Action = ReplyLifecycle.Action

    static let key = "sk-test-abcd1234"
    static let host = "api.example.test"

    /// A transport failure that is not a `ChatError`: it is translated by where it happened.
    struct Broken: Error {}

    static func settings(stream: Bool = true, retry: RetryPolicy = RetryPolicy()) -> ReplyLifecycle.Settings {
        ReplyLifecycle.Settings(ChatServiceConfiguration(baseURL: "https://\(host)/v1", apiKey: key), stream: stream)
            .with(retry: retry)
    }

    /// Feeds `lines` in order; each event must give its action.
    func run(_ lines: [(Event, Action)], _ settings: ReplyLifecycle.Settings = settings(),
             sourceLocation: SourceLocation = #_sourceLocation) {
        var lifecycle = ReplyLifecycle(settings)
        for (number, line) in lines.enumerated() {
            let action = lifecycle.receive(line.0)
            #expect(action == line.1, "line \(number + 1): \(line.0)", sourceLocation: sourceLocation)
        }
    }

    // MARK: - Events and actions, spelled short

    static let start: Event = .attemptStarted(jitter: 0.5)
    static func send(_ attempt: Int) -> Action { .send(attempt: attempt) }
    static func head(_ status: Int = 200, _ reason: String = "OK", type: String? = "text/event-stream",
                     retryAfter: Double? = nil, at seconds: Double = 0) -> Event {
        .headReceived(ResponseHead(status: status, reason: reason, contentType: type, retryAfter: retryAfter),
                      at: .seconds(seconds))
    }
    static func readBody(until seconds: Double = 120) -> Action { .readBody(idleDeadline: .seconds(seconds)) }
    static func bytes(_ count: Int = 64, at seconds: Double) -> Event { .bytesArrived(count: count, at: .seconds(seconds)) }
    static func decoded(_ events: StreamEvent...) -> Event { .decoded(.success(events)) }
    static func unreadable(_ raw: String) -> Event { .decoded(.failure(.malformedStream(raw))) }
    static func errorEvent(_ error: ChatError) -> Event { .decoded(.failure(error)) }
    static func deliver(_ events: StreamEvent...) -> Action { .deliver(events) }
    static func idle(at seconds: Double) -> Event { .idleDeadlinePassed(at: .seconds(seconds)) }
    static func watch(until seconds: Double) -> Action { .watchIdle(until: .seconds(seconds)) }
    static func errorBody(_ type: String, _ message: String) -> Event {
        .errorBodyRead("{\"error\":{\"message\":\"\(message)\",\"type\":\"\(type)\"}}")
    }
    static func retry(after seconds: Double, next attempt: Int, of maxAttempts: Int = 4, because cause: ChatError)
        -> Action {
        .end(.retry(after: seconds, notice: RetryNotice(attempt: attempt, maxAttempts: maxAttempts, seconds: seconds,
                                                        reason: cause.shortReason), cause: cause))
    }
    static func fail(_ error: ChatError) -> Action { .end(.fail(error)) }
    static func finish(_ events: StreamEvent...) -> Action { .end(.finish(events)) }

    static let usage = Usage(promptTokens: 10, completionTokens: 3, totalTokens: 13)
    static let closedEarly = ChatError.interrupted("the connection closed before the reply started")
    static let idleTimeout = ChatError.interrupted("no data arrived for 120 s (idle timeout)")
    static let broke = ChatError.interrupted("the connection to \(host) broke")
    static let overloaded = ChatError.http(status: 200, type: "engine_overloaded_error", message: "busy")
    static let unavailable = ChatError.http(status: 503, type: "server_error", message: "down")
}

extension ReplyLifecycle.Settings {
    func with(retry: RetryPolicy) -> Self {
        var settings = self
        settings.retry = retry
        return settings
    }
}
