import ChatService
import Foundation
import Logging
import MockMoonshot

/// The API kimichat talks to in this run: the configured endpoint, or with --demo
/// the built-in mock server started on a free loopback port.
struct Endpoint {
    static let demoKey = "sk-demo-offline"

    let service: ChatService
    let hasKey: Bool
    let baseURL: String
    private let demoServer: MockMoonshotServer?

    static func open(_ settings: ResolvedSettings, logger: Logger) async throws -> Endpoint {
        guard settings.isDemo else {
            var configuration = ChatServiceConfiguration(baseURL: settings.baseURL, apiKey: settings.apiKey ?? "")
            settings.network.apply(to: &configuration)
            do {
                try settings.network.applyTransport(to: &configuration, environment: ProcessInfo.processInfo.environment)
            } catch {
                CommandFailure.report(error)
            }
            if let proxy = configuration.proxy {
                logger.info("requests go through the proxy \(proxy.address) (from \(proxy.source))")
            }
            return Endpoint(service: ChatService(configuration: configuration, logger: logger),
                            hasKey: settings.apiKey != nil, baseURL: settings.baseURL, demoServer: nil)
        }
        let environment = ProcessInfo.processInfo.environment
        var mock = MockMoonshotServer.Configuration()
        // Paced so that a person sees the reply stream in word by word.
        mock.defaultScenario = MockScenario(paceMilliseconds: environment["KIMICHAT_DEMO_PACE_MS"].flatMap(Int.init) ?? 25)
        // KIMICHAT_DEMO_REPLIES=echo: the plain echo (which says what the request carried),
        // for tests that read it.
        mock.defaultScenario.demoTour = environment["KIMICHAT_DEMO_REPLIES"] != "echo"
        mock.requestLogPath = environment["KIMICHAT_MOCK_LOG"]
        mock.acceptedKey = demoKey
        // No other local process may read the demo's messages or script its replies.
        mock.controlsEnabled = false
        let server = try await MockMoonshotServer.start(mock)
        logger.info("demo server listening on \(server.baseURL)")
        var configuration = ChatServiceConfiguration(baseURL: server.baseURL, apiKey: demoKey)
        settings.network.apply(to: &configuration)
        return Endpoint(service: ChatService(configuration: configuration, logger: logger), hasKey: true,
                        baseURL: server.baseURL, demoServer: server)
    }

    func close() async {
        await service.shutdown()
        try? await demoServer?.shutdown()
    }
}
