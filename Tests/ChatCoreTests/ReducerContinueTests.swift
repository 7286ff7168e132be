import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

/// Ctrl-X C (Partial Mode), the conversation's cache key, and the balance in help.
@Suite("Reducer: continuing a reply, cache key, balance")
struct ReducerContinueTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", systemPrompt: nil, hasAPIKey: true),
                         models: Fixtures.models)

    mutating func send(_ text: String) -> [AppEffect] {
        for character in text { _ = reduce(&state, .keyPressed(.character(character))) }
        return reduce(&state, .keyPressed(.enter))
    }

    mutating func chord(_ letter: Character) -> [AppEffect] {
        reduce(&state, .keyPressed(.ctrl("x"))) + reduce(&state, .keyPressed(.character(letter)))
    }

    static func request(_ effects: [AppEffect]) -> (RequestID, ChatRequest)? {
        for effect in effects { if case let .startReply(id, request) = effect { return (id, request) } }
        return nil
    }

    @Test("a reply cut by max tokens goes on in the same message: the reply so far is sent last, partial")
    mutating func continueCutReply() throws {
        _ = send("Tell me a long story")
        _ = reduce(&state, .streamEvents(1, [.content("Once upon a time"), .finished(.length), .done]))
        let replyID = try #require(state.messages.last?.id)
        let effects = chord("c")
        let (id, request) = try #require(Self.request(effects))
        #expect(request.turns.map(\.role) == [.user, .assistant])
        #expect(request.turns.last?.content == "Once upon a time")
        #expect(request.turns.last?.partial == true)
        #expect(!request.webSearch, "no search while continuing")
        #expect(state.messages.last?.status == .streaming)
        _ = reduce(&state, .streamEvents(id, [.content(", there was a cat."), .finished(.stop), .done]))
        #expect(state.messages.count == 2, "no second reply")
        #expect(state.messages.last?.id == replyID)
        #expect(state.messages.last?.text == "Once upon a time, there was a cat.")
        #expect(state.messages.last?.finishReason == .stop)
        #expect(effects.saves.allSatisfy { $0.localID == replyID }, "saved as the one message")
    }

    @Test("stopped and interrupted replies continue too; a whole one, or one with no text, does not")
    mutating func whatContinues() throws {
        _ = send("Q")
        _ = reduce(&state, .streamEvents(1, [.content("Half")]))
        _ = reduce(&state, .keyPressed(.escape))
        #expect(Self.request(chord("C")) != nil, "a stopped reply continues")
        _ = reduce(&state, .streamFailed(2, .interrupted("the connection closed")))
        #expect(Self.request(chord("c")) != nil, "an interrupted reply continues")
        _ = reduce(&state, .streamEvents(3, [.content(" and whole."), .finished(.stop), .done]))
        #expect(Self.request(chord("c")) == nil)
        #expect(state.statusNote?.contains("The last reply is whole") == true)
    }

    @Test("a reply that searched goes on with search declared and thinking off; a reply of thinking alone does not")
    mutating func continueAfterSearch() throws {
        _ = reduce(&state, .keyPressed(.alt("w")))
        _ = send("News?")
        let call = ToolCall(id: "s1", name: "$web_search", arguments: "{}")
        let searched = reduce(&state, .streamEvents(1, [
            .toolCall(ToolCallFragment(index: 0, id: call.id, name: call.name, arguments: call.arguments)),
            .finished(.toolCalls), .done,
        ]))
        let (second, _) = try #require(Self.request(searched))
        _ = reduce(&state, .streamEvents(second, [.content("Sunny and"), .usage(Usage(promptTokens: 100,
            completionTokens: 5, totalTokens: 105)), .finished(.length), .done]))
        _ = reduce(&state, .keyPressed(.alt("w")))
        let (third, request) = try #require(Self.request(chord("c")))
        #expect(request.webSearch && request.thinkingDisabled, "its search turns need thinking off")
        #expect(request.turns.map(\.role) == [.user, .assistant, .tool, .assistant])
        _ = reduce(&state, .streamEvents(third, [.content(" warm."), .usage(Usage(promptTokens: 110,
            completionTokens: 3, totalTokens: 113)), .finished(.stop), .done]))
        #expect(state.messages.last(where: { $0.kind == .assistant })?.usage?.completionTokens == 8,
                "the reply's usage counts both requests")

        _ = send("Think only")
        _ = reduce(&state, .streamEvents(4, [.reasoning("hmm")]))
        _ = reduce(&state, .keyPressed(.escape))
        #expect(Self.request(chord("c")) == nil)
        #expect(state.statusNote?.contains("no text to continue") == true)
    }

    @Test("requests of a saved conversation carry its cache key")
    mutating func cacheKey() throws {
        #expect(Self.request(send("first"))?.1.promptCacheKey == nil, "not saved yet: no id to name it by")
        _ = reduce(&state, .streamEvents(1, [.content("ok"), .finished(.stop), .done]))
        _ = reduce(&state, .conversationSaved(key: state.conversation.key, Fixtures.summary(id: 42)))
        #expect(Self.request(send("second"))?.1.promptCacheKey == "kimichat-42")
    }

    @Test("F1 asks for the balance; a refusal for the quota with nothing left explains the balance")
    mutating func balance() {
        #expect(reduce(&state, .keyPressed(.function(1))) == [.readBalance(fresh: false)])
        #expect(state.balance == .checking)
        let known = Balance(available: 12.34, cash: 10, voucher: 2.34, currency: .usd)
        _ = reduce(&state, .balanceRead(.known(known)))
        #expect(state.balance == .known(known))
        _ = reduce(&state, .keyPressed(.escape))

        _ = send("hello")
        let failed = reduce(&state, .streamFailed(1, .http(status: 429, type: "exceeded_current_quota_error",
                                                           message: "You exceeded your current token quota")))
        #expect(failed.contains(.readBalance(fresh: true)), "the last reading may be a minute old")
        _ = reduce(&state, .balanceRead(.known(Balance(available: 0, cash: -1.2, voucher: 0, currency: .cny))))
        #expect(state.messages.last?.text.contains("Your account's balance is ¥0.00 (cash -¥1.20)") == true)
    }
}

@Suite("Balance: decoding")
struct BalanceDecodingTests {
    @Test("the documented body, numbers as strings, cash owed; dollars on .ai, yuan on .cn")
    func decoding() throws {
        let body = #"{"code":0,"data":{"available_balance":49.58894,"voucher_balance":46.58893,"cash_balance":3.00001},"scode":"0x0","status":true}"#
        let usd = try #require(Balance.decode(body, currency: Balance.Currency(baseURL: "https://api.moonshot.ai/v1")))
        #expect(usd.summary == "$49.59 (cash $3.00, voucher $46.59)")
        let owed = #"{"data":{"available_balance":"0","voucher_balance":"0","cash_balance":"-12.5"}}"#
        let cny = try #require(Balance.decode(owed, currency: Balance.Currency(baseURL: "https://api.moonshot.cn/v1")))
        #expect(cny.summary == "¥0.00 (cash -¥12.50)")
        #expect(Balance.decode("{\"data\":{}}", currency: .usd) == nil)
        #expect(Balance.decode("<html>", currency: .usd) == nil)
    }
}
