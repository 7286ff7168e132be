import AsyncHTTPClient
import ChatDomain
import Foundation
import Logging
import NIOCore
import NIOHTTP1
import ServerSentEvents

/// Streams replies from a Kimi-compatible endpoint over HTTP.
///
/// Each reply is one POST whose body is read as it arrives; bytes go through the
/// SSE parser and the Kimi chunk decoder and come out as `StreamEvent`s.
/// Cancelling the consumer cancels the request and closes its connection.
public actor ChatService: ChatStreaming {
    private let configuration: ChatServiceConfiguration
    private let client: HTTPClient
    private let logger: Logger

    public init(configuration: ChatServiceConfiguration, logger: Logger = Logger(label: "kimichat.chat")) {
        self.configuration = configuration
        self.logger = logger
        var clientConfiguration = HTTPClient.Configuration()
        // No read timeout here: it would also run while the head is awaited. The head
        // has its own deadline (`execute(_:timeout:)`), the body `IdleWatch`.
        clientConfiguration.timeout = .init(connect: .seconds(configuration.connectTimeout), read: nil)
        // A refused connection should be reported at once, not retried silently until the
        // connect timeout; retrying is a policy decision kimichat makes itself.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        clientConfiguration.tlsConfiguration = TrustRoots.clientConfiguration(adding: configuration.trustRootFiles)
        clientConfiguration.proxy = configuration.proxy.map(Self.clientProxy)
        client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: clientConfiguration)
    }

    private static func clientProxy(_ proxy: ProxyServer) -> HTTPClient.Configuration.Proxy {
        switch proxy.kind {
        case .socks5:
            return .socksServer(host: proxy.host, port: proxy.port)
        case .http:
            let authorization = proxy.username.map { HTTPClient.Authorization.basic(username: $0,
                                                                                    password: proxy.password ?? "") }
            return .server(host: proxy.host, port: proxy.port, authorization: authorization)
        }
    }

    /// The error as the libraries describe it, for the log only (the user gets words).
    private func logFailure(_ what: String, _ error: any Error) {
        let detail = KeyRedaction.redact(String(describing: error), key: configuration.apiKey)
        logger.warning("\(what) failed: \(detail)")
    }

    /// Must be called before the service goes away (AsyncHTTPClient requires it).
    public func shutdown() async {
        try? await client.shutdown()
    }

    /// GET /models: the models the endpoint offers.
    public func listModels() async throws -> [EndpointModel] {
        let url = configuration.endpointBase + "/models"
        let translation = ErrorTranslation(configuration)
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
        request.headers.add(name: "Accept", value: "application/json")
        let key = configuration.apiKey
        do {
            let response: HTTPClientResponse
            do {
                response = try await client.execute(request, timeout: .seconds(configuration.connectTimeout + 20))
            } catch {
                logFailure("GET \(url)", error)
                throw translation.beforeResponse(error, timeout: configuration.connectTimeout + 20)
            }
            let body = String(buffer: try await response.body.collect(upTo: 8 << 20))
            guard response.status == .ok else {
                throw ErrorTranslation.httpFailure(status: Int(response.status.code),
                                                   reason: response.status.reasonPhrase, body: body)
            }
            return try ModelListDecoder.decode(body)
        } catch let error as ChatError {
            throw KeyRedaction.redact(error, key: key)
        }
    }

    public nonisolated func streamReply(to request: ChatRequest,
                                        into deliver: @escaping @Sendable (StreamEvent) -> Void) async throws {
        try await events(for: request, stream: true, into: deliver)
    }

    /// The reply in one piece (`stream: false`), delivered as the same events.
    public nonisolated func wholeReply(to request: ChatRequest) -> AsyncThrowingStream<StreamEvent, any Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    try await self.events(for: request, stream: false) { continuation.yield($0) }
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

    private nonisolated func events(for request: ChatRequest, stream: Bool,
                                    into deliver: @escaping @Sendable (StreamEvent) -> Void) async throws {
        let key = configuration.apiKey
        do {
            try await performWithRetries(request, stream: stream, yield: deliver)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            try Task.checkCancellation()
            let failure = error as? ChatError ?? .connection("the request failed unexpectedly (see the log)")
            if !(error is ChatError) { await logFailure("the reply", error) }
            throw KeyRedaction.redact(failure, key: key)
        }
    }

    /// Tries the request until it succeeds, fails for good, or a token has arrived;
    /// the waits in between are announced as `.retrying` events and end early when
    /// the consumer cancels.
    private func performWithRetries(_ request: ChatRequest, stream: Bool,
                                    yield: @escaping @Sendable (StreamEvent) -> Void) async throws {
        let policy = configuration.retry
        var attempt = 1
        while true {
            do {
                try await perform(request, stream: stream, yield: yield)
                return
            } catch let failure as AttemptFailure {
                try Task.checkCancellation()
                if failure.afterFirstToken { throw failure.error }
                guard let wait = policy.delay(after: failure.error, attempt: attempt, retryAfter: failure.retryAfter,
                                              jitter: Double.random(in: 0..<1)) else {
                    let gaveUp = attempt > 1 && RetryPolicy.isRetryable(failure.error)
                    throw gaveUp ? ChatError.gaveUp(attempts: attempt, last: failure.error) : failure.error
                }
                let reason = KeyRedaction.redact(failure.error.userMessage, key: configuration.apiKey)
                logger.warning("try \(attempt) failed: \(reason); retrying in \(wait) s")
                yield(.retrying(RetryNotice(attempt: attempt + 1, maxAttempts: policy.maxAttempts, seconds: wait,
                                            reason: failure.error.shortReason)))
                try await Task.sleep(for: .seconds(wait))
                attempt += 1
            }
        }
    }

    /// One try. Every failure comes out as an `AttemptFailure` (or `CancellationError`).
    private func perform(_ chatRequest: ChatRequest, stream: Bool,
                         yield: @escaping @Sendable (StreamEvent) -> Void) async throws {
        let url = configuration.endpointBase + "/chat/completions"
        let translation = ErrorTranslation(configuration)
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "Accept", value: stream ? "text/event-stream" : "application/json")
        do {
            request.body = .bytes(ByteBuffer(bytes: try RequestBody(chatRequest, stream: stream).encoded()))
        } catch {
            logFailure("encoding the request", error)
            throw AttemptFailure(error: .invalidRequest("the request could not be encoded (see the log)"))
        }

        logger.info("POST \(url) model=\(chatRequest.model) messages=\(chatRequest.turns.count) stream=\(stream)")
        let response: HTTPClientResponse
        do {
            response = try await client.execute(request, timeout: .seconds(configuration.responseHeadTimeout))
        } catch {
            try Task.checkCancellation()
            logFailure("POST \(url)", error)
            throw AttemptFailure(error: translation.beforeResponse(error, timeout: configuration.responseHeadTimeout))
        }

        guard response.status == .ok else {
            let body = (try? await response.body.collect(upTo: 1 << 20)).map { String(buffer: $0) } ?? ""
            try Task.checkCancellation()
            let failure = ErrorTranslation.httpFailure(status: Int(response.status.code),
                                                       reason: response.status.reasonPhrase, body: body)
            let excerpt = KeyRedaction.redact(String(body.prefix(300)), key: configuration.apiKey)
            logger.warning("HTTP \(response.status.code): \(excerpt)")
            throw AttemptFailure(error: failure,
                                 retryAfter: AttemptFailure.retryAfterSeconds(response.headers.first(name: "Retry-After")))
        }

        if let type = response.headers.first(name: "Content-Type"), type.lowercased().hasPrefix("text/html") {
            // A captive portal or a base URL that is a website: no retry reads it better.
            throw AttemptFailure(error: .malformedStream(
                "the server answered with a web page (\(type)), not the API's reply: is the base URL "
                    + "(\(configuration.baseURL)) right, and is the network not behind a login page?"))
        }
        let reader = ReplyStreamReader(idleTimeout: configuration.idleTimeout, apiKey: configuration.apiKey,
                                       translation: translation, logger: logger)
        if stream {
            try await reader.stream(response.body, yield: yield)
        } else {
            let body = try await reader.collect(response.body, upTo: 64 << 20)
            let events: [StreamEvent]
            do {
                events = try KimiCompletion.decode(String(buffer: body)).events
            } catch {
                throw AttemptFailure(error: error)
            }
            for event in events { yield(event) }
        }
    }
}
