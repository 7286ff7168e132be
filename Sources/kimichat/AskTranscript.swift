import ChatDomain
import Foundation
import Persistence

/// Saves one `ask` turn as it happens: the question before the request is sent,
/// the reply when it starts, at most every `saveInterval` while it streams, and at the end.
struct AskTranscript {
    static let saveInterval: Duration = .milliseconds(250)

    private let store: ConversationStore
    let conversationID: ConversationID
    private var reply: StoredMessage
    private var lastSave = ContinuousClock.now

    /// Saves `question` (creating the conversation when `existing` is nil) and an empty reply row.
    init(store: ConversationStore, existing: ConversationID?, question: String, model: String) throws {
        self.store = store
        conversationID = try existing
            ?? store.createConversation(title: ConversationTitle.derived(from: question), model: model).id
        try store.save(StoredMessage(role: .user, text: question), in: conversationID)
        reply = StoredMessage(role: .assistant, text: "", status: .streaming, model: model)
        reply.id = try store.save(reply, in: conversationID)
    }

    mutating func record(_ event: StreamEvent) {
        switch event {
        case let .content(text): reply.text += text
        case let .reasoning(text): reply.reasoning += text
        case let .usage(usage): reply.usage = usage
        case let .finished(reason): reply.finishReason = reason
        case .done, .retrying, .unreadable: return
        }
        let now = ContinuousClock.now
        if now - lastSave >= Self.saveInterval { save(at: now) }
    }

    /// The final save: complete, or interrupted / error with the reason.
    mutating func finish(failure: ChatError?) {
        if let failure {
            reply.status = reply.text.isEmpty && reply.reasoning.isEmpty ? .error : .interrupted
            reply.errorMessage = failure.userMessage
        } else {
            reply.status = .complete
        }
        save(at: .now)
    }

    private mutating func save(at now: ContinuousClock.Instant) {
        lastSave = now
        // A failed save must not cut the answer being printed; the reason goes to stderr once.
        do {
            try store.save(reply, in: conversationID)
        } catch {
            let message = (error as? StorageError)?.userMessage ?? String(describing: error)
            try? FileHandle.standardError.write(contentsOf: Data("kimichat: \(message)\n".utf8))
        }
    }
}

extension SavedConversation {
    /// The turns a request continuing this conversation carries, oldest first:
    /// questions, and replies that have text (reasoning sent back with them).
    var historyTurns: [ChatTurn] {
        messages.compactMap { message in
            switch message.role {
            case .user:
                return message.text.isEmpty ? nil : ChatTurn(role: .user, content: message.text)
            case .assistant:
                guard !message.text.isEmpty, message.status != .streaming else { return nil }
                return ChatTurn(role: .assistant, content: message.text,
                                reasoning: message.reasoning.isEmpty ? nil : message.reasoning)
            case .system:
                return nil
            }
        }
    }
}
