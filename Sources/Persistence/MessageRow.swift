import ChatDomain
import Foundation
import GRDB

/// Row ↔ domain conversion for the `message` and `conversation` tables.
enum Rows {
    /// The columns `message(_:)` reads, in its order. Reading by position, not by
    /// name, matters when a conversation has thousands of messages.
    static let messageSelection = """
        id, role, text, reasoning, status, model, prompt_tokens, completion_tokens, total_tokens, \
        cached_tokens, reasoning_tokens, finish_reason, error_message, created_at, parent_id, searches, thinking_ms
        """

    /// Throws rather than traps on a value of an unexpected type: the file may have
    /// been edited by another program.
    static func message(_ row: Row) throws -> StoredMessage {
        let prompt: Int? = try row.decode(atIndex: 6)
        let usage = try prompt.map { prompt in
            Usage(promptTokens: prompt, completionTokens: try row.decode(Int?.self, atIndex: 7) ?? 0,
                  totalTokens: try row.decode(Int?.self, atIndex: 8) ?? 0,
                  cachedTokens: try row.decode(atIndex: 9), reasoningTokens: try row.decode(atIndex: 10))
        }
        let roleName: String = try row.decode(atIndex: 1)
        let statusName: String = try row.decode(atIndex: 4)
        let finish: String? = try row.decode(atIndex: 11)
        var message = StoredMessage(
            id: try row.decode(atIndex: 0),
            parentID: try row.decode(atIndex: 14),
            role: Role(rawValue: roleName) ?? .assistant,
            text: try row.decode(String?.self, atIndex: 2) ?? "",
            reasoning: try row.decode(String?.self, atIndex: 3) ?? "",
            // An unknown status (from a newer release) is shown as a finished message.
            status: MessageStatus(rawValue: statusName) ?? .complete,
            model: try row.decode(atIndex: 5),
            usage: usage,
            finishReason: finish.map(FinishReason.init(wireValue:)),
            errorMessage: try row.decode(atIndex: 12),
            createdAt: Date(timeIntervalSince1970: try row.decode(Double?.self, atIndex: 13) ?? 0)
        )
        if let searches = try row.decode(String?.self, atIndex: 15) {
            message.searches = SearchRounds.decode(searches)
        }
        message.thinkingMilliseconds = try row.decode(Int?.self, atIndex: 16)
        return message
    }

    /// The columns `summary(_:)` reads, in its order.
    static let summarySelection = "id, title, model, created_at, updated_at, message_count, web_search, settings"
    /// Columns after the summary's (a search's message id) start here.
    static let summaryColumnCount = 8

    static func summary(_ row: Row) throws -> ConversationSummary {
        ConversationSummary(
            id: try row.decode(atIndex: 0),
            title: try row.decode(String?.self, atIndex: 1) ?? "",
            model: try row.decode(String?.self, atIndex: 2) ?? "",
            createdAt: Date(timeIntervalSince1970: try row.decode(Double?.self, atIndex: 3) ?? 0),
            updatedAt: Date(timeIntervalSince1970: try row.decode(Double?.self, atIndex: 4) ?? 0),
            messageCount: try row.decode(Int?.self, atIndex: 5) ?? 0,
            webSearch: try row.decode(Bool?.self, atIndex: 6) ?? false,
            settings: ConversationSettings.decode(try row.decode(String?.self, atIndex: 7))
        )
    }

    /// The columns a save writes, in the order of `messageColumns`.
    static func messageValues(_ message: StoredMessage, writerPID: Int32, now: Double) -> [(any DatabaseValueConvertible)?] {
        [
            message.role.rawValue, message.text, message.reasoning, message.status.rawValue, message.model,
            message.usage?.promptTokens, message.usage?.completionTokens, message.usage?.totalTokens,
            message.usage?.cachedTokens, message.usage?.reasoningTokens,
            message.finishReason?.wireValue, message.errorMessage,
            message.status == .streaming ? Int(writerPID) : nil,
            now,
            SearchRounds.encode(message.searches),
            message.thinkingMilliseconds,
        ]
    }

    static let messageColumns = [
        "role", "text", "reasoning", "status", "model",
        "prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens", "reasoning_tokens",
        "finish_reason", "error_message", "writer_pid", "updated_at", "searches", "thinking_ms",
    ]

    /// Inserts a message: `conversation_id`, `created_at`, `parent_id`, then
    /// `messageColumns`. A message's place in the tree is set once, when it is added.
    static let insertMessage: String = {
        let columns = (["conversation_id", "created_at", "parent_id"] + messageColumns).joined(separator: ", ")
        let marks = Array(repeating: "?", count: messageColumns.count + 3).joined(separator: ", ")
        return "INSERT INTO message (\(columns)) VALUES (\(marks))"
    }()
}
