import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore

/// What the transcript and the requests become when a reply goes wrong: retries,
/// skipped events, a too-long request, and Ctrl-R.
@Suite("Reducer: faults, retries and regenerating")
struct ReducerFaultTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true), models: Fixtures.models)

    mutating func send(_ text: String) -> [AppEffect] {
        _ = reduce(&state, .textEntered(text))
        return reduce(&state, .keyPressed(.enter))
    }

    mutating func exchange(_ question: String, _ answer: String) {
        _ = send(question)
        let id = state.activeReply!.requestID
        _ = reduce(&state, .streamEvent(id, .content(answer)))
        _ = reduce(&state, .streamEvent(id, .finished(.stop)))
        _ = reduce(&state, .streamEvent(id, .done))
    }

    static func requests(_ effects: [AppEffect]) -> [ChatRequest] {
        effects.compactMap { if case let .startReply(_, request) = $0 { request } else { nil } }
    }

    let notice = RetryNotice(attempt: 2, maxAttempts: 4, seconds: 2, reason: "rate limited")

    @Test("a retry notice is kept with the reply, counts from its tick, and goes when a token arrives")
    mutating func retryNotice() {
        _ = send("hi")
        _ = reduce(&state, .tick)
        _ = reduce(&state, .streamEvent(1, .retrying(notice)))
        #expect(state.activeReply?.retry == notice)
        #expect(state.activeReply?.retryTick == 1)
        _ = reduce(&state, .streamEvent(1, .content("Hello")))
        #expect(state.activeReply?.retry == nil)
    }

    @Test("Esc while a retry waits cancels it; the question stays, and the status says what was stopped")
    mutating func escCancelsRetryWait() {
        _ = send("hi")
        _ = reduce(&state, .streamEvent(1, .retrying(notice)))
        let effects = reduce(&state, .keyPressed(.escape))
        #expect(effects.withoutSaves == [.cancelReply(1)])
        #expect(state.activeReply == nil)
        #expect(state.statusNote == "Stopped waiting to retry (rate limited).")
        #expect(state.messages.map(\.kind) == [.user])
    }

    @Test("giving up after four tries explains the last failure and the tries")
    mutating func gaveUp() {
        _ = send("hi")
        let failure = ChatError.gaveUp(attempts: 4, last: .http(status: 503, type: nil, message: "unavailable"))
        _ = reduce(&state, .streamFailed(1, failure))
        #expect(state.messages.last?.kind == .error)
        #expect(state.messages.last?.text.contains("tried 4 times") == true)
    }

    @Test("skipped events are reported once the reply ends, with Ctrl-R offered")
    mutating func unreadableEvents() {
        _ = send("hi")
        _ = reduce(&state, .streamEvent(1, .content("one ")))
        _ = reduce(&state, .streamEvent(1, .unreadable("not valid JSON")))
        _ = reduce(&state, .streamEvent(1, .content("three")))
        #expect(state.messages.map(\.kind) == [.user, .assistant])
        _ = reduce(&state, .streamEvent(1, .finished(.stop)))
        _ = reduce(&state, .streamEvent(1, .done))
        #expect(state.messages.map(\.kind) == [.user, .assistant, .error])
        #expect(state.messages[1].text == "one three")
        #expect(state.messages[1].status == .complete)
        #expect(state.messages[2].text == "One event of this reply could not be read and was skipped (the first: "
            + "not valid JSON). The reply may lack a piece; Ctrl-R regenerates it.")
        #expect(state.messages[2].text.contains("Ctrl-R"))
    }

    @Test("a too-long request: the error offers Ctrl-R, which sends half the earlier rounds")
    mutating func contextOverflow() throws {
        for round in 0..<4 { exchange("question \(round)", "answer \(round)") }
        _ = send("the big one")
        #expect(state.activeReply?.roundsSent == 4)
        let overflow = ChatError.http(status: 400, type: "invalid_request_error",
                                      message: "Invalid request: Your request exceeded model token limit: 262144")
        _ = reduce(&state, .streamFailed(5, overflow))
        let explanation = state.messages.last?.text ?? ""
        #expect(explanation.contains("too long for the model's context window"))
        #expect(explanation.contains("Press Ctrl-R to try again with only the last 2 earlier rounds"))

        let effects = reduce(&state, .keyPressed(.ctrl("r")))
        let request = try #require(Self.requests(effects).first)
        #expect(request.turns.map(\.content) == ["question 2", "answer 2", "question 3", "answer 3", "the big one"])
        _ = reduce(&state, .streamFailed(6, overflow))
        #expect(state.messages.last?.text.contains("only the last earlier round") == true)

        _ = reduce(&state, .keyPressed(.ctrl("n")))
        #expect(state.overflowRetryRounds == nil, "another conversation starts with no limit")
    }

    @Test("a question too long on its own says so, and Ctrl-R has nothing fewer to send")
    mutating func questionAloneTooLong() {
        _ = send("huge")
        _ = reduce(&state, .streamFailed(1, .http(status: 400, type: "invalid_request_error",
                                                  message: "Input token length too long")))
        #expect(state.messages.last?.text.contains("Your message alone is too long for this model") == true)
        #expect(state.overflowRetryRounds == nil)
    }

    @Test("Ctrl-R after an interrupted reply asks again; the new reply takes the old one's place, kept as a version")
    mutating func regenerateAfterInterruption() {
        exchange("first", "first answer")
        _ = send("second")
        _ = reduce(&state, .streamEvent(2, .content("half of")))
        _ = reduce(&state, .streamFailed(2, .interrupted("the connection broke")))
        #expect(state.messages.map(\.kind) == [.user, .assistant, .user, .assistant, .error])
        let old = state.messages[3].id

        let effects = reduce(&state, .keyPressed(.ctrl("r")))
        #expect(Self.requests(effects).first?.turns.map(\.content) == ["first", "first answer", "second"])
        #expect(state.messages.map(\.kind) == [.user, .assistant, .user, .assistant],
                "the old reply and its error make way for the new one")
        #expect(state.messages[3].branch == BranchPosition(number: 2, count: 2))
        #expect(state.tree.stashedMessage(old)?.text == "half of", "the old reply is kept")
        _ = reduce(&state, .streamEvent(3, .content("whole answer")))
        _ = reduce(&state, .streamEvent(3, .finished(.stop)))
        _ = reduce(&state, .streamEvent(3, .done))

        let next = send("third")
        #expect(Self.requests(next).first?.turns.map(\.content)
            == ["first", "first answer", "second", "whole answer", "third"])
    }

    @Test("Ctrl-R with nothing asked yet, or while a reply streams, only explains")
    mutating func regenerateRefused() {
        #expect(reduce(&state, .keyPressed(.ctrl("r"))).isEmpty)
        #expect(state.statusNote?.contains("Nothing to regenerate") == true)
        _ = send("hi")
        #expect(reduce(&state, .keyPressed(.ctrl("r"))).isEmpty)
        #expect(state.statusNote?.contains("still streaming") == true)
    }

    @Test("start-up warnings open the transcript")
    func warningsShown() {
        let warned = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true,
                                                     warnings: ["config.toml holds your API key"]))
        #expect(warned.messages.first?.kind == .error)
        #expect(warned.messages.first?.text == "config.toml holds your API key")
    }
}
