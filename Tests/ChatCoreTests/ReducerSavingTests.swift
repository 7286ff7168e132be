import ChatDomain
import Foundation
import ScreenKit
import Testing
@testable import ChatCore

@Suite("Reducer: saving the conversation")
struct ReducerSavingTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))

    mutating func send(_ text: String) -> [AppEffect] {
        _ = reduce(&state, .textEntered(text))
        return reduce(&state, .keyPressed(.enter))
    }

    @Test("the question and an empty reply row are saved before the request is asked for")
    mutating func savesBeforeSending() {
        let effects = send("  What is 1+1?\nsecond line")
        #expect(effects.count == 3)
        guard case .startReply = effects.last else { Issue.record("the request comes last"); return }
        let saves = effects.saves
        #expect(saves.map(\.message.role) == [.user, .assistant])
        #expect(saves.map(\.message.status) == [.complete, .streaming])
        #expect(saves.map(\.localID) == state.messages.map(\.id))
        #expect(saves[0].conversation == OpenConversation(key: 1, id: nil, title: "What is 1+1?", model: "kimi-k2.6"))
        #expect(saves[1].message.model == "kimi-k2.6")
    }

    @Test("a streaming reply is saved every other tick while it changes, and at the end")
    mutating func savesWhileStreaming() {
        _ = send("hi")
        _ = reduce(&state, .streamEvent(1, .content("Hel")))
        #expect(reduce(&state, .tick).isEmpty)
        #expect(reduce(&state, .tick).saves.map(\.message.text) == ["Hel"])
        _ = reduce(&state, .streamEvent(1, .reasoning("hmm")))
        _ = reduce(&state, .streamEvent(1, .content("lo")))
        #expect(reduce(&state, .tick).isEmpty)
        let saved = reduce(&state, .tick).saves
        #expect(saved.map(\.message.text) == ["Hello"])
        #expect(saved.map(\.message.reasoning) == ["hmm"])
        #expect(saved.map(\.message.status) == [.streaming])
        #expect(reduce(&state, .tick).isEmpty)
        #expect(reduce(&state, .tick).isEmpty, "nothing new, nothing written")

        let usage = Usage(promptTokens: 5, completionTokens: 2, totalTokens: 7)
        _ = reduce(&state, .streamEvent(1, .finished(.stop)))
        _ = reduce(&state, .streamEvent(1, .usage(usage)))
        let final = reduce(&state, .streamEvent(1, .done)).saves
        #expect(final.map(\.message.status) == [.complete])
        #expect(final.first?.message.usage == usage)
        #expect(final.first?.message.finishReason == .stop)
    }

    @Test("a reply cut mid-way is saved as interrupted, with the reason")
    mutating func interruptedIsSaved() {
        _ = send("hi")
        _ = reduce(&state, .streamEvent(1, .content("half")))
        let saves = reduce(&state, .streamFailed(1, .interrupted("reset"))).saves
        #expect(saves.map(\.message.status) == [.interrupted])
        #expect(saves.first?.message.text == "half")
        #expect(saves.first?.message.errorMessage?.contains("reset") == true)
    }

    @Test("a request that fails before any text is saved as an error row")
    mutating func errorIsSaved() {
        _ = send("hi")
        let saves = reduce(&state, .streamFailed(1, .http(status: 401, type: "invalid_authentication_error",
                                                            message: "bad key"))).saves
        #expect(saves.map(\.message.status) == [.error])
        #expect(saves.first?.message.errorMessage?.contains("bad key") == true)
        #expect(state.messages.map(\.kind) == [.user, .error])
    }

    @Test("once the database names the conversation, later saves carry its id")
    mutating func conversationID() {
        _ = send("first")
        _ = reduce(&state, .conversationSaved(key: 99, Fixtures.summary(id: 5)))
        #expect(state.conversation.id == nil, "a save for another conversation changes nothing")
        _ = reduce(&state, .conversationSaved(key: 1, Fixtures.summary(id: 7)))
        _ = reduce(&state, .streamEvent(1, .done))
        #expect(send("second").saves.map(\.conversation.id) == [7, 7])
        #expect(state.conversation.title == "first", "the title stays the first message's")
    }

    @Test("reopening shows the saved messages as they were, and sends them as history")
    func reopening() {
        let saved = Fixtures.conversation(id: 3, title: "Moon", [
            StoredMessage(role: .user, text: "Tell me about the Moon"),
            StoredMessage(role: .assistant, text: "It orbits", reasoning: "recall", status: .stopped, model: "kimi-k3",
                          usage: Usage(promptTokens: 9, completionTokens: 2, totalTokens: 11)),
            StoredMessage(role: .user, text: "and?"),
            StoredMessage(role: .assistant, text: "", status: .error, errorMessage: "The API key was rejected"),
            StoredMessage(role: .user, text: "again"),
            StoredMessage(role: .assistant, text: "", status: .stopped),
            StoredMessage(role: .assistant, text: "half", status: .streaming),
        ])
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), reopening: saved)
        #expect(state.messages.map(\.kind) == [.user, .assistant, .user, .error, .user, .assistant])
        #expect(state.messages[1].status == .stopped)
        #expect(state.messages[1].reasoning == "recall")
        #expect(state.messages[1].model == "kimi-k3")
        #expect(state.messages[1].storedID == 101)
        #expect(state.messages[3].text == "The API key was rejected")
        #expect(state.messages[5].status == .interrupted, "left streaming by a dead process")
        #expect(state.conversation.id == 3)
        #expect(state.conversation.title == "Moon")
        #expect(state.lastUsage?.totalTokens == 11)

        _ = reduce(&state, .textEntered("next"))
        let effects = reduce(&state, .keyPressed(.enter))
        guard case let .startReply(_, request) = effects.last else { Issue.record("no request"); return }
        #expect(request.turns.map(\.content) == ["Tell me about the Moon", "It orbits", "and?", "again", "half", "next"])
        #expect(effects.saves.allSatisfy { $0.conversation.id == 3 })
    }

    @Test("Ctrl-N stops a streaming reply, keeps it saved, and starts an empty conversation")
    mutating func newConversation() {
        _ = send("hi")
        _ = reduce(&state, .streamEvent(1, .content("part")))
        let epoch = state.transcriptEpoch
        let effects = reduce(&state, .keyPressed(.ctrl("n")))
        #expect(effects.withoutSaves == [.cancelReply(1)])
        #expect(effects.saves.map(\.message.status) == [.stopped])
        #expect(effects.saves.first?.conversation.key == 1)
        #expect(state.messages.isEmpty)
        #expect(state.conversation.key != 1)
        #expect(state.conversation.id == nil)
        #expect(state.transcriptEpoch == epoch + 1)
        #expect(send("fresh").saves.allSatisfy { $0.conversation.id == nil && $0.conversation.title == "fresh" })
    }
}
