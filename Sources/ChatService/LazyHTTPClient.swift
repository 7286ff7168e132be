import AsyncHTTPClient
import Synchronization

/// The HTTP client, made at its first request: making one starts NIO's threads and its
/// TLS settings, 5 ms that would otherwise stand between `kimichat` and its first frame
/// (docs/performance.md), and memory an idle chat that never sends does not need.
final class LazyHTTPClient: Sendable {
    private enum Stage {
        case notMade
        case made(HTTPClient)
        case shutDown
    }

    private let configuration: HTTPClient.Configuration
    private let stage = Mutex<Stage>(.notMade)

    init(configuration: HTTPClient.Configuration) {
        self.configuration = configuration
    }

    /// The client, made now if this is the first request. After `shutdown()` a request
    /// fails as it would with a client shut down, rather than making one nobody closes.
    func client() throws -> HTTPClient {
        try stage.withLock { stage in
            switch stage {
            case let .made(client):
                return client
            case .shutDown:
                throw HTTPClientError.alreadyShutdown
            case .notMade:
                let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
                stage = .made(client)
                return client
            }
        }
    }

    /// Shuts the client down if one was made; no client is made after this.
    func shutdown() async {
        let made = stage.withLock { stage -> HTTPClient? in
            defer { stage = .shutDown }
            if case let .made(client) = stage { return client }
            return nil
        }
        try? await made?.shutdown()
    }
}
