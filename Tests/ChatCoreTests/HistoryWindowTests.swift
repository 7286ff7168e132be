import ChatDomain
import Testing
@testable import ChatCore

@Suite("History that fits the context window")
struct HistoryWindowTests {
    static func model(context: Int, budget: Int) -> ModelInfo {
        ModelInfo(id: "m", contextLength: context, thinking: .never, vision: false, replyBudget: budget,
                  fixedSampling: true, description: "")
    }

    /// `count` rounds of a question and an answer, each of `words` words (English) or characters (Chinese).
    static func rounds(_ count: Int, chinese: Bool = false, size: Int = 100) -> [ChatTurn] {
        (0..<count).flatMap { index -> [ChatTurn] in
            let text = chinese ? String(repeating: "中", count: size) : String(repeating: "word ", count: size)
            return [ChatTurn(role: .user, content: "q\(index) " + text), ChatTurn(role: .assistant, content: "a\(index) " + text)]
        }
    }

    let system = ChatTurn(role: .system, content: "Be brief.")
    let question = ChatTurn(role: .user, content: "now?")

    @Test("a question answered twice (Ctrl-R) is sent with its newest answer only")
    func newestAnswerOnly() {
        let earlier = [ChatTurn(role: .user, content: "q"), ChatTurn(role: .assistant, content: "cut off"),
                       ChatTurn(role: .assistant, content: "whole"), ChatTurn(role: .user, content: "q2"),
                       ChatTurn(role: .assistant, content: "a2")]
        let window = HistoryWindow.choose(system: nil, earlier: earlier, question: question,
                                          model: Self.model(context: 100_000, budget: 4_000), policy: .fitContextWindow,
                                          estimate: TokenEstimate())
        #expect(window.turns.map(\.content) == ["q", "whole", "q2", "a2", "now?"])
    }

    @Test("everything that fits is sent")
    func allFits() {
        let window = HistoryWindow.choose(system: system, earlier: Self.rounds(5), question: question,
                                          model: Self.model(context: 100_000, budget: 4_000), policy: .fitContextWindow,
                                          estimate: TokenEstimate())
        #expect(window.turns.count == 12)
        #expect(window.omitted == 0)
        #expect(window.turns.first == system)
        #expect(window.turns.last == question)
    }

    @Test(arguments: [false, true])
    func oldestRoundsLeaveFirst(chinese: Bool) {
        // Each English round is ~350 tokens (2 × 500 characters / 3 + framing), each
        // Chinese one ~210 (2 × 100 characters + framing): a few fit in 1,000.
        let earlier = Self.rounds(10, chinese: chinese, size: 100)
        let model = Self.model(context: 1_500, budget: 500)
        let window = HistoryWindow.choose(system: system, earlier: earlier, question: question, model: model,
                                          policy: .fitContextWindow, estimate: TokenEstimate())
        let kept = window.turns.dropFirst().dropLast()
        #expect(window.turns.first == system, "the system prompt is always kept")
        #expect(window.turns.last == question)
        #expect(!kept.isEmpty)
        #expect(kept.first?.role == .user, "whole rounds: never an answer without its question")
        #expect(Array(kept) == Array(earlier.suffix(kept.count)), "the newest rounds are the ones kept")
        #expect(window.omitted == earlier.count - kept.count)
        #expect(TokenEstimate().tokens(window.turns) <= model.contextLength - model.replyBudget)
        let oneMore = Array(earlier.suffix(kept.count + 2)) 
        #expect(TokenEstimate().tokens([system] + oneMore + [question]) > model.contextLength - model.replyBudget,
                "one more round would not have fitted")
    }

    @Test("a calibration above 1 leaves more out")
    func calibrationCounts() {
        let earlier = Self.rounds(10)
        let model = Self.model(context: 3_000, budget: 500)
        let plain = HistoryWindow.choose(system: nil, earlier: earlier, question: question, model: model,
                                         policy: .fitContextWindow, estimate: TokenEstimate())
        let heavier = HistoryWindow.choose(system: nil, earlier: earlier, question: question, model: model,
                                           policy: .fitContextWindow, estimate: TokenEstimate(calibration: 2))
        #expect(heavier.omitted > plain.omitted)
    }

    @Test("keep_rounds keeps only the last N rounds")
    func keepRounds() {
        let earlier = Self.rounds(6)
        let window = HistoryWindow.choose(system: system, earlier: earlier, question: question,
                                          model: Self.model(context: 1_000_000, budget: 1_000), policy: .keepRounds(2),
                                          estimate: TokenEstimate())
        #expect(Array(window.turns.dropFirst().dropLast()) == Array(earlier.suffix(4)))
        #expect(window.omitted == 8)
        let none = HistoryWindow.choose(system: nil, earlier: earlier, question: question,
                                        model: Self.model(context: 1_000_000, budget: 1_000), policy: .keepRounds(0),
                                        estimate: TokenEstimate())
        #expect(none.turns == [question])
    }

    @Test("the question goes even when nothing else fits")
    func questionAlwaysSent() {
        let window = HistoryWindow.choose(system: system, earlier: Self.rounds(2), question: question,
                                          model: Self.model(context: 10, budget: 5), policy: .fitContextWindow,
                                          estimate: TokenEstimate())
        #expect(window.turns == [system, question])
        #expect(window.omitted == 4)
    }

    @Test("the estimate read as bytes counts as the scalars do, at the U+2E80 edge too")
    func estimateAsBytes() {
        func byScalars(_ text: String) -> Double {
            let wide = text.unicodeScalars.filter { $0.value >= 0x2E80 }.count
            return Double(wide) + Double(text.unicodeScalars.count - wide) / 3.0
        }
        for text in ["", "plain ascii", "café naïve", "\u{2E7F}\u{2E80}\u{2E81}", "你好，世界", "한국어", "emoji 😀👍🏽",
                     "mixed 中文 and English ⺀ — “quotes” …", String(repeating: "a中😀é", count: 50),
                     // Eight bytes are counted at a time: a wide E2 scalar across the edge of
                     // two, Thai (E0) and Devanagari (E0 A4), a lone lead byte's neighbours.
                     "1234567⺀ and 123456—⺀x", "ภาษาไทย and हिन्दी, ⺀⺁ “quotes” ⿻ ⸀", String(repeating: "—⺀", count: 9)] {
            #expect(TokenEstimate.raw(text) == byScalars(text), "\(text)")
        }
    }

    @Test("estimates err high: a token a Chinese character, one per three others; calibration follows usage")
    func estimates() {
        #expect(TokenEstimate.raw(String(repeating: "中", count: 400)) == 400)
        #expect(TokenEstimate.raw(String(repeating: "abc", count: 100)) == 100)
        let estimate = TokenEstimate()
        let adjusted = estimate.calibrated(estimatedRaw: 100, actual: 150)
        #expect(adjusted.calibration > 1 && adjusted.calibration < 1.5)
        #expect(estimate.calibrated(estimatedRaw: 100, actual: 60) == estimate, "never below the raw estimate")
        #expect(estimate.calibrated(estimatedRaw: 100, actual: 100_000).calibration <= 0.6 + 4 * 0.4, "bounded")
        #expect(estimate.calibrated(estimatedRaw: 2, actual: 50) == estimate, "too small a sample says nothing")
    }
}
