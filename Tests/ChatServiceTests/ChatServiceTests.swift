import ChatDomain
import MockMoonshot
import TestSupport
import Testing
import TestSupport
@testable import ChatService

/// The live chat service against the project's mock server, over real TCP on loopback.
@Suite("Chat service against the mock server")
struct ChatServiceTests {
    static let key = harnessKey

    private func request(_ text: String, model: String = "moonshot-v1-8k") -> ChatRequest {
        ChatRequest(model: model, turns: [ChatTurn(role: .system, content: "Be brief."), ChatTurn(role: .user, content: text)])
    }

    @Test("streamed content equals what the mock sent; usage comes from choices[0]", arguments: MockTransport.allCases)
    func streamedContent(over transport: MockTransport) async throws {
        try await withMockServer(over: transport) { server, service in
            server.enqueue(MockScenario(reply: "Hello, 世界! 1+1=2."))
            let (events, failure) = await collect(service.streamReply(to: request("What is 1+1?")))
            #expect(failure == nil)
            let text = events.compactMap { if case let .content(piece) = $0 { piece } else { nil } }.joined()
            #expect(text == "Hello, 世界! 1+1=2.")
            #expect(events.contains(.finished(.stop)))
            #expect(events.last == .done)
            let usages = events.compactMap { if case let .usage(usage) = $0 { usage } else { nil } }
            // choices[0] of the finish chunk carries usage; the include_usage chunk repeats it.
            #expect(usages.count == 2)
            #expect(usages.allSatisfy { $0 == usages.first })
            #expect(usages.first?.completionTokens == ReplyTokenCount.of("Hello, 世界! 1+1=2."))
            #expect(server.requests.last?.httpVersion == transport.expectedHTTPVersion)
        }
    }

    @Test("a paced scenario below 200 tokens a second arrives at its own rate, not 200 a second")
    func slowPace() async throws {
        try await withMockServer { server, service in
            // 20 tokens at 50 a second take 0.4 s; at the old fixed 5 ms turn they took 0.1 s.
            server.enqueue(MockScenario(tokenCount: 20, tokensPerSecond: 50))
            let started = ContinuousClock.now
            let (events, failure) = await collect(service.streamReply(to: request("go")))
            let elapsed = ContinuousClock.now - started
            #expect(failure == nil)
            #expect(events.filter { if case .content = $0 { true } else { false } }.count == 20)
            #expect(elapsed >= .milliseconds(350), "took \(elapsed)")
        }
    }

    @Test("the request carries the model, every message, stream and include_usage, and the key")
    func requestBody() async throws {
        try await withMockServer { server, service in
            _ = await collect(service.streamReply(to: request("hi")))
            let recorded = try #require(server.requests.last)
            #expect(recorded.authorization == "Bearer \(Self.key)")
            #expect(recorded.json?["model"] as? String == "moonshot-v1-8k")
            #expect(recorded.json?["stream"] as? Bool == true)
            #expect((recorded.json?["stream_options"] as? [String: Any])?["include_usage"] as? Bool == true)
            #expect(recorded.json?["temperature"] == nil, "fixed-sampling models refuse temperature")
            #expect(recorded.messages.map(\.role) == ["system", "user"])
            #expect(recorded.messages.map(\.content) == ["Be brief.", "hi"])
        }
    }

    @Test("a thinking model streams reasoning before content")
    func reasoningFirst() async throws {
        try await withMockServer { server, service in
            server.enqueue(MockScenario(reply: "Two.", reasoning: "Add one and one."))
            let (events, _) = await collect(service.streamReply(to: request("1+1?", model: "kimi-k2.6")))
            let firstContent = try #require(events.firstIndex { if case .content = $0 { true } else { false } })
            let lastReasoning = try #require(events.lastIndex { if case .reasoning = $0 { true } else { false } })
            #expect(lastReasoning < firstContent)
        }
    }

    @Test("each HTTP error maps to a typed error with the server's message", arguments: ["401", "404", "429", "500"])
    func httpErrors(code: String) async throws {
        try await withMockServer { server, service in
            let scenario = try #require(MockScenario.errors[code])
            server.enqueue(MockScenario(httpError: scenario))
            let (events, failure) = await collect(service.streamReply(to: request("hi")))
            #expect(events.isEmpty)
            #expect(failure == .http(status: scenario.status, type: scenario.type, message: scenario.message))
            #expect(failure?.userMessage.contains(scenario.message) == true)
        }
    }

    @Test("a wrong key gets 401 from the server itself")
    func wrongKey() async throws {
        try await withMockServer { server, _ in
            let service = ChatService(configuration: ChatServiceConfiguration(baseURL: server.baseURL, apiKey: "sk-wrong"))
            let (_, failure) = await collect(service.streamReply(to: request("hi")))
            await service.shutdown()
            #expect(failure == .http(status: 401, type: "invalid_authentication_error", message: "Invalid Authentication"))
        }
    }

