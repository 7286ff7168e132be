import ChatCore
import ChatDomain
@testable import ChatService
import Foundation
@testable import MockMoonshot
import Testing
import TestSupport

/// Images and Kimi's web search on the wire, against the mock: the content array, the
/// refusal of a model that does not see, the `$web_search` round trip, and a body too big.
@Suite("Chat service: images and web search")
struct VisionAndSearchTests {
    static let png = SampleFiles.png(width: 64, height: 48)
    static let image = TurnImage(name: "cat.png", image: AttachedImage(
        mediaType: "image/png", pixelSize: PixelSize(width: 64, height: 48), storage: .bytes(png)))

    static func question(model: String, images: [TurnImage] = []) -> ChatRequest {
        var turn = ChatTurn(role: .user, content: "What is in this picture?")
        turn.images = images
        return ChatRequest(model: model, turns: [turn])
    }

    @Test("an image goes as an image_url part with a base64 data URL, in an array, never a string",
          arguments: [MockTransport.http1, .tlsHTTP2])
    func imagePart(transport: MockTransport) async throws {
        try await withMockServer(over: transport) { server, service in
            let (events, failure) = await collect(service.streamReply(to: Self.question(model: "kimi-k2.6", images: [Self.image])))
            #expect(failure == nil)
            #expect(events.last == .done)
            let sent = try #require(server.requests.last?.json?["messages"] as? [[String: Any]])
            let parts = try #require(sent[0]["content"] as? [[String: Any]], "content is an array")
            #expect(parts.count == 2)
            #expect(parts[0]["type"] as? String == "image_url")
            let url = try #require((parts[0]["image_url"] as? [String: Any])?["url"] as? String)
            #expect(url == "data:image/png;base64," + Self.png.base64EncodedString())
            #expect(parts[1]["type"] as? String == "text")
            #expect(parts[1]["text"] as? String == "What is in this picture?")
        }
    }

    @Test("a model without vision answers 400, as the real API does, and the message says so")
    func noVision() async throws {
        try await withMockServer { _, service in
            let (_, failure) = await collect(service.streamReply(to: Self.question(model: "kimi-k2.7-code",
                                                                                      images: [Self.image])))
            guard case let .http(400, _, message)? = failure else { Issue.record("\(String(describing: failure))"); return }
            #expect(message.contains("does not support image input"))
            expectReadable(failure)
        }
    }

    @Test("an image kept by path is read again when sent; one that changed goes as a line saying so")
    func imageByPath() async throws {
        let folder = try SampleFiles.folder()
        let path = folder.appendingPathComponent("poster.png").path
        try Self.png.write(to: URL(fileURLWithPath: path))
        let kept = TurnImage(name: "poster.png", image: AttachedImage(
            mediaType: "image/png", pixelSize: nil, storage: .file(path: path, sha256: SHA256.hex(of: Self.png))))
        let body = try RequestBody(Self.question(model: "kimi-k2.6", images: [kept]), stream: true).encoded()
        #expect(String(decoding: body, as: UTF8.self).contains(Self.png.base64EncodedString()))
        try Data("changed".utf8).write(to: URL(fileURLWithPath: path))
        let changed = String(decoding: try RequestBody(Self.question(model: "kimi-k2.6", images: [kept]), stream: true)
            .encoded(), as: UTF8.self)
        #expect(changed.contains("[image poster.png left out: \(path) changed since it was attached]"))
        #expect(!changed.contains("image_url"))
    }

    @Test("the $web_search round trip: the call streams in fragments, its arguments go back unchanged, the answer comes")
    func searchRoundTrip() async throws {
        try await withMockServer(over: .tlsHTTP2) { server, service in
            var request = ChatRequest(model: "kimi-k2.6", turns: [ChatTurn(role: .user, content: "Weather in Beijing?")])
            request.webSearch = true
            request.thinkingDisabled = true
            let (events, failure) = await collect(service.streamReply(to: request))
            #expect(failure == nil)
            var assembly = ToolCallAssembly()
            for case let .toolCall(fragment) in events { assembly.add(fragment) }
            #expect(events.filter { if case .toolCall = $0 { true } else { false } }.count > 2, "in fragments")
            #expect(events.contains(.finished(.toolCalls)))
            let call = try #require(assembly.calls.first)
            #expect(call.name == "$web_search")
            #expect(WebSearch.resultTokens(inArguments: call.arguments) == MockToolCall.webSearchResultTokens)
            let sent = try #require(server.requests.last?.json)
            #expect((sent["tools"] as? [[String: Any]])?.first?["type"] as? String == "builtin_function")
            #expect((sent["thinking"] as? [String: Any])?["type"] as? String == "disabled")

            request.turns += SearchRound(calls: [call]).turns
            let (answer, answerFailure) = await collect(service.streamReply(to: request))
            #expect(answerFailure == nil)
            let text = answer.compactMap { if case let .content(piece) = $0 { piece } else { nil } }.joined()
            #expect(text.contains("I searched the web once"))
            let echoed = try #require(server.requests.last?.json?["messages"] as? [[String: Any]])
            #expect(echoed[2]["role"] as? String == "tool")
            #expect(echoed[2]["content"] as? String == call.arguments)
            #expect((echoed[1]["tool_calls"] as? [[String: Any]])?.first?["type"] as? String == "builtin_function")

            // Arguments changed on the way back are refused, as the API requires them unchanged.
            request.turns[2].content = "{}"
            let (_, refused) = await collect(service.streamReply(to: request))
            guard case .http(400, _, _)? = refused else { Issue.record("altered arguments accepted"); return }
        }
    }

    @Test("search with thinking on is refused by the mock, as Kimi's docs say it is")
    func searchNeedsThinkingOff() async throws {
        try await withMockServer { _, service in
            var request = Self.question(model: "kimi-k2.6")
            request.webSearch = true
            let (_, failure) = await collect(service.streamReply(to: request))
            guard case let .http(400, _, message)? = failure else { Issue.record("accepted"); return }
            #expect(message.contains("thinking"))

            // A thinking request with a tool call that has no reasoning, as Kimi refuses it.
            var later = Self.question(model: "kimi-k2.6")
            later.turns = SearchRound(calls: [ToolCall(id: "s", name: "$web_search", arguments: "{}")]).turns + later.turns
            let (_, refused) = await collect(service.streamReply(to: later))
            guard case let .http(400, _, words)? = refused else { Issue.record("accepted"); return }
            #expect(words.contains("reasoning_content is missing in assistant tool call message at index 0"))
        }
    }

    @Test("a body over 100 MB is refused before anything is sent, with what to do")
    func bodyTooBig() async throws {
        try await withMockServer { server, service in
            let big = TurnImage(name: "huge.png", image: AttachedImage(
                mediaType: "image/png", pixelSize: nil, storage: .bytes(Data(count: 80 << 20))))
            let (_, failure) = await collect(service.streamReply(to: Self.question(model: "kimi-k2.6", images: [big])))
            #expect(failure?.userMessage.contains("over the 100 MB the API takes") == true, "\(failure?.userMessage ?? "")")
            #expect(server.requests.isEmpty)
        }
    }
}
