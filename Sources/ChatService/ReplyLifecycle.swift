import ChatDomain

/// The life of one reply, every try included, as a state machine without I/O (in the
/// manner of AsyncHTTPClient's `Transaction.StateMachine`): the caller reports what
/// happened (`Event`) and does what it is told (`Action`). Connecting, sleeping and the
/// idle watchdog's timer stay with the caller (`ReplyExchange`); every decision is here:
/// whether a head is usable, which events reach the caller, when silence is too long,
/// whether a failure is tried again and after how long, when the reply is complete.
///
/// The rule that shapes it: a try is repeated only while no token has arrived, since
/// after one the start of the reply would come twice.
struct ReplyLifecycle: Sendable {
    private enum State: Sendable {
        /// Nothing sent yet.
        case idle
        case awaitingHead(Attempt)
        case readingErrorBody(Attempt, ResponseHead)
        case readingBody(Attempt, BodyProgress)
        /// `Attempt` is the try that failed; the next one starts after the wait.
        case waitingToRetry(Attempt)
        case finished
        case failed
        case cancelled
    }

    private struct Attempt: Sendable {
        var number: Int
        var jitter: Double
    }

    /// What a body has shown so far.
    private struct BodyProgress: Sendable {
        var lastBytes: Duration
        var bytes = 0
        /// A token (text or thinking) arrived: no more retries.
        var sawToken = false
        var sawFinish = false
        /// The first event that could not be read, already masked; a body with nothing
        /// readable in it fails with this instead of being tried again.
        var firstUnreadable: String?
    }

    private let settings: Settings
    private var state = State.idle

    init(_ settings: Settings) {
        self.settings = settings
    }

    private var idleTimeout: Duration { .seconds(settings.idleTimeout) }

    mutating func receive(_ event: Event) -> Action {
        switch event {
        case let .attemptStarted(jitter): return attemptStarted(jitter: jitter)
        case let .headReceived(head, now): return headReceived(head, at: now)
        case let .errorBodyRead(body): return errorBodyRead(body)
        case let .bytesArrived(count, now): return bytesArrived(count: count, at: now)
        case let .decoded(result): return decoded(result)
        case let .idleDeadlinePassed(now): return idleDeadlinePassed(at: now)
        case let .failed(error): return failed(error)
        case .bodyEnded: return bodyEnded()
        case .cancelled: return cancelled()
        }
    }

    // MARK: - Events

    private mutating func attemptStarted(jitter: Double) -> Action {
        switch state {
        case .idle:
            state = .awaitingHead(Attempt(number: 1, jitter: jitter))
            return .send(attempt: 1)
        case let .waitingToRetry(previous):
            state = .awaitingHead(Attempt(number: previous.number + 1, jitter: jitter))
            return .send(attempt: previous.number + 1)
        case .cancelled:
            return .end(.cancel)
        case .awaitingHead, .readingErrorBody, .readingBody, .finished, .failed:
            return .none
        }
    }

    private mutating func headReceived(_ head: ResponseHead, at now: Duration) -> Action {
        guard case let .awaitingHead(attempt) = state else { return .none }
        if head.status != 200 {
            state = .readingErrorBody(attempt, head)
            return .readErrorBody
        }
        if head.isWebPage {
            // No retry reads a login page better.
            return endTry(attempt, .malformedStream(
                "the server answered with a web page (\(head.contentType ?? "text/html")), not the API's reply: "
                    + "is the base URL (\(settings.baseURL)) right, and is the network not behind a login page?"))
        }
        state = .readingBody(attempt, BodyProgress(lastBytes: now))
        return .readBody(idleDeadline: now + idleTimeout)
    }

    private mutating func errorBodyRead(_ body: String) -> Action {
        guard case let .readingErrorBody(attempt, head) = state else { return .none }
        let failure = ErrorTranslation.httpFailure(status: head.status, reason: head.reason, body: body)
        return endTry(attempt, failure, retryAfter: head.retryAfter)
    }

    private mutating func bytesArrived(count: Int, at now: Duration) -> Action {
        guard case .readingBody(let attempt, var progress) = state else { return .none }
        progress.lastBytes = now
        progress.bytes += count
        state = .readingBody(attempt, progress)
        if !settings.stream && progress.bytes > settings.wholeReplyLimit {
            return endTry(attempt, .malformedStream("the reply is larger than \(settings.wholeReplyLimit >> 20) MiB"),
                          afterFirstToken: progress.sawToken)
        }
        return .none
    }

