import ChatDomain
import Foundation

/// Saved conversations for tests, as the database would return them.
enum Fixtures {
    static let date = Date(timeIntervalSince1970: 1_800_000_000)

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
