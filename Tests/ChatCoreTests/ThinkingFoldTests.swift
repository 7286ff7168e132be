import ChatDomain
import ScreenKit
import Testing
@testable import ChatCore

/// Alt-T folds the thinking of the reply being read, and the time a reply thought is kept.
@Suite("Reducer: thinking, folded and timed")
struct ThinkingFoldTests {
    var state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true))

    mutating func exchange(_ question: String, thinking: String, answer: String, requestID: Int) {
        _ = reduce(&state, .textEntered(question))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvent(requestID, .reasoning(thinking)))
        for _ in 0..<42 { _ = reduce(&state, .tick) }
        _ = reduce(&state, .streamEvent(requestID, .content(answer)))
        _ = reduce(&state, .streamEvent(requestID, .done))
    }

    @Test("scrolled to an earlier exchange, Alt-T unfolds that reply's thinking, not the last one's")
    mutating func topOfTheView() {
        exchange("first", thinking: "first thoughts", answer: "one", requestID: 1)
        exchange("second", thinking: "second thoughts", answer: "two", requestID: 2)
        let firstQuestion = state.messages[0]
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: firstQuestion.id, line: 0))))
        _ = reduce(&state, .keyPressed(.alt("t")))
        #expect(state.messages[1].showsReasoning, "the reply under the question at the top")
        #expect(!state.messages[3].showsReasoning)
        _ = reduce(&state, .keyPressed(.end))
        _ = reduce(&state, .keyPressed(.alt("t")))
        #expect(state.messages[3].showsReasoning, "following the output: the last reply")
    }

    @Test("scrolled to a reply without thinking, Alt-T says so instead of folding one out of sight")
    mutating func nothingAtTheTop() {
        _ = reduce(&state, .textEntered("plain"))
        _ = reduce(&state, .keyPressed(.enter))
        _ = reduce(&state, .streamEvent(1, .content("no thoughts here")))
        _ = reduce(&state, .streamEvent(1, .done))
        exchange("later", thinking: "later thoughts", answer: "later answer", requestID: 2)
        _ = reduce(&state, .transcriptScrolled(.pinned(TranscriptAnchor(messageID: state.messages[1].id, line: 0))))
        _ = reduce(&state, .keyPressed(.alt("t")))
        #expect(!state.messages[3].showsReasoning)
        #expect(state.statusNote == "No thinking in the message at the top of the view.")
    }

    @Test("the time a reply thought goes into its save, and comes back when the conversation is loaded")
    mutating func thinkingTimeSaved() {
        exchange("why", thinking: "because", answer: "so", requestID: 1)
        let reply = state.messages[1]
        #expect(reply.thinkingTicks == 42)
        guard case let .saveMessage(save) = state.save(reply) else {
            Issue.record("no save")
            return
        }
        #expect(save.message.thinkingMilliseconds == 4_200)
        var stored = save.message
        stored.id = 9
        let loaded = TranscriptMessage(loaded: stored, id: 1)
        #expect(loaded?.thinkingTicks == 42)
    }
}