    @Test("an unknown model gets 404 resource_not_found_error")
    func unknownModel() async throws {
        try await withMockServer { _, service in
            let (_, failure) = await collect(service.streamReply(to: request("hi", model: "kimi-nonexistent")))
            guard case let .http(status, type, message) = failure else {
                Issue.record("expected an HTTP error, got \(String(describing: failure))")
                return
            }
            #expect(status == 404)
            #expect(type == "resource_not_found_error")
            #expect(message.contains("kimi-nonexistent"))
        }
    }

    @Test("a connection cut mid-reply delivers what arrived, then an interrupted error in words",
          arguments: MockTransport.allCases)
    func cutMidReply(over transport: MockTransport) async throws {
        try await withMockServer(over: transport) { server, service in
            server.enqueue(MockScenario(reply: "one two three four five six", cutAfterTokens: 3))
            let (events, failure) = await collect(service.streamReply(to: request("hi")))
            let text = events.compactMap { if case let .content(piece) = $0 { piece } else { nil } }.joined()
            if transport == .tlsHTTP2 {
                // AsyncHTTPClient drops body data it has buffered when an HTTP/2 reset
                // arrives right behind it; what arrives is still the reply's start.
                #expect("one two three ".hasPrefix(text), "\(text)")
            } else {
                #expect(text == "one two three ")
            }
            guard case .interrupted = failure else {
                Issue.record("expected interrupted, got \(String(describing: failure))")
                return
            }
            expectReadable(failure)
        }
    }

    @Test("a key the HTTP client refuses never appears in the error")
    func keyNeverInErrors() async throws {
        try await withMockServer { server, _ in
            let key = "sk-secret\u{1}value1234"
            let service = ChatService(configuration: ChatServiceConfiguration(baseURL: server.baseURL, apiKey: key))
            let (_, failure) = await collect(service.streamReply(to: request("hi")))
            await service.shutdown()
            let message = try #require(failure).userMessage
            #expect(!message.contains("secret"), "\(message)")
        }
    }

    @Test("redaction masks the key wherever it appears")
    func redaction() {
        #expect(KeyRedaction.redact("bad key sk-abcdefgh1234 here", key: "sk-abcdefgh1234") == "bad key sk-…1234 here")
    }

    @Test("connection refused is a readable connection error")
    func connectionRefused() async throws {
        var configuration = ChatServiceConfiguration(baseURL: "http://127.0.0.1:\(try Loopback.refusedPort())/v1",
                                                     apiKey: "k")
        configuration.connectTimeout = 60
        configuration.retry = .never
        let service = ChatService(configuration: configuration)
        let started = ContinuousClock.now
        let (_, failure) = await collect(service.streamReply(to: request("hi")))
        await service.shutdown()
        // Reported at once, not after silently retrying until the 60 s connect timeout. The
        // bound leaves room for a loaded machine: under the whole suite, with the tmux tests'
        // process runs, this once took 21 s to be scheduled through.
        #expect(ContinuousClock.now - started < .seconds(45))
        guard case let .connection(reason) = failure else {
            Issue.record("expected a connection error, got \(String(describing: failure))")
            return
        }
        #expect(reason.contains("refused"))
    }

    @Test("cancelling the consumer closes the connection (resets the HTTP/2 stream); the mock sees it",
          arguments: MockTransport.allCases)
    func cancelClosesConnection(over transport: MockTransport) async throws {
        try await withMockServer(over: transport) { server, service in
            // Long enough to outlast the wait below on a busy machine: the stream must be cut, not end.
            server.enqueue(MockScenario(tokenCount: 3_000, paceMilliseconds: 20))
            let stream = service.streamReply(to: request("long"))
            let (started, signal) = AsyncStream.makeStream(of: Void.self)
            let consumer = Task {
                var count = 0
                for try await event in stream {
                    if case .content = event { count += 1; signal.yield() }
                }
                return count
            }
            // Cancel mid-stream, not before the request reached the server: on a busy
            // machine a fixed delay can be too short.
            for await _ in started { break }
            consumer.cancel()
            _ = try? await consumer.value
            try await Polling.until("the mock to see the connection (or stream) close", timeout: .seconds(40)) {
                server.disconnects > 0
            }
            #expect(server.disconnects == 1)
            #expect(server.completedStreams == 0)
        }
    }

    @Test("--no-stream: the whole reply arrives as the same events")
    func wholeReply() async throws {
        try await withMockServer { server, service in
            server.enqueue(MockScenario(reply: "Complete answer."))
            let (events, failure) = await collect(service.wholeReply(to: request("hi")))
            #expect(failure == nil)
            #expect(events.first == .content("Complete answer."))
            #expect(events.last == .done)
            #expect(server.requests.last?.json?["stream"] as? Bool == false)
        }
    }
}

/// How many stream tokens the mock makes of a text (words with their space, CJK characters one by one).
enum ReplyTokenCount {
    static func of(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for character in text {
            if character.unicodeScalars.first!.value >= 0x2E80 {
                if inWord { count += 1; inWord = false }
                count += 1
            } else if character == " " {
                count += 1
                inWord = false
            } else {
                inWord = true
            }
        }
        return count + (inWord ? 1 : 0)
    }
}
