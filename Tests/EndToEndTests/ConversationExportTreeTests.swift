import ChatDomain
import Foundation
@testable import kimichat
import Testing

/// Exports of a conversation with branches: Markdown prints the branch shown and says
/// how many others are kept; JSON has every message with its place in the tree.
@Suite("Exporting a conversation with branches")
struct ConversationExportTreeTests {
    static let summary = ConversationSummary(id: 7, title: "Capitals", model: "kimi-k2.6", createdAt: Date(timeIntervalSince1970: 0),
                                             updatedAt: Date(timeIntervalSince1970: 0), messageCount: 4)

    /// A question answered, the answer regenerated, and the question edited.
    static let branched = SavedConversation(summary: summary, tree: MessageTree(messages: [
        StoredMessage(id: 1, role: .user, text: "capital of France?"),
        StoredMessage(id: 2, parentID: 1, role: .assistant, text: "Paris."),
        StoredMessage(id: 3, parentID: 1, role: .assistant, text: "It is Paris."),
        StoredMessage(id: 4, role: .user, text: "capital of Spain?"),
    ], currentLeaf: 3))

    @Test func markdownPrintsTheBranchShownAndCountsTheOthers() {
        let markdown = ConversationExport.markdown(Self.branched)
        #expect(markdown.contains("It is Paris."))
        #expect(!markdown.contains("Paris.\n\n## "), "the other reply is not printed")
        #expect(!markdown.contains("Spain"))
        #expect(markdown.contains("2 other branches are kept"))
        let single = SavedConversation(summary: Self.summary, messages: [StoredMessage(role: .user, text: "hi")])
        #expect(!ConversationExport.markdown(single).contains("other branch"))
    }

    @Test func anImportedConversationNamesNoModelOfItsOwnAndItsAnswersAuthor() {
        var summary = Self.summary
        summary.model = ""
        let saved = SavedConversation(summary: summary, messages: [
            StoredMessage(role: .user, text: "hi"),
            StoredMessage(role: .assistant, text: "Hello!", model: "gpt-4o"),
        ])
        let text = ConversationExport.plainText(saved)
        #expect(text.contains("conversation 7 · 4 messages · updated "), "no empty model between the dots")
        #expect(text.contains("\nAssistant (gpt-4o):\n"))
        #expect(ConversationExport.markdown(saved).contains("*4 messages · updated "))
        #expect(AssistantName.of(model: "kimi-k2.6") == "Kimi")
        #expect(AssistantName.of(model: "moonshot-v1-8k") == "Kimi")
        #expect(AssistantName.of(model: nil) == "Kimi")
    }

    @Test func theOutlineListsEveryBranchsQuestionsIndentedByFork() {
        let at = { (minute: Double) in Date(timeIntervalSince1970: 1_750_000_000 + minute * 60) }
        // Capitals, then Spain asked again as Portugal; the first question asked again
        // in Chinese, with a reply that failed.
        let saved = SavedConversation(summary: Self.summary, tree: MessageTree(messages: [
            StoredMessage(id: 1, role: .user, text: "capital of France?", createdAt: at(0)),
            StoredMessage(id: 2, parentID: 1, role: .assistant, text: "Paris.", createdAt: at(1)),
            StoredMessage(id: 3, parentID: 1, role: .assistant, text: "It is Paris.", createdAt: at(2)),
            StoredMessage(id: 4, parentID: 3, role: .user, text: "and of Spain?\nbriefly", createdAt: at(3)),
            StoredMessage(id: 5, parentID: 3, role: .user, text: "and of Portugal?", createdAt: at(4)),
            StoredMessage(id: 6, parentID: 5, role: .assistant, text: "Lisbon.", createdAt: at(5)),
            StoredMessage(id: 7, role: .user, text: "法国的首都？"),
            StoredMessage(id: 8, parentID: 7, role: .assistant, text: "", status: .error, errorMessage: "HTTP 500"),
        ], currentLeaf: 6))
        let time = { ConversationExport.timestamp(at($0)) }
        let blank = String(repeating: " ", count: 16)
        #expect(ConversationExport.outline(saved) == """
            Capitals
            conversation 7 · kimi-k2.6 · 4 messages · updated \(ConversationExport.timestamp(Self.summary.updatedAt))
            4 questions on 4 branches · ● the current branch

            ● \(time(0))  ├ capital of France?  (2 replies)
              \(time(3))  │ ├ and of Spain?
            ● \(time(4))  │ └ and of Portugal?
              \(blank)  └ 法国的首都？

            """)
        let empty = SavedConversation(summary: Self.summary, messages: [])
        let updated = ConversationExport.timestamp(Self.summary.updatedAt)
        #expect(ConversationExport.outline(empty).hasSuffix(" messages · updated \(updated)\n\nNo questions yet.\n"))
    }

    @Test func jsonHasEveryMessageWithItsParentAndBranch() throws {
        let text = try ConversationExport.json(Self.branched)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let messages = try #require(object["messages"] as? [[String: Any]])
        #expect(messages.compactMap { $0["id"] as? Int } == [1, 2, 3, 4])
        #expect(messages.map { $0["parent_id"] as? Int } == [nil, 1, 1, nil])
        #expect(messages.compactMap { $0["on_current_branch"] as? Bool } == [true, false, true, false])
    }
}
