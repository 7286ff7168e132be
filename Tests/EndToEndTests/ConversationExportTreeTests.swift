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

    @Test func jsonHasEveryMessageWithItsParentAndBranch() throws {
        let text = try ConversationExport.json(Self.branched)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        let messages = try #require(object["messages"] as? [[String: Any]])
        #expect(messages.compactMap { $0["id"] as? Int } == [1, 2, 3, 4])
        #expect(messages.map { $0["parent_id"] as? Int } == [nil, 1, 1, nil])
        #expect(messages.compactMap { $0["on_current_branch"] as? Bool } == [true, false, true, false])
    }
}
