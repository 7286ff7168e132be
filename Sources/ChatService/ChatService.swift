import AsyncHTTPClient
import ChatDomain
import Foundation
import Logging
import NIOCore
import NIOHTTP1

/// Streams replies from a Kimi-compatible endpoint over HTTP.
///
/// Each reply is one POST whose body is read as it arrives; bytes go through the
/// SSE parser and the Kimi chunk decoder and come out as `StreamEvent`s. What happens
/// when is `ReplyLifecycle`'s to decide; `ReplyExchange` does the I/O it asks for.
/// Cancelling the consumer cancels the request and closes its connection.
///
/// Only constants: a plain class, so events are handed over on the task that reads
/// the network without hopping onto an actor.
public final class ChatService: ChatStreaming, Sendable {
    let configuration: ChatServiceConfiguration
    private let lazyClient: LazyHTTPClient
    let logger: Logger

    public init(configuration: ChatServiceConfiguration, logger: Logger = Logger(label: "kimichat.chat")) {
        self.configuration = configuration
        self.logger = logger
        var clientConfiguration = HTTPClient.Configuration()
        // No read timeout here: it would also run while the head is awaited. The head
        // has its own deadline (`execute(_:timeout:)`), the body the idle watchdog
        // (`ReplyLifecycle`, `BodyReader`).
        clientConfiguration.timeout = .init(connect: .seconds(configuration.connectTimeout), read: nil)
        // A refused connection should be reported at once, not retried silently until the
        // connect timeout; retrying is a policy decision kimichat makes itself.
        clientConfiguration.connectionPool.retryConnectionEstablishment = false
        clientConfiguration.tlsConfiguration = TrustRoots.clientConfiguration(adding: configuration.trustRootFiles)
        clientConfiguration.proxy = configuration.proxy.map(Self.clientProxy)
        lazyClient = LazyHTTPClient(configuration: clientConfiguration)
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
    func logFailure(_ what: String, _ error: any Error) {
        let detail = KeyRedaction.redact(String(describing: error), key: configuration.apiKey)
        logger.warning("\(what) failed: \(detail)")
    }

    /// Must be called before the service goes away (AsyncHTTPClient requires it).
    public func shutdown() async {
        await lazyClient.shutdown()
    }

    /// GET /models: the models the endpoint offers.
    public func listModels() async throws -> [EndpointModel] {
        let body = try await exchange(authorizedRequest("/models", method: .GET), what: "GET /models",
                                      timeout: configuration.connectTimeout + 20)
        do {
            return try ModelListDecoder.decode(body)
        } catch let error as ChatError {
            throw KeyRedaction.redact(error, key: configuration.apiKey)
        }
    }

    /// A request to `path` under the endpoint, with the key.
    func authorizedRequest(_ path: String, method: HTTPMethod) -> HTTPClientRequest {
        var request = HTTPClientRequest(url: configuration.endpointBase + path)
        request.method = method
        request.headers.add(name: "Authorization", value: "Bearer \(configuration.apiKey)")
        request.headers.add(name: "Accept", value: "application/json")
        return request
    }

    /// Sends a request that is not a reply and returns its body; a failure is a
    /// `ChatError` in words, the key never in it.
    func exchange(_ request: HTTPClientRequest, what: String, timeout seconds: Int64) async throws -> String {
        let translation = ErrorTranslation(configuration)
        do {
            let response: HTTPClientResponse
            do {
                response = try await lazyClient.client().execute(request, timeout: .seconds(seconds))
            } catch {
                logFailure(what, error)
                throw translation.beforeResponse(error, timeout: seconds)
            }
            let body = String(buffer: try await response.body.collect(upTo: 64 << 20))
            guard response.status == .ok else {
                throw ErrorTranslation.httpFailure(status: Int(response.status.code),
                                                   reason: response.status.reasonPhrase, body: body)
            }
            return body
        } catch let error as ChatError {
            throw KeyRedaction.redact(error, key: configuration.apiKey)
        }
    }

    public func streamReply(to request: ChatRequest,
                            into deliver: @escaping @Sendable (StreamEvent) -> Void) async throws {
        try await events(for: request, stream: true, into: deliver)
    }

    /// The reply in one piece (`stream: false`), delivered as the same events.
    public func wholeReply(to request: ChatRequest) -> AsyncThrowingStream<StreamEvent, any Error> {
        .pulling { deliver in try await self.events(for: request, stream: false, into: deliver) }
    }

    private func events(for request: ChatRequest, stream: Bool,
                        into deliver: @escaping @Sendable (StreamEvent) -> Void) async throws {
        do {
            let exchange = ReplyExchange(client: try lazyClient.client(), configuration: configuration, logger: logger,
                                         stream: stream)
            try await exchange.run(request, deliver: deliver)
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            try Task.checkCancellation()
            let failure = error as? ChatError ?? .connection("the request failed unexpectedly (see the log)")
            if !(error is ChatError) { logFailure("the reply", error) }
            throw KeyRedaction.redact(failure, key: configuration.apiKey)
        }
    }
}
