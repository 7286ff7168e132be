import ChatDomain
import Testing
@testable import ServerSentEvents

@Suite("Kimi chunk decoding")
struct KimiChunkDecoderTests {
    let decoder = KimiChunkDecoder()

    @Test("the recorded thinking stream decodes into reasoning, content, usage, finish and done")
    func recordedStream() throws {
        var parser = ServerSentEventParser()
        var events: [StreamEvent] = []
        for event in try parser.feed(Array(RecordedStreams.thinkingReply.utf8)) {
            events += try decoder.decode(event.data)
        }
        #expect(events == [
            .reasoning("想一想"),
            .content("你好，"),
            .content("1+1=2 😀"),
            .usage(Usage(promptTokens: 12, completionTokens: 5, totalTokens: 17, reasoningTokens: 1)),
            .finished(.stop),
            .done,
        ])
    }

    @Test("usage inside choices[0] is read (Moonshot's place for it)")
    func choiceUsage() throws {
        let events = try decoder.decode(#"{"choices":[{"index":0,"delta":{},"finish_reason":"length","usage":{"prompt_tokens":3,"completion_tokens":4,"total_tokens":7,"cached_tokens":2}}]}"#)
        #expect(events == [.usage(Usage(promptTokens: 3, completionTokens: 4, totalTokens: 7, cachedTokens: 2)),
                           .finished(.length)])
    }

    @Test("top-level usage in the trailing include_usage chunk is read too")
    func topLevelUsage() throws {
        let events = try decoder.decode(#"{"choices":[],"usage":{"prompt_tokens":213,"completion_tokens":99,"total_tokens":312,"prompt_tokens_details":{"cached_tokens":213}}}"#)
        #expect(events == [.usage(Usage(promptTokens: 213, completionTokens: 99, totalTokens: 312, cachedTokens: 213))])
    }

    @Test("an empty event (a proxy's keep-alive) decodes to nothing, not an error")
    func emptyData() throws {
        #expect(try decoder.decode("").isEmpty)
        #expect(try decoder.decode("  ").isEmpty)
    }

    @Test("malformed JSON is a typed error")
    func malformed() {
        #expect(throws: ChatError.self) { _ = try decoder.decode("{not json") }
        do {
            _ = try decoder.decode("{not json")
        } catch {
            guard case .malformedStream = error else { Issue.record("wrong error \(error)"); return }
        }
    }

    @Test("an error object inside the stream is a typed error with the server's message")
    func inStreamError() {
        #expect(throws: ChatError.http(status: 200, type: "server_error", message: "boom")) {
            _ = try decoder.decode(#"{"error":{"message":"boom","type":"server_error"}}"#)
        }
    }

    @Test("Moonshot's error body is decoded, numeric codes too")
    func errorBody() {
        let decoded = KimiChunkDecoder.decodeErrorBody(#"{"error":{"message":"Invalid Authentication","type":"invalid_authentication_error","code":401}}"#)
        #expect(decoded?.type == "invalid_authentication_error")
        #expect(decoded?.message == "Invalid Authentication")
        #expect(KimiChunkDecoder.decodeErrorBody("<html>bad gateway</html>") == nil)
    }

    @Test("a whole chat.completion body becomes the same events as a stream")
    func wholeCompletion() throws {
        let body = #"{"id":"x","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"323","reasoning_content":"17*19"},"finish_reason":"stop"}],"usage":{"prompt_tokens":101,"completion_tokens":32,"total_tokens":133,"cached_tokens":101}}"#
        let completion = try KimiCompletion.decode(body)
        #expect(completion.events == [
            .reasoning("17*19"), .content("323"),
            .usage(Usage(promptTokens: 101, completionTokens: 32, totalTokens: 133, cachedTokens: 101)),
            .finished(.stop), .done,
        ])
    }
}

@Suite("Chunk decoder: tool calls")
struct ToolCallDecodingTests {
    let decoder = KimiChunkDecoder()

    @Test("a tool call streams as fragments: the first names it, the rest carry arguments; then tool_calls ends it")
    func toolCallFragments() throws {
        let first = """
            {"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"id":"$web_search:1","type":"builtin_function",\
            "function":{"name":"$web_search","arguments":""}}]},"finish_reason":null}]}
            """
        #expect(try decoder.decode(first) == [.toolCall(ToolCallFragment(index: 0, id: "$web_search:1",
                                                                         name: "$web_search", arguments: ""))])
        let piece = #"{"choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\"usage\":"}}]}}]}"#
        #expect(try decoder.decode(piece) == [.toolCall(ToolCallFragment(index: 0, arguments: "{\"usage\":"))])
        let end = #"{"choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}"#
        #expect(try decoder.decode(end) == [.finished(.toolCalls)])
    }

    @Test("a whole reply's tool calls, which carry no index, are numbered by position")
    func wholeReplyToolCalls() throws {
        let body = """
            {"choices":[{"index":0,"message":{"role":"assistant","content":"","tool_calls":[{"id":"a","type":"function",\
            "function":{"name":"$web_search","arguments":"{}"}}]},"finish_reason":"tool_calls"}]}
            """
        let completion = try KimiCompletion.decode(body)
        #expect(completion.toolCalls == [ToolCall(id: "a", name: "$web_search", arguments: "{}")])
        #expect(completion.events.contains(.toolCall(ToolCallFragment(index: 0, id: "a", name: "$web_search",
                                                                      arguments: "{}"))))
    }
}
