import AsyncHTTPClient
import Synchronization

/// The HTTP client, made at its first request: making one starts NIO's threads and its
/// TLS settings, 5 ms that would otherwise stand between `kimichat` and its first frame
/// (docs/performance.md), and memory an idle chat that never sends does not need.
final class LazyHTTPClient: Sendable {
    private let configuration: HTTPClient.Configuration
    private let made = Mutex<HTTPClient?>(nil)

    init(configuration: HTTPClient.Configuration) {
        self.configuration = configuration
    }

    var client: HTTPClient {
        made.withLock { made in
            if let made { return made }
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            made = client
            return client
        }
    }

    /// Shuts the client down if one was made.
    func shutdown() async {
        let client = made.withLock { $0 }
        try? await client?.shutdown()
    }
}
