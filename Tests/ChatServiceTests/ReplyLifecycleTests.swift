import ChatDomain
import Testing
@testable import ChatService

/// The reply's lifecycle without I/O: each line is one event and the action it must give.
/// Times are seconds since the reply began, in halves and quarters so that they add up
/// exactly as `Duration`s; the jitter 0.5 makes the backoff exactly 1 s, 2 s, 4 s.
@Suite("Reply lifecycle: one line per event")
struct ReplyLifecycleTests {
    // MARK: - A reply that completes

    @Test("a streamed reply: the head, thinking, text, a keep-alive, finish and usage, then [DONE] finishes it")
    func streamedReply() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(at: 0.5), Self.readBody(until: 120.5)),
            (Self.bytes(at: 0.75), .none),
            (Self.decoded(.reasoning("Think.")), Self.deliver(.reasoning("Think."))),
            (Self.decoded(.content("Hello")), Self.deliver(.content("Hello"))),
            (Self.decoded(), .none),
            (Self.decoded(.finished(.stop), .usage(Self.usage)), Self.deliver(.finished(.stop), .usage(Self.usage))),
            (Self.decoded(.done), Self.finish(.done)),
            // The try is over: what comes after changes nothing.
            (Self.bytes(at: 1), .none),
            (.bodyEnded, .none),
            (.cancelled, .none),
        ])
    }

    @Test("a finish reason and then the end of the body, without [DONE]: complete, nothing is missing")
    func finishWithoutDone() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.decoded(.content("All")), Self.deliver(.content("All"))),
            (Self.decoded(.finished(.stop)), Self.deliver(.finished(.stop))),
            (.bodyEnded, Self.finish()),
        ])
    }

    @Test("text and then the end of the body, with neither [DONE] nor a finish reason: ended, not retried")
    func textThenEnd() {
        // The caller marks such a reply interrupted; trying again would print its start twice.
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.decoded(.content("Half")), Self.deliver(.content("Half"))),
            (.bodyEnded, Self.finish()),
        ])
    }

    @Test("a whole reply (stream: false): its events at once, ending with [DONE]")
    func wholeReply() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(type: "application/json"), Self.readBody()),
            (Self.bytes(200, at: 1), .none),
            (Self.decoded(.content("All of it"), .finished(.stop), .done),
             Self.finish(.content("All of it"), .finished(.stop), .done)),
        ], Self.settings(stream: false))
    }

    @Test("a whole reply over 64 MiB stops there, and one that does not read is not skipped: neither is retried")
    func wholeReplyFailures() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(type: "application/json"), Self.readBody()),
            (Self.bytes(64 << 20, at: 1), .none),
            (Self.bytes(1, at: 2), Self.fail(.malformedStream("the reply is larger than 64 MiB"))),
        ], Self.settings(stream: false))
        run([
            (Self.start, Self.send(1)),
            (Self.head(type: "application/json"), Self.readBody()),
            (Self.unreadable("the reply is not valid JSON (<)"), Self.fail(.malformedStream("the reply is not valid JSON (<)"))),
        ], Self.settings(stream: false))
    }

    // MARK: - Before the first token: retried

    @Test("a stream that closed before any token is tried again after 1 s; the second try streams")
    func closedBeforeFirstToken() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (.bodyEnded, Self.retry(after: 1, next: 2, because: Self.closedEarly)),
            (Self.start, Self.send(2)),
            (Self.head(at: 1.5), Self.readBody(until: 121.5)),
            (Self.decoded(.content("Hi")), Self.deliver(.content("Hi"))),
            (Self.decoded(.done), Self.finish(.done)),
        ])
    }

    @Test("no connection, a timeout before the head: retried; a certificate or a bad URL: failed at once")
    func failuresBeforeTheHead() {
        let refused = ChatError.connection("connection refused by \(Self.host) — is the address right and the server up?")
        run([
            (Self.start, Self.send(1)),
            (.failed(refused), Self.retry(after: 1, next: 2, because: refused)),
            (Self.start, Self.send(2)),
            // Not a `ChatError`: translated as a failure before the response.
            (.failed(Broken()), Self.retry(after: 2, next: 3,
                                           because: .connection("the connection to \(Self.host) failed before it answered"))),
            (Self.start, Self.send(3)),
            (.failed(ChatError.connection("no response from \(Self.host) within 300 s")),
             Self.retry(after: 4, next: 4, because: .connection("no response from \(Self.host) within 300 s"))),
        ])
        let untrusted = ChatError.untrustedServer("the certificate of \(Self.host) could not be verified")
        run([(Self.start, Self.send(1)), (.failed(untrusted), Self.fail(untrusted))])
        let badURL = ChatError.invalidRequest("the base URL is not a usable http(s) URL")
        run([(Self.start, Self.send(1)), (.failed(badURL), Self.fail(badURL))])
        let proxy = ChatError.proxyRefused("the proxy at p:3128 (from HTTPS_PROXY) asks for a user name and password")
        run([(Self.start, Self.send(1)), (.failed(proxy), Self.fail(proxy))])
    }

    @Test("503 on every try: 1 s, 2 s, 4 s, then the fourth gives up, saying how many tries")
    func gaveUp() {
        let failure = Self.unavailable
        let body = Self.errorBody("server_error", "down")
        run([
            (Self.start, Self.send(1)),
            (Self.head(503, "Service Unavailable"), .readErrorBody),
            (body, Self.retry(after: 1, next: 2, because: failure)),
            (Self.start, Self.send(2)),
            (Self.head(503, "Service Unavailable"), .readErrorBody),
            (body, Self.retry(after: 2, next: 3, because: failure)),
            (Self.start, Self.send(3)),
            (Self.head(503, "Service Unavailable"), .readErrorBody),
            (body, Self.retry(after: 4, next: 4, because: failure)),
            (Self.start, Self.send(4)),
            (Self.head(503, "Service Unavailable"), .readErrorBody),
            (body, Self.fail(.gaveUp(attempts: 4, last: failure))),
            (Self.start, .none),
        ])
    }

    @Test("retried statuses: 429 rate limit and overload, 500, 502, 503, 504, a gateway's HTML page",
          arguments: [(429, "rate_limit_reached_error"), (429, "engine_overloaded_error"), (500, "server_error"),
                      (502, "server_error"), (503, "server_error"), (504, "server_error")])
    func retriedStatuses(status: Int, type: String) {
        let failure = ChatError.http(status: status, type: type, message: "later")
        run([
            (Self.start, Self.send(1)),
            (Self.head(status, "Whatever", type: "application/json"), .readErrorBody),
            (Self.errorBody(type, "later"), Self.retry(after: 1, next: 2, because: failure)),
        ])
    }

    @Test("a gateway's HTML error page is retried like its status")
    func gatewayPage() {
        let page = "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>"
        let failure = ChatError.gatewayPage(status: 502, summary: "the server answered 502 Bad Gateway")
        run([
            (Self.start, Self.send(1)),
            (Self.head(502, "Bad Gateway", type: "text/html"), .readErrorBody),
            (.errorBodyRead(page), Self.retry(after: 1, next: 2, because: failure)),
        ])
    }

    @Test("Retry-After sets the wait; without it, Moonshot's 'try again after N seconds'; over a minute, no wait")
    func serverChosenWaits() {
        let limited = ChatError.http(status: 429, type: "rate_limit_reached_error", message: "slow down")
        run([
            (Self.start, Self.send(1)),
            (Self.head(429, "Too Many Requests", retryAfter: 7), .readErrorBody),
            (Self.errorBody("rate_limit_reached_error", "slow down"), Self.retry(after: 7, next: 2, because: limited)),
            (Self.start, Self.send(2)),
            // A date past means now.
            (Self.head(429, "Too Many Requests", retryAfter: 0), .readErrorBody),
            (Self.errorBody("rate_limit_reached_error", "slow down"), Self.retry(after: 0, next: 3, because: limited)),
        ])
        let hinted = ChatError.http(status: 429, type: "rate_limit_reached_error",
                                    message: "max RPM: 3, please try again after 12 seconds")
        run([
            (Self.start, Self.send(1)),
            (Self.head(429, "Too Many Requests"), .readErrorBody),
            (Self.errorBody("rate_limit_reached_error", "max RPM: 3, please try again after 12 seconds"),
             Self.retry(after: 12, next: 2, because: hinted)),
        ])
        let daily = ChatError.http(status: 429, type: "rate_limit_reached_error", message: "TPD rate limit")
        run([
            (Self.start, Self.send(1)),
            (Self.head(429, "Too Many Requests", retryAfter: 1152), .readErrorBody),
            (Self.errorBody("rate_limit_reached_error", "TPD rate limit"), Self.fail(daily)),
        ])
    }

    @Test("an error body that cannot be read: the status alone says what failed")
    func unreadableErrorBody() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(503, "Service Unavailable"), .readErrorBody),
            (.failed(Broken()), Self.retry(after: 1, next: 2,
                                           because: .http(status: 503, type: nil, message: "Service Unavailable"))),
        ])
    }

    @Test("an error event before the first token is retried when it says later may work")
    func errorEventBeforeFirstToken() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.decoded(.usage(Self.usage)), Self.deliver(.usage(Self.usage))),
            (Self.errorEvent(Self.overloaded), Self.retry(after: 1, next: 2, because: Self.overloaded)),
        ])
        let filtered = ChatError.http(status: 200, type: "content_filter", message: "high risk")
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.errorEvent(filtered), Self.fail(filtered)),
        ])
    }

    // MARK: - Never retried

    @Test("never retried: 400, 401, 403, 404, an exhausted quota",
          arguments: [(400, "invalid_request_error"), (401, "invalid_authentication_error"),
                      (403, "permission_denied_error"), (404, "resource_not_found_error"),
                      (429, "exceeded_current_quota_error")])
    func neverRetriedStatuses(status: Int, type: String) {
        run([
            (Self.start, Self.send(1)),
            (Self.head(status, "No", type: "application/json"), .readErrorBody),
            (Self.errorBody(type, "no"), Self.fail(.http(status: status, type: type, message: "no"))),
            (Self.start, .none),
        ])
    }

    @Test("a web page where the API should answer: failed at once, naming the base URL")
    func webPage() {
        let message = "the server answered with a web page (text/html; charset=utf-8), not the API's reply: is the "
            + "base URL (https://\(Self.host)/v1) right, and is the network not behind a login page?"
        run([
            (Self.start, Self.send(1)),
            (Self.head(type: "text/html; charset=utf-8"), Self.fail(.malformedStream(message))),
            (Self.bytes(at: 1), .none),
        ])
        // The content type is compared without regard to case.
        run([(Self.start, Self.send(1)), (Self.head(type: "Text/HTML"), Self.fail(.malformedStream(
            "the server answered with a web page (Text/HTML), not the API's reply: is the "
                + "base URL (https://\(Self.host)/v1) right, and is the network not behind a login page?")))])
    }

    @Test("max_attempts = 1: a retryable failure is shown as itself, not as giving up")
    func singleAttempt() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(503, "Service Unavailable"), .readErrorBody),
            (Self.errorBody("server_error", "down"), Self.fail(Self.unavailable)),
        ], Self.settings(retry: .never))
    }

    // MARK: - After the first token: never retried

    @Test("after the first token, a broken connection ends the reply; what arrived stays delivered")
    func brokenAfterFirstToken() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.decoded(.content("one ")), Self.deliver(.content("one "))),
            (.failed(Broken()), Self.fail(Self.broke)),
        ])
        // Thinking counts as a token too.
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.decoded(.reasoning("Hm")), Self.deliver(.reasoning("Hm"))),
            (.failed(Broken()), Self.fail(Self.broke)),
        ])
    }

    @Test("after the first token, an error event ends the reply even when it says later may work")
    func errorEventAfterFirstToken() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.decoded(.content("one ")), Self.deliver(.content("one "))),
            (Self.errorEvent(Self.overloaded), Self.fail(Self.overloaded)),
        ])
    }

    @Test("a line over the parser's bound ends the try, before or after a token, never retried")
    func endlessLine() {
        let tooLong = ChatError.malformedStream("a line of the stream exceeded 8 MiB without an end")
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.decoded(.content("one ")), Self.deliver(.content("one "))),
            (.failed(tooLong), Self.fail(tooLong)),
        ])
        run([(Self.start, Self.send(1)), (Self.head(), Self.readBody()), (.failed(tooLong), Self.fail(tooLong))])
    }

    // MARK: - The idle timeout

    @Test("bytes push the idle deadline back; silence past it ends the try, retried before the first token")
    func idleBeforeFirstToken() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(at: 2), Self.readBody(until: 122)),
            (Self.bytes(at: 50), .none),
            (Self.idle(at: 122), Self.watch(until: 170)),
            (Self.idle(at: 170), Self.retry(after: 1, next: 2, because: Self.idleTimeout)),
            (Self.idle(at: 171), .none),
        ])
    }

    @Test("silence past the idle deadline after the first token: interrupted, the text kept, no retry")
    func idleAfterFirstToken() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.bytes(at: 1), .none),
            (Self.decoded(.content("one ")), Self.deliver(.content("one "))),
            (Self.idle(at: 121), Self.fail(Self.idleTimeout)),
            // The reader, stopped, reports late: nothing is delivered after the end.
            (Self.decoded(.content("two ")), .none),
            (.failed(Broken()), .none),
        ])
    }

    @Test("the watchdog never fires while the head is awaited or the error body is read")
    func idleOnlyInTheBody() {
        run([
            (Self.start, Self.send(1)),
            (Self.idle(at: 500), .none),
            (Self.head(503, "Service Unavailable"), .readErrorBody),
            (Self.idle(at: 900), .none),
        ])
    }

    // MARK: - Unreadable events

    @Test("an unreadable event is skipped and delivered as such, the key masked; the reply goes on")
    func unreadableEventSkipped() {
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.decoded(.content("one ")), Self.deliver(.content("one "))),
            (Self.unreadable("not valid JSON (key \(Self.key))"), Self.deliver(.unreadable("not valid JSON (key sk-…1234)"))),
            (Self.decoded(.content("two")), Self.deliver(.content("two"))),
            (Self.decoded(.done), Self.finish(.done)),
        ])
    }

    @Test("a stream with nothing readable in it fails with the first unreadable event, not retried")
    func nothingReadable() {
        let first = ChatError.malformedStream("not valid JSON (x)")
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.unreadable("not valid JSON (x)"), Self.deliver(.unreadable("not valid JSON (x)"))),
            (Self.unreadable("not valid JSON (y)"), Self.deliver(.unreadable("not valid JSON (y)"))),
            (.bodyEnded, Self.fail(first)),
        ])
        // Cut off after it: the same, rather than a broken connection tried again.
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.unreadable("not valid JSON (x)"), Self.deliver(.unreadable("not valid JSON (x)"))),
            (.failed(Broken()), Self.fail(first)),
        ])
    }

    // MARK: - Cancelling

    @Test("cancelled while the head is awaited, in the body, or during a retry's wait: the reply ends quietly")
    func cancelled() {
        run([(Self.start, Self.send(1)), (.cancelled, .end(.cancel)), (Self.head(), .none)])
        run([
            (Self.start, Self.send(1)),
            (Self.head(), Self.readBody()),
            (Self.decoded(.content("one ")), Self.deliver(.content("one "))),
            (.cancelled, .end(.cancel)),
            (Self.decoded(.content("two ")), .none),
        ])
        run([
            (Self.start, Self.send(1)),
            (.failed(Broken()), Self.retry(after: 1, next: 2,
                                           because: .connection("the connection to \(Self.host) failed before it answered"))),
            (.cancelled, .end(.cancel)),
            (Self.start, .end(.cancel)),
        ])
    }
}