    private mutating func decoded(_ result: Result<[StreamEvent], ChatError>) -> Action {
        guard case .readingBody(let attempt, var progress) = state else { return .none }
        switch result {
        case let .failure(.malformedStream(raw)) where settings.stream:
            // One unreadable event costs that event, not the reply. Its preview quotes
            // the server, which could quote the key.
            let reason = KeyRedaction.redact(raw, key: settings.apiKey)
            if progress.firstUnreadable == nil { progress.firstUnreadable = reason }
            state = .readingBody(attempt, progress)
            return .deliver([.unreadable(reason)])
        case let .failure(error):
            // An `{"error": …}` event, or a whole reply that does not read.
            return endTry(attempt, error, afterFirstToken: progress.sawToken)
        case let .success(events):
            for (index, event) in events.enumerated() {
                switch event {
                case .content, .reasoning, .toolCall: progress.sawToken = true
                case .finished: progress.sawFinish = true
                case .done:
                    state = .finished
                    return .end(.finish(Array(events[...index])))
                case .usage, .retrying, .unreadable: break
                }
            }
            state = .readingBody(attempt, progress)
            return events.isEmpty ? .none : .deliver(events)
        }
    }

    private mutating func idleDeadlinePassed(at now: Duration) -> Action {
        guard case let .readingBody(attempt, progress) = state else { return .none }
        let deadline = progress.lastBytes + idleTimeout
        guard now >= deadline else { return .watchIdle(until: deadline) }
        return endTry(attempt, .interrupted("no data arrived for \(settings.idleTimeout) s (idle timeout)"),
                      afterFirstToken: progress.sawToken)
    }

    private mutating func failed(_ error: any Error) -> Action {
        switch state {
        case let .awaitingHead(attempt):
            return endTry(attempt, settings.translation.beforeResponse(error, timeout: settings.responseHeadTimeout))
        case .readingErrorBody:
            // The status says enough without its body.
            return errorBodyRead("")
        case let .readingBody(attempt, progress):
            if !(error is ChatError), !progress.sawToken, let firstUnreadable = progress.firstUnreadable {
                // A stream with nothing readable in it would not read better a second time.
                return endTry(attempt, .malformedStream(firstUnreadable))
            }
            return endTry(attempt, settings.translation.duringStream(error), afterFirstToken: progress.sawToken)
        case .idle, .waitingToRetry, .finished, .failed, .cancelled:
            return .none
        }
    }

    private mutating func bodyEnded() -> Action {
        guard case let .readingBody(attempt, progress) = state else { return .none }
        if progress.sawToken || progress.sawFinish {
            // Without [DONE]: the caller marks the reply interrupted unless a finish
            // reason came, after which nothing is missing.
            state = .finished
            return .end(.finish([]))
        }
        if let firstUnreadable = progress.firstUnreadable {
            return endTry(attempt, .malformedStream(firstUnreadable))
        }
        // Nothing arrived, so trying again cannot duplicate anything.
        return endTry(attempt, .interrupted("the connection closed before the reply started"))
    }

    private mutating func cancelled() -> Action {
        switch state {
        case .finished, .failed:
            return .none
        case .idle, .awaitingHead, .readingErrorBody, .readingBody, .waitingToRetry, .cancelled:
            state = .cancelled
            return .end(.cancel)
        }
    }

    // MARK: - The retry decision

    /// Try `attempt` failed with `failure`: wait and try again, or give up.
    private mutating func endTry(_ attempt: Attempt, _ failure: ChatError, retryAfter: Double? = nil,
                                 afterFirstToken: Bool = false) -> Action {
        if afterFirstToken {
            state = .failed
            return .end(.fail(failure))
        }
        let policy = settings.retry
        guard let wait = policy.delay(after: failure, attempt: attempt.number, retryAfter: retryAfter,
                                      jitter: attempt.jitter) else {
            state = .failed
            let gaveUp = attempt.number > 1 && RetryPolicy.isRetryable(failure)
            return .end(.fail(gaveUp ? .gaveUp(attempts: attempt.number, last: failure) : failure))
        }
        state = .waitingToRetry(attempt)
        let notice = RetryNotice(attempt: attempt.number + 1, maxAttempts: policy.maxAttempts, seconds: wait,
                                 reason: failure.shortReason)
        return .end(.retry(after: wait, notice: notice, cause: failure))
    }
}
