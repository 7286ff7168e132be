import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore

/// Reducer tests read as scripts: each event, then the exact state and effects.
@Suite("Reducer: sending and streaming")
struct ReducerStreamingTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", systemPrompt: "Be brief.", hasAPIKey: true),
                         models: Fixtures.models)

    mutating func type(_ text: String) {
        for character in text { _ = reduce(&state, .keyPressed(.character(character))) }
    }

    mutating func sendMessage(_ text: String) -> [AppEffect] {
        type(text)
        return reduce(&state, .keyPressed(.enter))
    }

    @Test("Enter sends: the user message joins the transcript before the request is asked for")
    mutating func send() {
        let effects = sendMessage("What is 1+1?")
        #expect(state.input.isEmpty)
        #expect(state.messages.map(\.kind) == [.user, .assistant])
        #expect(state.messages[0].text == "What is 1+1?")
        #expect(state.messages[1].status == .streaming)
        #expect(state.activeReply?.requestID == 1)
        #expect(effects.withoutSaves == [.startReply(1, ChatRequest(model: "kimi-k2.6", turns: [
            ChatTurn(role: .system, content: "Be brief."),
            ChatTurn(role: .user, content: "What is 1+1?"),
        ], maxCompletionTokens: 32_768))])
    }

    @Test("deltas append; finish and [DONE] complete the reply")
    mutating func streamToCompletion() {
        _ = sendMessage("hi")
        _ = reduce(&state, .streamEvent(1, .reasoning("thinking ")))
        _ = reduce(&state, .streamEvent(1, .content("Hello")))
        _ = reduce(&state, .streamEvent(1, .content(", world")))
        let usage = Usage(promptTokens: 5, completionTokens: 3, totalTokens: 8)
        _ = reduce(&state, .streamEvent(1, .usage(usage)))
        _ = reduce(&state, .streamEvent(1, .finished(.stop)))
        #expect(state.isStreaming)
        _ = reduce(&state, .streamEvent(1, .done))
        let reply = state.messages[1]
        #expect(reply.text == "Hello, world")
        #expect(reply.reasoning == "thinking ")
        #expect(reply.status == .complete)
        #expect(reply.usage == usage)
        #expect(state.lastUsage == usage)
        #expect(!state.isStreaming)
    }

    @Test("the second request carries the system prompt and the whole first exchange")
    mutating func multiTurn() {
        _ = sendMessage("What is the rotation period of the Earth?")
        _ = reduce(&state, .streamEvent(1, .reasoning("recall")))
        _ = reduce(&state, .streamEvent(1, .content("About 24 hours.")))
        _ = reduce(&state, .streamEvent(1, .done))
        let effects = sendMessage("What about the Moon?")
        #expect(effects.withoutSaves == [.startReply(2, ChatRequest(model: "kimi-k2.6", turns: [
            ChatTurn(role: .system, content: "Be brief."),
            ChatTurn(role: .user, content: "What is the rotation period of the Earth?"),
            ChatTurn(role: .assistant, content: "About 24 hours.", reasoning: "recall"),
            ChatTurn(role: .user, content: "What about the Moon?"),
        ], maxCompletionTokens: 32_768))])
    }

    @Test("Esc stops the reply: the partial text stays, marked stopped, and the request is cancelled")
    mutating func stop() {
        _ = sendMessage("hi")
        _ = reduce(&state, .streamEvent(1, .content("Partial")))
        let effects = reduce(&state, .keyPressed(.escape))
        #expect(effects.withoutSaves == [.cancelReply(1)])
        #expect(state.messages[1].text == "Partial")
        #expect(state.messages[1].status == .stopped)
        #expect(!state.isStreaming)
        // Late events of the stopped request change nothing.
        _ = reduce(&state, .streamEvent(1, .content(" more")))
        #expect(state.messages[1].text == "Partial")
    }

    @Test("Ctrl-C stops the reply like Esc: partial text kept, marked stopped, cancelled; quit is not armed")
    mutating func ctrlCStops() {
        _ = sendMessage("hi")
        _ = reduce(&state, .streamEvent(1, .content("Partial")))
        let effects = reduce(&state, .keyPressed(.ctrl("c")))
        #expect(effects.withoutSaves == [.cancelReply(1)])
        #expect(effects.saves.map(\.message.status) == [.stopped], "the partial reply is saved as stopped")
        #expect(state.messages[1].text == "Partial")
        #expect(state.messages[1].status == .stopped)
        #expect(!state.isStreaming)
        #expect(!state.quitArmed, "stopping a reply does not count toward quitting")
        _ = reduce(&state, .streamEvent(1, .content(" more")))
        #expect(state.messages[1].text == "Partial")
    }

    @Test("an error before any token: the user message stays and the error is explained")
    mutating func errorBeforeTokens() {
        _ = sendMessage("hi")
        let failure = ChatError.http(status: 401, type: "invalid_authentication_error", message: "Invalid Authentication")
        _ = reduce(&state, .streamFailed(1, failure))
        #expect(state.messages.map(\.kind) == [.user, .error])
        #expect(state.messages[0].text == "hi")
        #expect(state.messages[1].text == failure.userMessage)
        #expect(state.messages[1].text.contains("401"))
        #expect(!state.isStreaming)
    }

    @Test("a connection cut mid-reply keeps the partial reply, marked interrupted")
    mutating func cutMidReply() {
        _ = sendMessage("hi")
        _ = reduce(&state, .streamEvent(1, .content("Half a")))
        _ = reduce(&state, .streamFailed(1, .interrupted("the connection broke")))
        #expect(state.messages.map(\.kind) == [.user, .assistant, .error])
        #expect(state.messages[1].text == "Half a")
        #expect(state.messages[1].status == .interrupted)
    }

    @Test("a stream that ends with no finish_reason and no [DONE] is interrupted, not complete")
    mutating func endedEarly() {
        _ = sendMessage("hi")
        _ = reduce(&state, .streamEvent(1, .content("Half")))
        _ = reduce(&state, .streamEnded(1))
        #expect(state.messages[1].status == .interrupted)
        #expect(state.messages.last?.kind == .error)
    }

    @Test("finish_reason arrived, then the connection dropped before [DONE]: the reply is complete")
    mutating func finishedThenDropped() {
        _ = sendMessage("hi")
        _ = reduce(&state, .streamEvent(1, .content("All of it.")))
        _ = reduce(&state, .streamEvent(1, .finished(.stop)))
        _ = reduce(&state, .streamFailed(1, .interrupted("reset")))
        #expect(state.messages.map(\.kind) == [.user, .assistant])
        #expect(state.messages[1].status == .complete)
    }

    @Test("the 'still streaming' note goes away when the reply ends")
    mutating func streamingNoteCleared() {
        _ = sendMessage("first")
        _ = sendMessage("second")
        #expect(state.statusNote != nil)
        _ = reduce(&state, .streamEvent(1, .done))
        #expect(state.statusNote == nil)
    }

    @Test("with no API key the message is kept and the fix is explained; nothing is sent")
    func missingKey() {
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: false))
        #expect(state.messages.first?.text.contains("MOONSHOT_API_KEY") == true)
        for character in "hello" { _ = reduce(&state, .keyPressed(.character(character))) }
        let effects = reduce(&state, .keyPressed(.enter))
        #expect(effects.withoutSaves.isEmpty)
        #expect(effects.saves.map(\.message.text) == ["hello"], "the message is saved all the same")
        #expect(state.messages.map(\.kind) == [.notice, .user, .error])
        #expect(state.messages[1].text == "hello")
    }

    @Test("a database this user cannot write: a notice at start; Enter and Ctrl-R send nothing, save nothing, and say why")
    func readOnlyDatabase() {
        let saved = Fixtures.exchanges(id: 4, count: 2)
        var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true,
                                                    readOnlyDatabase: "/ro/kimichat.sqlite"),
                             reopening: saved)
        let notice = state.messages.last?.text ?? ""
        #expect(notice.contains("Sending is off"))
        #expect(notice.contains("/ro/kimichat.sqlite"))
        #expect(notice.contains("permission denied"))
        let before = state.messages.count
        for character in "hello" { _ = reduce(&state, .keyPressed(.character(character))) }
        #expect(reduce(&state, .keyPressed(.enter)).isEmpty)
        #expect(state.input.text == "hello", "the question stays in the input")
        #expect(state.messages.count == before + 1)
        #expect(state.messages.last?.kind == .error)
        #expect(state.messages.last?.text.contains("Sending is off: the conversation database /ro/kimichat.sqlite") == true)
        #expect(state.activeReply == nil)
        _ = reduce(&state, .keyPressed(.ctrl("u")))
        #expect(reduce(&state, .keyPressed(.ctrl("r"))).isEmpty, "regenerating is sending too")
        #expect(state.activeReply == nil)
    }

    @Test("Enter while a reply streams keeps the typed text and says why")
    mutating func sendWhileStreaming() {
        _ = sendMessage("first")
        let effects = sendMessage("second")
        #expect(effects.isEmpty)
        #expect(state.input.text == "second")
        #expect(state.statusNote != nil)
    }

    @Test("a blank input does not send")
    mutating func blank() {
        #expect(sendMessage("   ").isEmpty)
        #expect(state.messages.isEmpty)
    }

    @Test("quitting mid-stream stops the reply first")
    mutating func quitWhileStreaming() {
        _ = sendMessage("hi")
        _ = reduce(&state, .streamEvent(1, .content("x")))
        let effects = reduce(&state, .keyPressed(.ctrl("q")))
        #expect(effects.withoutSaves == [.cancelReply(1), .quit])
        #expect(effects.saves.map(\.message.status) == [.stopped], "the partial reply is saved as stopped")
        #expect(state.isQuitting)
        #expect(state.messages[1].status == .stopped)
    }
}
