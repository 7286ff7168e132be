import ChatDomain
import Foundation

/// Saved conversations for tests, as the database would return them.
enum Fixtures {
    static let date = Date(timeIntervalSince1970: 1_800_000_000)

    /// A small lineup: a thinking model with a big window, and a classic one with a small one.
    static let models = [
        ModelInfo(id: "kimi-k2.6", contextLength: 262_144, thinking: .byDefault, vision: true, replyBudget: 32_768,
                  fixedSampling: true, description: "General model", isOffered: true),
        {
            var k3 = ModelInfo(id: "kimi-k3", contextLength: 1_048_576, thinking: .always, vision: true,
                               replyBudget: 32_768, fixedSampling: true, description: "Flagship", isOffered: true)
            k3.reasoningEffortLevels = ["low", "high", "max"]
            return k3
        }(),
        ModelInfo(id: "moonshot-v1-8k", contextLength: 8_192, thinking: .never, vision: false, replyBudget: 2_048,
                  fixedSampling: false, temperatureRange: 0...1, description: "Classic", isOffered: true),
    ]

    static func summary(id: ConversationID, title: String = "Saved", messages: Int = 0) -> ConversationSummary {
        ConversationSummary(id: id, title: title, model: "kimi-k2.6", createdAt: date, updatedAt: date,
                            messageCount: messages)
    }

    static func conversation(id: ConversationID, title: String = "Saved", _ messages: [StoredMessage]) -> SavedConversation {
        var numbered = messages
        for index in numbered.indices where numbered[index].id == nil { numbered[index].id = Int64(100 + index) }
        return SavedConversation(summary: summary(id: id, title: title, messages: messages.count), messages: numbered)
    }

    /// `count` alternating questions and answers.
    static func exchanges(id: ConversationID, count: Int) -> SavedConversation {
        conversation(id: id, (0..<count).map { index in
            index.isMultiple(of: 2) ? StoredMessage(role: .user, text: "question \(index)")
                : StoredMessage(role: .assistant, text: "answer \(index)", model: "kimi-k2.6")
        })
    }
}
