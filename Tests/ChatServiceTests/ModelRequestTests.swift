import ChatCore
import ChatDomain
import MockMoonshot
import ModelCatalogue
import Testing
@testable import ChatService

/// The model list and the request rules against the mock server, which refuses what the
/// real API refuses (a temperature a model fixes; more tokens than the window holds).
@Suite("Models and request rules against the mock server")
struct ModelRequestTests {
    static let key = harnessKey

    private func outcome(_ stream: AsyncThrowingStream<StreamEvent, any Error>) async -> ChatError? {
        do {
            for try await _ in stream {}
            return nil
        } catch {
            return error as? ChatError ?? .connection(String(describing: error))
        }
    }

    @Test("GET /v1/models is parsed into the endpoint's models, windows and abilities")
    func listsModels() async throws {
        try await withMockServer { _, service in
            let models = try await service.listModels()
            #expect(models.map(\.id) == MockModel.catalogue.map(\.id))
            let k3 = try #require(models.first { $0.id == "kimi-k3" })
            #expect(k3.contextLength == 1_048_576)
            #expect(k3.supportsReasoning == true)
            #expect(models.first { $0.id == "moonshot-v1-8k" }?.supportsReasoning == false)
        }
    }

    @Test("the HTTP client is made at the first request; after shutdown none is made and nothing goes out")
    func nothingAfterShutdown() async throws {
        try await withMockServer { server, service in
            _ = try await service.listModels()
            await service.shutdown()
            await #expect(throws: (any Error).self) { try await service.listModels() }
            let neverUsed = ChatService(configuration: ChatServiceConfiguration(baseURL: server.baseURL, apiKey: Self.key))
            await neverUsed.shutdown()
            await #expect(throws: (any Error).self) { try await neverUsed.listModels() }
            #expect(server.requests.filter { $0.path.hasSuffix("/models") }.count == 1)
        }
    }

    @Test("one malformed entry of GET /v1/models does not lose the others")
    func lenientList() throws {
        let body = #"{"object":"list","data":[{"id":"good","context_length":8192},{"id":"odd","context_length":"big"},"#
            + #"{"context_length":1},{"id":"also-good","supports_reasoning":true}]}"#
        #expect(try ModelListDecoder.decode(body).map(\.id) == ["good", "also-good"])
        #expect(throws: ChatError.self) { try ModelListDecoder.decode("<html>") }
    }

    @Test("a wrong key fails the model list with the server's 401, the key not in the message")
    func listFailsPolitely() async throws {
        var configuration = MockMoonshotServer.Configuration()
        configuration.acceptedKey = "sk-right"
        let server = try await MockMoonshotServer.start(configuration)
        let service = ChatService(configuration: ChatServiceConfiguration(baseURL: server.baseURL, apiKey: "sk-wrong-key"))
        let failure: ChatError?
        do {
            _ = try await service.listModels()
            failure = nil
        } catch {
            failure = error as? ChatError
        }
        await service.shutdown()
        try await server.shutdown()
        guard case let .http(status, _, _) = failure else { Issue.record("expected a 401, got \(String(describing: failure))"); return }
        #expect(status == 401)
        #expect(failure?.userMessage.contains("sk-wrong-key") == false)
    }

    @Test("the mock refuses a temperature a model fixes; the rules never send one")
    func temperatureRules() async throws {
        try await withMockServer { _, service in
            let turns = [ChatTurn(role: .user, content: "hi")]
            let raw = ChatRequest(model: "kimi-k2.6", turns: turns, temperature: 0.3)
            let refused = await outcome(service.streamReply(to: raw))
            #expect(refused?.userMessage.contains("only 1 is allowed") == true)
            let k26 = try #require(try BundledModels.load().first { $0.id == "kimi-k2.6" })
            #expect(await outcome(service.streamReply(to: RequestRules.apply(k26, to: raw))) == nil)
        }
    }

    @Test("a long history overflows a small window; fitted to it, the same request goes through")
    func historyFits() async throws {
        try await withMockServer { _, service in
            let v1 = try #require(try BundledModels.load().first { $0.id == "moonshot-v1-8k" })
            let earlier = (0..<40).flatMap { index in
                [ChatTurn(role: .user, content: "question \(index) " + String(repeating: "lorem ipsum ", count: 60)),
                 ChatTurn(role: .assistant, content: "answer \(index) " + String(repeating: "dolor sit ", count: 60))]
            }
            let question = ChatTurn(role: .user, content: "and now?")
            let everything = RequestRules.apply(v1, to: ChatRequest(model: v1.id, turns: earlier + [question]))
            let overflow = await outcome(service.streamReply(to: everything))
            #expect(overflow?.userMessage.contains("exceeded model token limit") == true)

            let window = HistoryWindow.choose(system: nil, earlier: earlier, question: question, model: v1,
                                              policy: .fitContextWindow, estimate: TokenEstimate())
            #expect(window.omitted > 0)
            let fitted = RequestRules.apply(v1, to: ChatRequest(model: v1.id, turns: window.turns))
            #expect(await outcome(service.streamReply(to: fitted)) == nil)
        }
    }
}
