import ChatCore
import ChatDomain
import Foundation
import Persistence

/// Saves one `ask` turn as it happens: the question before the request is sent,
/// the reply when it starts, in the chat screen's `SaveRhythm` while it streams, and at the end.
struct AskTranscript {
    private let store: ConversationStore
    let conversationID: ConversationID
    private var reply: StoredMessage
    private let started = ContinuousClock.now
    private var rhythm = SaveRhythm()

    /// Saves `question` (creating the conversation when `existing` is nil) and an empty reply row.
    init(store: ConversationStore, existing: ConversationID?, question: String, attachments: [Attachment] = [],
         model: String, webSearch: Bool = false, settings: ConversationSettings? = nil) throws {
        self.store = store
        conversationID = try existing
            ?? store.createConversation(title: ConversationTitle.derived(from: question), model: model).id
        if webSearch { try store.setWebSearch(conversationID, on: true) }
        // A preset's settings (and so its model) stay with the conversation it starts or continues.
        if let settings {
            try store.setSettings(conversationID, settings)
            if existing != nil { try store.setModel(conversationID, to: model) }
        }
        var asked = StoredMessage(role: .user, text: question)
        asked.attachments = attachments
        try store.save(asked, in: conversationID)
        reply = StoredMessage(role: .assistant, text: "", status: .streaming, model: model)
        reply.id = try store.save(reply, in: conversationID)
    }

    mutating func record(_ event: StreamEvent) {
        switch event {
        case let .content(text): reply.text += text
        case let .reasoning(text): reply.reasoning += text
        case let .usage(usage): reply.usage = usage
        case let .finished(reason): reply.finishReason = reason
        case .done, .retrying, .unreadable, .toolCall: return
        }
        if rhythm.isDue(elapsed: .now - started, size: reply.text.utf8.count + reply.reasoning.utf8.count) { save() }
    }

    /// The reply asked for a web search: what it wrote so far belongs to the search.
    mutating func recordSearch(_ calls: [ToolCall]) {
        reply.searches.append(SearchRound(text: reply.text, reasoning: reply.reasoning, calls: calls))
        reply.text = ""
        reply.reasoning = ""
        reply.finishReason = nil
        save()
    }

    /// The final save: complete, or interrupted / error with the reason.
    mutating func finish(failure: ChatError?) {
        if let failure {
            reply.status = reply.text.isEmpty && reply.reasoning.isEmpty ? .error : .interrupted
            reply.errorMessage = failure.userMessage
        } else {
            reply.status = .complete
        }
        save()
    }

    private func save() {
        // A failed save must not cut the answer being printed; the reason goes to stderr once.
        do {
            try store.save(reply, in: conversationID)
        } catch {
            let message = (error as? StorageError)?.userMessage ?? String(describing: error)
            try? FileHandle.standardError.write(contentsOf: Data("kimichat: \(message)\n".utf8))
        }
    }
}
