import ChatDomain
import Foundation
import GRDB

/// Row ↔ domain conversion for the `message` and `conversation` tables.
enum Rows {
    /// The columns `message(_:)` reads, in its order. Reading by position, not by
    /// name, matters when a conversation has thousands of messages.
    static let messageSelection = """
        id, role, text, reasoning, status, model, prompt_tokens, completion_tokens, total_tokens, \
        cached_tokens, reasoning_tokens, finish_reason, error_message, created_at
        """

    static func message(_ row: Row) -> StoredMessage {
        let prompt: Int? = row[6]
        let usage = prompt.map { prompt in
            Usage(promptTokens: prompt, completionTokens: row[7] ?? 0, totalTokens: row[8] ?? 0,
                  cachedTokens: row[9], reasoningTokens: row[10])
        }
        let roleName: String = row[1]
        let statusName: String = row[4]
        let finish: String? = row[11]
        return StoredMessage(
            id: row[0],
            role: Role(rawValue: roleName) ?? .assistant,
            text: row[2],
            reasoning: row[3],
            // An unknown status (from a newer release) is shown as a finished message.
            status: MessageStatus(rawValue: statusName) ?? .complete,
            model: row[5],
            usage: usage,
            finishReason: finish.map(FinishReason.init(wireValue:)),
            errorMessage: row[12],
            createdAt: Date(timeIntervalSince1970: row[13])
        )
    }

    /// The columns `summary(_:)` reads, in its order.
    static let summarySelection = "id, title, model, created_at, updated_at, message_count"

    static func summary(_ row: Row) -> ConversationSummary {
        ConversationSummary(
            id: row[0],
            title: row[1],
            model: row[2],
            createdAt: Date(timeIntervalSince1970: row[3]),
            updatedAt: Date(timeIntervalSince1970: row[4]),
            messageCount: row[5]
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
        ]
    }

    static let messageColumns = [
        "role", "text", "reasoning", "status", "model",
        "prompt_tokens", "completion_tokens", "total_tokens", "cached_tokens", "reasoning_tokens",
        "finish_reason", "error_message", "writer_pid", "updated_at",
    ]
}
