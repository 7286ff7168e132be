import ChatDomain
import Foundation
import GRDB

/// Row ↔ domain conversion for the `message` and `conversation` tables.
enum Rows {
    static func message(_ row: Row) -> StoredMessage {
        let prompt: Int? = row["prompt_tokens"]
        let usage = prompt.map { prompt in
            Usage(promptTokens: prompt, completionTokens: row["completion_tokens"] ?? 0,
                  totalTokens: row["total_tokens"] ?? 0, cachedTokens: row["cached_tokens"],
                  reasoningTokens: row["reasoning_tokens"])
        }
        let roleName: String = row["role"]
        let statusName: String = row["status"]
        let finish: String? = row["finish_reason"]
        return StoredMessage(
            id: row["id"],
            role: Role(rawValue: roleName) ?? .assistant,
            text: row["text"],
            reasoning: row["reasoning"],
            // An unknown status (from a newer release) is shown as a finished message.
            status: MessageStatus(rawValue: statusName) ?? .complete,
            model: row["model"],
            usage: usage,
            finishReason: finish.map(FinishReason.init(wireValue:)),
            errorMessage: row["error_message"],
            createdAt: Date(timeIntervalSince1970: row["created_at"])
        )
    }

    static func summary(_ row: Row) -> ConversationSummary {
        ConversationSummary(
            id: row["id"],
            title: row["title"],
            model: row["model"],
            createdAt: Date(timeIntervalSince1970: row["created_at"]),
            updatedAt: Date(timeIntervalSince1970: row["updated_at"]),
            messageCount: row["message_count"]
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
