import ChatDomain
import Testing

/// Which failures are tried again and how long each wait is (moonshot-api.md §4).
@Suite("Retry policy")
struct RetryPolicyTests {
    let policy = RetryPolicy()

    static let retried: [ChatError] = [
        .connection("connection refused"), .interrupted("the connection closed before the reply started"),
        .http(status: 429, type: "rate_limit_reached_error", message: "max RPM"),
        .http(status: 429, type: "engine_overloaded_error", message: "overloaded"),
        .http(status: 500, type: "server_error", message: "x"), .http(status: 502, type: nil, message: "Bad Gateway"),
        .http(status: 503, type: nil, message: "x"), .http(status: 504, type: nil, message: "x"),
        .http(status: 200, type: "engine_overloaded_error", message: "in the stream"),
    ]
    static let final: [ChatError] = [
        .http(status: 400, type: "invalid_request_error", message: "Invalid request"),
        .http(status: 400, type: "content_filter", message: "high risk"),
        .http(status: 401, type: "invalid_authentication_error", message: "Invalid Authentication"),
        .http(status: 403, type: "permission_denied_error", message: "not open"),
        .http(status: 404, type: "resource_not_found_error", message: "Not found the model"),
        .http(status: 429, type: "exceeded_current_quota_error", message: "quota"),
        .http(status: 501, type: nil, message: "Not Implemented"),
        .http(status: 200, type: "content_filter", message: "in the stream"),
        .malformedStream("too long"), .invalidRequest("bad URL"), .missingKey, .notSaved("disk full"),
    ]

    @Test("retried before the first token", arguments: retried)
    func retriedFailures(failure: ChatError) {
        #expect(policy.delay(after: failure, attempt: 1, retryAfter: nil, jitter: 0.5) != nil)
    }

    @Test("never retried", arguments: final)
    func finalFailures(failure: ChatError) {
        #expect(policy.delay(after: failure, attempt: 1, retryAfter: nil, jitter: 0.5) == nil)
    }

    @Test("the wait doubles from one second, within a quarter either way; four tries at most")
    func exponentialBackoff() {
        let failure = ChatError.http(status: 503, type: nil, message: "x")
        #expect(policy.delay(after: failure, attempt: 1, retryAfter: nil, jitter: 0.5) == 1)
        #expect(policy.delay(after: failure, attempt: 2, retryAfter: nil, jitter: 0.5) == 2)
        #expect(policy.delay(after: failure, attempt: 3, retryAfter: nil, jitter: 0.5) == 4)
        #expect(policy.delay(after: failure, attempt: 4, retryAfter: nil, jitter: 0.5) == nil)
        #expect(policy.delay(after: failure, attempt: 1, retryAfter: nil, jitter: 0) == 0.75)
        #expect(policy.delay(after: failure, attempt: 3, retryAfter: nil, jitter: 1) == 5)
    }

    @Test("Retry-After wins; else the message's “try again after N seconds”; a wait over a minute is refused")
    func serverHints() {
        let limited = ChatError.http(status: 429, type: "rate_limit_reached_error",
                                     message: "request reached organization max RPM: 3, please try again after 7 seconds")
        #expect(policy.delay(after: limited, attempt: 1, retryAfter: 2, jitter: 0.9) == 2)
        #expect(policy.delay(after: limited, attempt: 1, retryAfter: nil, jitter: 0.9) == 7)
        #expect(policy.delay(after: limited, attempt: 1, retryAfter: 1152, jitter: 0.9) == nil)
        #expect(RetryPolicy.hintedDelay(in: .http(status: 429, type: nil, message: "Try again after 2.5 seconds")) == 2.5)
        #expect(RetryPolicy.hintedDelay(in: .http(status: 429, type: nil, message: "try again later")) == nil)
    }

    @Test("the countdown reads “retrying in Ns (2/4)”, rounded up, then “retrying (2/4)”")
    func countdown() {
        let notice = RetryNotice(attempt: 2, maxAttempts: 4, seconds: 2.2, reason: "rate limited")
        #expect(notice.countdown(elapsed: 0) == "retrying in 3s (2/4)")
        #expect(notice.countdown(elapsed: 1.5) == "retrying in 1s (2/4)")
        #expect(notice.countdown(elapsed: 2.5) == "retrying (2/4)")
    }

    @Test("a request too long for the context window is recognised by its message")
    func contextOverflow() {
        #expect(ChatError.http(status: 400, type: "invalid_request_error",
                               message: "Invalid request: Your request exceeded model token limit: 262144 (requested: 269030)")
            .isContextOverflow)
        #expect(ChatError.http(status: 400, type: "invalid_request_error", message: "Input token length too long")
            .isContextOverflow)
        #expect(!ChatError.http(status: 400, type: "invalid_request_error", message: "Invalid request: bad role")
            .isContextOverflow)
    }
}
