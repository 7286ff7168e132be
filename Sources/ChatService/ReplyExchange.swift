import AsyncHTTPClient
import ChatDomain
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import Synchronization

/// The I/O around one `ReplyLifecycle`: it sends the request, reads the head, has the
/// body read (`BodyReader`, with its idle watchdog) and sleeps between tries, reporting
/// each of these to the lifecycle, which decides everything else. Events reach
/// `deliver` on the task that reads the body.
struct ReplyExchange: Sendable {
    let client: HTTPClient
    let configuration: ChatServiceConfiguration
    let logger: Logger
    let stream: Bool

    /// Runs the reply to its end; throws a `ChatError`, or `CancellationError` when the
    /// calling task is cancelled.
    func run(_ chatRequest: ChatRequest, deliver: @escaping @Sendable (StreamEvent) -> Void) async throws {
        let request = try prepare(chatRequest)
        let lifecycle = SharedLifecycle(ReplyLifecycle(.init(configuration, stream: stream)))
        var action = lifecycle.receive(.attemptStarted(jitter: Double.random(in: 0..<1)))
        while true {
            let ending: ReplyLifecycle.Ending
            switch action {
            case .send:
                let summary = "model=\(chatRequest.model) messages=\(chatRequest.turns.count) stream=\(stream)"
                logger.info("POST \(request.url) \(summary)")
                ending = await tryOnce(request, lifecycle, deliver: deliver)
            case let .end(end):
                ending = end
            case .none, .readBody, .readErrorBody, .deliver, .watchIdle:
                // A try's start is answered with `send` (or, once cancelled, `end`) only.
                ending = unexpected(action, after: "a try's start")
            }
            switch ending {
            case let .retry(wait, notice, cause):
                // A try the caller's cancelling broke is not announced as retried.
                guard !Task.isCancelled else {
                    action = lifecycle.receive(.cancelled)
                    continue
                }
                let reason = KeyRedaction.redact(cause.userMessage, key: configuration.apiKey)
                logger.warning("try \(notice.attempt - 1) failed: \(reason); retrying in \(wait) s")
                deliver(.retrying(notice))
                do {
                    try await Task.sleep(for: .seconds(wait))
                    action = lifecycle.receive(.attemptStarted(jitter: Double.random(in: 0..<1)))
                } catch {
                    action = lifecycle.receive(.cancelled)
                }
            case let .finish(last):
                for event in last { deliver(event) }
                return
            case let .fail(error):
                throw error
            case .cancel:
                throw CancellationError()
            }
        }
    }

    private func prepare(_ chatRequest: ChatRequest) throws(ChatError) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: configuration.endpointBase + "/chat/completions")
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: stream ? "text/event-stream" : "application/json")
        let body: Data
        do {
            body = try RequestBody(chatRequest, stream: stream).encoded()
        } catch {
            logFailure("encoding the request", error)
            throw .invalidRequest("the request could not be encoded (see the log)")
        }
        if body.count > RequestLimits.bodyBytes {
            throw .invalidRequest("the request would be \(ByteCount.text(body.count)), over the \(ByteCount.text(RequestLimits.bodyBytes)) "
                + "the API takes: send fewer or smaller images")
        }
        request.body = .bytes(ByteBuffer(bytes: body))
        return request
    }

    /// One try, from sending the request to how it ended.
    private func tryOnce(_ request: HTTPClientRequest, _ lifecycle: SharedLifecycle,
                         deliver: @escaping @Sendable (StreamEvent) -> Void) async -> ReplyLifecycle.Ending {
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(configuration.responseHeadTimeout))
        } catch {
            if Task.isCancelled { return ending(after: .cancelled, lifecycle) }
            logFailure("POST \(request.url)", error)
            return ending(after: .failed(error), lifecycle)
        }
        let head = ResponseHead(status: Int(response.status.code), reason: response.status.reasonPhrase,
                                contentType: response.headers.first(name: "Content-Type"),
                                retryAfter: ResponseHead.retryAfterSeconds(response.headers.first(name: "Retry-After")))
        switch lifecycle.receive(.headReceived(head, at: lifecycle.now)) {
        case .readErrorBody:
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { String(buffer: $0) } ?? ""
            if Task.isCancelled { return ending(after: .cancelled, lifecycle) }
            let excerpt = KeyRedaction.redact(String(body.prefix(300)), key: configuration.apiKey)
            logger.warning("HTTP \(head.status): \(excerpt)")
            return ending(after: .errorBodyRead(body), lifecycle)
        case let .readBody(idleDeadline):
            let reader = BodyReader(lifecycle: lifecycle, deliver: deliver, logger: logger, apiKey: configuration.apiKey)
            let stream = stream
            let ended = await withTaskGroup(of: ReplyLifecycle.Ending?.self) { group in
                group.addTask { stream ? await reader.readEvents(response.body) : await reader.readWhole(response.body) }
                group.addTask { await reader.watchIdle(until: idleDeadline) }
                // The first to end the try stops the other, which then returns nil.
                var ending: ReplyLifecycle.Ending?
                while ending == nil, let next = await group.next() { ending = next }
                group.cancelAll()
                return ending
            }
            // Neither ended it: both were cancelled with the caller.
            return ended ?? ending(after: .cancelled, lifecycle)
        case let .end(ending):
            return ending
        case let action:
            return unexpected(action, after: "the head")
        }
    }

    /// For an event that always ends a try in progress (a failure before the body, the
    /// error body, cancelling): how it ended.
    private func ending(after event: ReplyLifecycle.Event, _ lifecycle: SharedLifecycle) -> ReplyLifecycle.Ending {
        let action = lifecycle.receive(event)
        if case let .end(ending) = action { return ending }
        return unexpected(action, after: "a failure")
    }

    /// An action the lifecycle's tests say it never gives at this point: a failure in
    /// words, the detail in the log, rather than a crash or a hang.
    private func unexpected(_ action: ReplyLifecycle.Action, after what: String) -> ReplyLifecycle.Ending {
        logger.error("the reply's lifecycle answered \(what) with \(action)")
        return .fail(.connection("the request failed unexpectedly (see the log)"))
    }

    /// The error as the libraries describe it, for the log only (the user gets words).
    private func logFailure(_ what: String, _ error: any Error) {
        let detail = KeyRedaction.redact(String(describing: error), key: configuration.apiKey)
        logger.warning("\(what) failed: \(detail)")
    }
}

/// The lifecycle of one reply, shared by the task that reads the body and the idle
/// watchdog beside it. "Now" is read here, as the time since the reply began.
final class SharedLifecycle: Sendable {
    private let machine: Mutex<ReplyLifecycle>
    private let origin = ContinuousClock.now

    init(_ lifecycle: ReplyLifecycle) {
        machine = Mutex(lifecycle)
    }

    var now: Duration { ContinuousClock.now - origin }

    func instant(at time: Duration) -> ContinuousClock.Instant { origin + time }

    func receive(_ event: ReplyLifecycle.Event) -> ReplyLifecycle.Action {
        machine.withLock { $0.receive(event) }
    }
}
