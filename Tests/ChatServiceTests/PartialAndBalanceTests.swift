import ChatDomain
@testable import ChatService
import Foundation
@testable import MockMoonshot
import Testing
import TestSupport

/// Partial Mode, `prompt_cache_key` and the balance endpoint against the mock.
@Suite("Chat service: partial mode, cache key, balance")
struct PartialAndBalanceTests {
    @Test("the reply so far goes last with partial: true, and the answer continues it without repeating it")
    func partialMode() async throws {
        try await withMockServer(over: .tlsHTTP2) { server, service in
            var cut = ChatTurn(role: .assistant, content: "Once upon a time")
            cut.partial = true
            var request = ChatRequest(model: "kimi-k2.6", turns: [ChatTurn(role: .user, content: "A story"), cut])
            request.promptCacheKey = "kimichat-7"
            let (events, failure) = await collect(service.streamReply(to: request))
            #expect(failure == nil)
            let text = events.compactMap { if case let .content(piece) = $0 { piece } else { nil } }.joined()
            #expect(text.hasPrefix(" …and here the reply goes on from “Once upon a time”"))
            #expect(!events.contains { if case .reasoning = $0 { true } else { false } }, "no new thinking")
            let body = try #require(server.requests.last?.json)
            let messages = try #require(body["messages"] as? [[String: Any]])
            #expect(messages.last?["partial"] as? Bool == true)
            #expect(messages.first?["partial"] == nil, "only the reply so far is partial")
            #expect(body["prompt_cache_key"] as? String == "kimichat-7")
        }
    }

    @Test("the balance: cash, vouchers and what is available, in dollars for a host that is not .cn")
    func balance() async throws {
        try await withMockServer { server, service in
            #expect(await service.balance() == .known(Balance(available: 12.34, cash: 10, voucher: 2.34, currency: .usd)))
            server.setBalance(MockBalance(cash: -1.5, voucher: 0))
            guard case let .known(owed) = await service.balance() else { Issue.record("no balance"); return }
            #expect(owed.available == 0)
            #expect(owed.summary == "$0.00 (cash -$1.50)")
            // Nothing left: inference is refused with the quota error.
            let (_, failure) = await collect(service.streamReply(to: ChatRequest(
                model: "kimi-k2.6", turns: [ChatTurn(role: .user, content: "hi")])))
            #expect(failure?.isQuotaExhausted == true)
        }
    }

    @Test("a balance that cannot be read says why, without the key")
    func balanceRefused() async throws {
        try await withMockServer({ $0.apiKey = "sk-wrong-key-123" }) { _, service in
            guard case let .unavailable(reason) = await service.balance() else { Issue.record("read"); return }
            #expect(!reason.contains("sk-wrong-key-123"))
            #expect(!reason.isEmpty)
        }
    }
}

@Suite("Chat service: settings the models refuse")
struct SettingsOnTheWireTests {
    @Test("what each model refuses, the mock refuses as Kimi does; what the rules let through is accepted")
    func refusals() async throws {
        try await withMockServer { _, service in
            func failure(_ change: (inout ChatRequest) -> Void, model: String) async -> ChatError? {
                var request = ChatRequest(model: model, turns: [ChatTurn(role: .user, content: "hi")])
                change(&request)
                return await collect(service.streamReply(to: request)).1
            }
            #expect(await failure({ $0.topP = 0.5 }, model: "kimi-k2.6")?.userMessage.contains("invalid top_p") == true)
            #expect(await failure({ $0.thinkingDisabled = true }, model: "kimi-k3")?.userMessage
                .contains("only type=enabled") == true)
            #expect(await failure({ $0.reasoningEffort = .low }, model: "kimi-k2.6")?.userMessage
                .contains("reasoning_effort") == true)
            #expect(await failure({ $0.reasoningEffort = .low }, model: "kimi-k3") == nil)
            #expect(await failure({ $0.thinkingDisabled = true }, model: "kimi-k2.6") == nil)
            #expect(await failure({ $0.temperature = 0.3; $0.topP = 0.9 }, model: "moonshot-v1-8k") == nil)
        }
    }
}
