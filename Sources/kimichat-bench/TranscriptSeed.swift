import ChatDomain
import Foundation
import Persistence

/// Databases for the terminal benchmarks, written through `ConversationStore` as
/// kimichat writes them. The newest conversation is the one kimichat reopens.
enum TranscriptSeed {
    /// One conversation whose transcript lays out to about `lines` rows at 120
    /// columns: messages of ten rows of text, plus their header and the gap after.
    static func database(lines: Int, in home: URL) throws -> String {
        let path = home.appendingPathComponent("lines.sqlite").path
        var data = SeedData(seed: 7)
        let row = { (data: inout SeedData) in String(data.sentence(words: 14).prefix(100)) }
        let messages = (0..<max(1, lines / 12)).map { index in
            let text = (0..<10).map { _ in row(&data) }.joined(separator: "\n")
            return StoredMessage(role: index.isMultiple(of: 2) ? .user : .assistant, text: text)
        }
        try write(messages, to: path)
        return path
    }

    /// One conversation holding about `bytes` of text (UTF-8), in messages of ~5 kB.
    static func database(bytes: Int, in home: URL) throws -> String {
        let path = home.appendingPathComponent("big-transcript.sqlite").path
        var data = SeedData(seed: 11)
        var messages: [StoredMessage] = []
        var total = 0
        while total < bytes {
            var text = ""
            while text.utf8.count < 5_000 { text += data.sentence(words: 20) + (data.next(5) == 0 ? "\n\n" : " ") }
            total += text.utf8.count
            messages.append(StoredMessage(role: messages.count.isMultiple(of: 2) ? .user : .assistant, text: text))
        }
        try write(messages, to: path)
        return path
    }

    /// Many conversations, then a long one, newest.
    static func library(at path: String, conversations: Int, messagesEach: Int, long: Int) throws {
        guard !FileManager.default.fileExists(atPath: path) else { return }
        let store = try ConversationStore(path: path)
        var data = SeedData(seed: 3)
        let start = Date(timeIntervalSince1970: 1_790_000_000)
        var batch: [SavedConversation] = []
        for index in 0..<conversations {
            batch.append(data.conversation(messages: messagesEach, updated: start.addingTimeInterval(Double(index) * 60)))
            if batch.count == 200 { try store.importConversations(batch); batch = [] }
        }
        batch.append(data.conversation(messages: long, updated: start.addingTimeInterval(Double(conversations + 1) * 60)))
        try store.importConversations(batch)
    }

    private static func write(_ messages: [StoredMessage], to path: String) throws {
        let store = try ConversationStore(path: path)
        let now = Date()
        let summary = ConversationSummary(id: 0, title: "benchmark transcript", model: TerminalDriver.model,
                                          createdAt: now, updatedAt: now, messageCount: 0)
        try store.importConversations([SavedConversation(summary: summary, messages: messages)])
    }
}
