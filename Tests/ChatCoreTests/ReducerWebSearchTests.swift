import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

/// Alt-W and the `$web_search` round trip as a pure state machine: the reply asks for a
/// search, kimichat answers with the arguments unchanged and asks again, the model answers.
@Suite("Reducer: web search")
struct ReducerWebSearchTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", systemPrompt: nil, hasAPIKey: true),
                         models: Fixtures.models)
    static let arguments = "{\"query\":\"weather\",\"usage\":{\"total_tokens\":3210}}"

    mutating func send(_ text: String) -> [AppEffect] {
        for character in text { _ = reduce(&state, .keyPressed(.character(character))) }
        return reduce(&state, .keyPressed(.enter))
    }

    /// The model asks for a search, in fragments, and ends with `tool_calls`.
    mutating func searchCall(_ request: RequestID, id: String = "s1", name: String = "$web_search") -> [AppEffect] {
        let half = Self.arguments.index(Self.arguments.startIndex, offsetBy: 10)
        return reduce(&state, .streamEvents(request, [
            .toolCall(ToolCallFragment(index: 0, id: id, name: name, arguments: "")),
            .toolCall(ToolCallFragment(index: 0, arguments: String(Self.arguments[..<half]))),
            .toolCall(ToolCallFragment(index: 0, arguments: String(Self.arguments[half...]))),
            .finished(.toolCalls), .done,
        ]))
    }

    static func request(_ effects: [AppEffect]) -> (RequestID, ChatRequest)? {
        for effect in effects { if case let .startReply(id, request) = effect { return (id, request) } }
        return nil
    }

    @Test("Alt-W turns search on for the conversation and saves it; again turns it off")
    mutating func toggle() {
        let effects = reduce(&state, .keyPressed(.alt("w")))
        #expect(state.conversation.webSearch)
        #expect(effects == [.setConversationWebSearch(state.conversation)])
        #expect(state.statusNote?.contains("Web search on") == true)
        _ = reduce(&state, .keyPressed(.alt("w")))
        #expect(!state.conversation.webSearch)
    }

    @Test("a model that always thinks cannot search: Alt-W says why and stays off")
    mutating func alwaysThinkingModel() {
        state.conversation.model = "kimi-k3"
        _ = reduce(&state, .keyPressed(.alt("w")))
        #expect(!state.conversation.webSearch)
        #expect(state.statusNote?.contains("kimi-k3 always thinks") == true)
    }

    @Test("the round trip: the call is kept on the reply, its arguments go back unchanged, and the answer follows")
    mutating func roundTrip() throws {
        _ = reduce(&state, .keyPressed(.alt("w")))
        let first = try #require(Self.request(send("Weather in Beijing?")))
        #expect(first.1.webSearch && first.1.thinkingDisabled)
        let effects = searchCall(first.0)
        let second = try #require(Self.request(effects), "asked again after the search")
        #expect(second.0 != first.0)
        #expect(second.1.turns.map(\.role) == [.user, .assistant, .tool])
        #expect(second.1.turns[1].toolCalls == [ToolCall(id: "s1", name: "$web_search", arguments: Self.arguments)])
        #expect(second.1.turns[2].content == Self.arguments, "byte for byte")
        #expect(second.1.turns[2].toolCallID == "s1")
        let reply = try #require(state.messages.last)
        #expect(reply.status == .streaming, "one reply, still under way")
        #expect(reply.searches.count == 1)
        #expect(effects.saves.last?.message.searches.count == 1, "the search is saved with the reply")
        // Events of the first request are stale now.
        _ = reduce(&state, .streamEvent(first.0, .content("stale")))
        _ = reduce(&state, .streamEvents(second.0, [.content("Sunny."), .finished(.stop), .done]))
        #expect(state.messages.last?.text == "Sunny.")
        #expect(state.messages.last?.status == .complete)
        #expect(state.activeReply == nil)
        // The next question sends the search again, before its answer.
        let third = try #require(Self.request(send("And tomorrow?")))
        #expect(third.1.turns.map(\.role) == [.user, .assistant, .tool, .assistant, .user])
    }

    @Test("a model that keeps searching is stopped after the limit, with a message")
    mutating func loopLimit() throws {
        _ = reduce(&state, .keyPressed(.alt("w")))
        var request = try #require(Self.request(send("Loop?"))).0
        for round in 0..<WebSearch.roundLimit {
            request = try #require(Self.request(searchCall(request, id: "s\(round)")), "round \(round) goes on").0
        }
        let last = searchCall(request, id: "over")
        #expect(Self.request(last) == nil, "no request after the limit")
        #expect(state.activeReply == nil)
        #expect(state.messages.last?.kind == .error)
        #expect(state.messages.last?.text.contains("stopped there") == true)
        #expect(state.messages.first { $0.kind == .assistant }?.searches.count == WebSearch.roundLimit)
    }

    @Test("a tool kimichat does not have is named and never run; so is a search kimichat never declared")
    mutating func unknownTool() throws {
        let request = try #require(Self.request(send("Run something"))).0
        let effects = searchCall(request, name: "run_shell")
        #expect(Self.request(effects) == nil)
        #expect(state.activeReply == nil)
        #expect(state.messages.last?.text.contains("(run_shell); nothing was run") == true)
        // Search is off here: a $web_search call is not answered either.
        let second = try #require(Self.request(send("Search anyway"))).0
        _ = searchCall(second)
        #expect(state.messages.last?.text.contains("($web_search); nothing was run") == true)
    }

    @Test("the status bar's model list: choosing a model that always thinks with search on says search is off")
    mutating func switchingToAlwaysThinking() {
        _ = reduce(&state, .keyPressed(.alt("w")))
        _ = reduce(&state, .keyPressed(.ctrl("t")))
        for character in "kimi-k3" { _ = reduce(&state, .textEntered(String(character))) }
        _ = reduce(&state, .keyPressed(.enter))
        #expect(state.conversation.model == "kimi-k3")
        #expect(state.messages.last?.text.contains("Web search is off while kimi-k3 is chosen") == true)
    }
}
