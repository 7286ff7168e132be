import ChatDomain
import ChatService
import MockMoonshot
import Testing
import TestSupport

/// The key the harness's mock server accepts.
let harnessKey = "sk-test-key"

/// Runs `body` with a fresh mock server (accepting `harnessKey`) and a chat service
/// pointed at it; both are shut down afterwards, whatever `body` did. The service
/// tries once unless `adjust` says otherwise, so that each failure shows as itself.
/// `transport` chooses plain HTTP/1.1 or TLS (HTTP/2 by ALPN); the service trusts the
/// test CA for the latter.
func withMockServer(over transport: MockTransport = .http1,
                    _ adjust: (inout ChatServiceConfiguration) -> Void = { _ in },
                    _ body: (MockMoonshotServer, ChatService) async throws -> Void) async throws {
    var configuration = MockMoonshotServer.Configuration()
    configuration.acceptedKey = harnessKey
    configuration.tls = transport.tls
    let server = try await MockMoonshotServer.start(configuration)
    var serviceConfiguration = ChatServiceConfiguration(baseURL: server.baseURL, apiKey: harnessKey)
    serviceConfiguration.retry = .never
    serviceConfiguration.trustRootFiles = transport.trustRootFiles
    adjust(&serviceConfiguration)
    let service = ChatService(configuration: serviceConfiguration)
    do {
        try await body(server, service)
    } catch {
        await service.shutdown()
        try await server.shutdown()
        throw error
    }
    await service.shutdown()
    try await server.shutdown()
}

/// Every event of a reply stream, and the `ChatError` that ended it, if one did.
func collect(_ stream: AsyncThrowingStream<StreamEvent, any Error>) async -> ([StreamEvent], ChatError?) {
    var events: [StreamEvent] = []
    do {
        for try await event in stream { events.append(event) }
        return (events, nil)
    } catch {
        return (events, error as? ChatError ?? .connection("\(error)"))
    }
}

/// A message for people: no Swift or NIO type name, no source location, no error number.
func expectReadable(_ failure: ChatError?, sourceLocation: SourceLocation = #_sourceLocation) {
    guard let message = failure?.userMessage else {
        Issue.record("expected a failure", sourceLocation: sourceLocation)
        return
    }
    #expect(ReadableMessage.problems(in: message).isEmpty, "\(message)", sourceLocation: sourceLocation)
}
