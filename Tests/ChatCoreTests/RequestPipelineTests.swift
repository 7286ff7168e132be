import ChatDomain
import Testing
@testable import ChatCore

/// The one place a conversation becomes a request, and the save rhythm both the chat
/// screen and `ask` keep.
@Suite("Request pipeline")
struct RequestPipelineTests {
    let thinking = Fixtures.models[0]
    let classic = Fixtures.models[2]

    private func message(_ id: Int, _ kind: MessageKind, _ text: String, reasoning: String = "",
                         status: ReplyStatus = .complete) -> TranscriptMessage {
        var message = TranscriptMessage(id: id, kind: kind, text: text, status: status)
        message.reasoning = reasoning
        return message
    }

    @Test("system prompt first, finished turns in order, notices and the streaming reply left out, question last")
    func turnsAsShown() {
        let transcript = [
            message(1, .notice, "Demo mode"),
            message(2, .user, "Q1"),
            message(3, .assistant, "A1", reasoning: "thought"),
            message(4, .error, "HTTP 500"),
            message(5, .user, "Q2"),
            message(6, .assistant, "still coming", status: .streaming),
        ]
        let planned = RequestPipeline(systemPrompt: "Be brief.", history: .fitContextWindow)
            .request(for: "Q3", after: transcript, model: thinking, estimate: TokenEstimate())
        #expect(planned.request.turns.map(\.content) == ["Be brief.", "Q1", "A1", "Q2", "Q3"])
        #expect(planned.request.turns[2].reasoning == "thought", "a thinking model gets its reasoning back")
        #expect(planned.request.maxCompletionTokens == thinking.replyBudget)
        #expect(planned.roundsSent == 2)
        #expect(planned.omitted == 0)
    }

    @Test("an empty system prompt is not sent; a model that never thinks gets no reasoning")
    func rulesOfTheModel() {
        let planned = RequestPipeline(systemPrompt: "", history: .fitContextWindow)
            .request(for: "Q2", after: [message(1, .user, "Q1"), message(2, .assistant, "A1", reasoning: "r")],
                     model: classic, estimate: TokenEstimate())
        #expect(planned.request.turns.map(\.role) == [.user, .assistant, .user])
        #expect(planned.request.turns.allSatisfy { $0.reasoning == nil })
    }

    @Test("rounds at most N narrows the policy, and never widens a smaller keep-rounds")
    func roundsAtMost() {
        let transcript = (0..<6).flatMap { [message($0 * 2 + 1, .user, "Q\($0)"), message($0 * 2 + 2, .assistant, "A\($0)")] }
        let fit = RequestPipeline(systemPrompt: nil, history: .fitContextWindow)
        #expect(fit.request(for: "Q", after: transcript, model: thinking, estimate: TokenEstimate(),
                            roundsAtMost: 2).roundsSent == 2)
        let keepOne = RequestPipeline(systemPrompt: nil, history: .keepRounds(1))
        let narrowed = keepOne.request(for: "Q", after: transcript, model: thinking, estimate: TokenEstimate(),
                                       roundsAtMost: 3)
        #expect(narrowed.roundsSent == 1)
        #expect(narrowed.omitted == 10)
    }

    @Test("a saved conversation reads as the chat screen shows it: a reply left streaming by a crash counts as cut")
    func savedAsShown() {
        let saved = [
            StoredMessage(role: .system, text: "old prompt"),
            StoredMessage(role: .user, text: "Q1"),
            StoredMessage(role: .assistant, text: "partial", status: .streaming),
            StoredMessage(role: .user, text: "Q2"),
            StoredMessage(role: .assistant, text: "", status: .error, errorMessage: "HTTP 500"),
        ]
        let transcript = RequestPipeline.transcript(of: saved)
        #expect(transcript.map(\.text) == ["Q1", "partial", "Q2"])
        #expect(transcript[1].status == .interrupted)
        let state = AppState(settings: ChatSettings(model: "kimi-k2.6", hasAPIKey: true),
                             reopening: Fixtures.conversation(id: 1, saved))
        #expect(state.messages.filter { $0.kind == .user || $0.kind == .assistant }.map(\.text) == ["Q1", "partial", "Q2"])
    }

    @Test("the save rhythm: at most every 0.2 s, only when the reply grew", arguments: [
        // (elapsed ms, size, due)
        [(100, 5, false), (200, 5, true), (300, 9, false), (400, 9, true), (600, 9, false), (700, 12, true)],
        [(200, 0, false), (250, 3, true), (449, 8, false), (450, 8, true)],
    ])
    func saveRhythm(steps: [(Int, Int, Bool)]) {
        var rhythm = SaveRhythm()
        for (elapsed, size, due) in steps {
            #expect(rhythm.isDue(elapsed: .milliseconds(elapsed), size: size) == due, "at \(elapsed) ms, \(size) bytes")
        }
    }
}
