import ChatDomain
import Foundation
import Testing
@testable import ChatCore

/// Planning from the newest part a window could take sends exactly what planning over
/// the whole transcript sends.
@Suite struct HistoryReachTests {
    @Test(arguments: [("moonshot-v1-8k", "the context window "), ("kimi-k2.6", "the context window "),
                      ("moonshot-v1-8k", "контекстное окно — "), ("moonshot-v1-8k", "หน้าต่างบริบท ")])
    func theCutChangesNothingSent(_ modelID: String, _ words: String) throws {
        // 600 messages of about 300 characters; Cyrillic and Thai take more bytes per
        // token than English or Chinese.
        let saved = Fixtures.conversation(id: 1, (0..<600).map { index in
            let text = String(repeating: index.isMultiple(of: 3) ? "上下文窗口 " : words, count: 18)
            return index.isMultiple(of: 2) ? StoredMessage(role: .user, text: "q\(index) " + text)
                : StoredMessage(role: .assistant, text: "a\(index) " + text, model: modelID)
        })
        let state = AppState(settings: ChatSettings(model: modelID, hasAPIKey: true), reopening: saved, models: Fixtures.models)
        let model = try #require(Fixtures.models.first { $0.id == modelID })
        let earlier = state.messages[...]
        let reach = HistoryReach.suffix(earlier, contextLength: model.contextLength, calibration: 1)
        let whole = state.requestPipeline.request(for: "next", after: earlier, model: model, estimate: TokenEstimate())
        let cut = state.requestPipeline.request(for: "next", after: reach.messages, model: model, estimate: TokenEstimate())
        #expect(cut.request == whole.request)
        #expect(cut.omitted + reach.leftOutTurns == whole.omitted)
        if modelID == "moonshot-v1-8k" {
            #expect(reach.messages.count < 200, "an 8k window reaches back a short way: \(reach.messages.count)")
            #expect(reach.messages.first?.kind == .user, "from a question")
        } else {
            #expect(reach.messages.count == earlier.count, "kimi-k2.6's window reaches every message here")
        }
    }
}
