import ChatDomain

extension ReplyLifecycle {
    /// What the lifecycle needs to know of the configuration.
    struct Settings: Sendable {
        /// A streamed reply (SSE) or one in a piece (`stream: false`).
        var stream: Bool
        var retry: RetryPolicy
        /// Seconds of silence in a body before the try ends.
        var idleTimeout: Int64
        /// Seconds allowed until the response head, for the message that names them.
        var responseHeadTimeout: Int64
        /// The largest whole (`stream: false`) reply accepted.
        var wholeReplyLimit = 64 << 20
        /// The base URL as the user wrote it, for the web-page message.
        var baseURL: String
        /// Masked wherever a message quotes the server.
        var apiKey: String
        var translation: ErrorTranslation

        init(_ configuration: ChatServiceConfiguration, stream: Bool) {
            self.stream = stream
            retry = configuration.retry
            idleTimeout = configuration.idleTimeout
            responseHeadTimeout = configuration.responseHeadTimeout
            baseURL = configuration.baseURL
            apiKey = configuration.apiKey
            translation = ErrorTranslation(configuration)
        }
    }

    /// What happened. Times are since the reply began, read by the caller: the lifecycle
    /// has no clock, and no randomness (the jitter of a try's backoff comes with it).
    enum Event: Sendable {
        /// A try begins: the first, or the next after a retry's wait. `jitter` (0..<1)
        /// spreads the backoff should this try fail.
        case attemptStarted(jitter: Double)
        case headReceived(ResponseHead, at: Duration)
        /// The body of an answer that is not 200, read for its message.
        case errorBodyRead(String)
        /// Bytes of the body; `count` bounds a whole reply.
        case bytesArrived(count: Int, at: Duration)
        /// One SSE event's data as `KimiChunkDecoder` read it (or, for a whole reply,
        /// the whole body as `KimiCompletion` read it).
        case decoded(Result<[StreamEvent], ChatError>)
        /// The idle watchdog woke up.
        case idleDeadlinePassed(at: Duration)
        /// The HTTP client, the transport or the SSE parser failed.
        case failed(any Error)
        /// The body ended cleanly.
        case bodyEnded
        /// The caller cancelled.
        case cancelled
    }

    /// What the caller does next.
    enum Action: Sendable, Equatable {
        /// Nothing: read on (or, after the reply ended, the event came late and is ignored).
        case none
        /// Send the request; this is try number `attempt`.
        case send(attempt: Int)
        /// The head is fine: read the body, and wake the idle watchdog at `idleDeadline`.
        case readBody(idleDeadline: Duration)
        /// The status is an error: read the body for its message.
        case readErrorBody
        /// Hand these events to the caller, then read on.
        case deliver([StreamEvent])
        /// Bytes came since the watchdog was set: sleep again until then.
        case watchIdle(until: Duration)
        /// This try is over (stop reading the body, stop the watchdog); so, maybe, is the reply.
        case end(Ending)
    }

    /// How a try ends.
    enum Ending: Sendable, Equatable {
        /// Deliver `.retrying(notice)`, wait `after` seconds, then start the next try.
        /// `cause` is what went wrong, for the log.
        case retry(after: Double, notice: RetryNotice, cause: ChatError)
        /// The reply failed for good: throw this.
        case fail(ChatError)
        /// The reply is complete: deliver these last events (`[DONE]` among them, if it came).
        case finish([StreamEvent])
        /// The caller cancelled: end quietly.
        case cancel
    }
}
