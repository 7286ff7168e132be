import NIOCore
import NIOHTTP1
import NIOPosix

/// A real HTTP server on loopback that answers like Moonshot's API (moonshot-api.md):
/// POST /v1/chat/completions streamed and whole, GET /v1/models, Moonshot's error JSON.
/// Tests, benchmarks and `kimichat --demo` all talk to it over TCP.
///
/// Control endpoints for tests in other processes, only when `controlsEnabled`:
/// `POST /_mock/scenarios` queues scenarios (one object or an array), `GET /_mock/requests`
/// returns the request log, `GET /_mock/stats` the counts of requests, disconnects and
/// completed streams. Off, they answer 404 like any unknown route: any local process can
/// reach a loopback port, and must not read a demo's messages or script its replies.
public final class MockMoonshotServer: Sendable {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        /// 0 picks a free port.
        public var port = 0
        public var defaultScenario = MockScenario()
        /// Appends every request as a JSON line to this file.
        public var requestLogPath: String?
        /// When set, any other bearer token gets 401.
        public var acceptedKey: String?
        /// HTTPS (with HTTP/2 by ALPN) instead of plain HTTP/1.1.
        public var tls: MockTLS?
        /// Serves the `/_mock/*` control endpoints (off by default).
        public var controlsEnabled = false

        public init() {}
    }

    private let channel: any Channel
    let state: MockServerState
    public let port: Int
    public let usesTLS: Bool

    /// The base URL a client should use, e.g. `http://127.0.0.1:PORT/v1` (`https://` with TLS).
    public var baseURL: String { "\(usesTLS ? "https" : "http")://127.0.0.1:\(port)/v1" }

    private init(channel: any Channel, state: MockServerState, port: Int, usesTLS: Bool) {
        self.channel = channel
        self.state = state
        self.port = port
        self.usesTLS = usesTLS
    }

    public static func start(_ configuration: Configuration = Configuration()) async throws -> MockMoonshotServer {
        let state = MockServerState(defaultScenario: configuration.defaultScenario,
                                    requestLogPath: configuration.requestLogPath,
                                    acceptedKey: configuration.acceptedKey,
                                    controlsEnabled: configuration.controlsEnabled)
        let tlsContext = try configuration.tls?.makeContext()
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                if let tlsContext { return channel.configureMockTLSPipeline(context: tlsContext, state: state) }
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(MockRequestHandler(state: state))
                }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
        let port = channel.localAddress?.port ?? configuration.port
        return MockMoonshotServer(channel: channel, state: state, port: port, usesTLS: tlsContext != nil)
    }

    /// Queues scenarios for the next requests, in order.
    public func enqueue(_ scenarios: MockScenario...) { state.enqueue(scenarios) }
    /// The next uploads (POST /v1/files) fail so, one each, before the file is kept.
    public func failUploads(_ failures: UploadFailure...) { state.failUploads(failures) }
    /// What GET /v1/users/me/balance reports.
    public func setBalance(_ balance: MockBalance) { state.setBalance(balance) }
    /// The next reads of extracted text (GET /v1/files/{id}/content) fail so, one each.
    public func failExtractions(_ failures: MockScenario.HTTPError...) { state.failExtractions(failures) }
    /// Files the mock holds (uploads not deleted).
    public var fileCount: Int { state.fileCount }
    public func setDefaultScenario(_ scenario: MockScenario) { state.setDefault(scenario) }

    /// Chat and model requests received so far (control requests are not logged).
    public var requests: [RecordedRequest] { state.requests }
    /// Streams the client closed before the mock finished writing them.
    public var disconnects: Int { state.disconnects }
    public var completedStreams: Int { state.completedStreams }

    public func shutdown() async throws {
        try await channel.close()
    }
}
