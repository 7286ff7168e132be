import ChatDomain
import Foundation

/// Deterministic conversations for benchmarks: English and Chinese text in the
/// proportions of a typical bilingual user, with a few rare words to search for.
struct SeedData {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    private static let english = ["the", "model", "answer", "question", "swift", "terminal", "window", "context",
                                  "stream", "token", "reply", "history", "because", "would", "which", "function",
                                  "value", "error", "about", "there", "should", "thinking", "result", "server"]
    private static let chinese = ["你好", "世界", "模型", "回答", "问题", "终端", "窗口", "上下文", "流式", "历史",
                                  "因为", "可以", "这个", "我们", "结果", "服务器", "思考", "错误"]
    static let rareWords = ["pomegranate", "石榴"]

    mutating func next(_ bound: Int) -> Int {
        state = state &* 6364136223846793005 &+ 1442695040888963407
        return Int((state >> 33) % UInt64(bound))
    }

    mutating func sentence(words: Int) -> String {
        var parts: [String] = []
        for _ in 0..<words {
            if next(4) == 0 { parts.append(Self.chinese[next(Self.chinese.count)]) }
            else { parts.append(Self.english[next(Self.english.count)]) }
        }
        if next(500) == 0 { parts.append(Self.rareWords[next(Self.rareWords.count)]) }
        return parts.joined(separator: " ") + "."
    }

    mutating func conversation(messages: Int, updated: Date) -> SavedConversation {
        let stored = (0..<messages).map { index in
            index.isMultiple(of: 2)
                ? StoredMessage(role: .user, text: sentence(words: 5 + next(20)))
                : StoredMessage(role: .assistant, text: (0..<(1 + next(6))).map { _ in sentence(words: 8 + next(30)) }
                    .joined(separator: " "), model: "kimi-k2.6")
        }
        let title = ConversationTitle.derived(from: stored.first?.text ?? "")
        return SavedConversation(summary: ConversationSummary(id: 0, title: title, model: "kimi-k2.6",
                                                              createdAt: updated, updatedAt: updated, messageCount: 0),
                                 messages: stored)
    }
}
