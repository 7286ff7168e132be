import ChatDomain
import Foundation
@testable import Persistence
import Testing

/// A database written before conversations were trees (`Fixtures/schema-v1.sqlite`,
/// made by `scripts/make-schema-v1-fixture` with that release) opens with nothing lost:
/// lists become single branches, and the replies Ctrl-R left side by side become
/// siblings under their question.
@Suite struct TreeMigrationTests {
    let database = TemporaryDatabase()

    static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Fixtures/schema-v1.sqlite").path

    /// The fixture copied where the test may change it.
    private func openMigrated() throws -> ConversationStore {
        try FileManager.default.copyItem(atPath: Self.fixture, toPath: database.path)
        let store = try database.open()
        while try store.indexNextBatch() != nil {}
        try store.finishSearchIndex()
        return store
    }

    @Test func aListBecomesOneBranch() throws {
        let store = try openMigrated()
        let saved = try #require(try store.load(1))
        #expect(saved.messages.map(\.text) == [
            "What is Rust?", "Rust is a systems programming language focused on safety.",
            "And Swift?", "Swift is a general-purpose language from Apple.",
        ])
        #expect(saved.messages.map(\.parentID) == [nil, 1, 2, 3])
        #expect(saved.tree.branchCount == 1)
        #expect(saved.tree.currentLeaf == 4)
    }

    @Test func reasoningAndChineseSurvive() throws {
        let store = try openMigrated()
        let saved = try #require(try store.load(2))
        #expect(saved.messages.map(\.text) == ["你好，请介绍一下你自己", "你好！我是 Kimi，很高兴见到你。"])
        #expect(saved.messages[1].reasoning == "用户用中文打招呼，我应该用中文回答。")
        #expect(saved.messages[1].model == "kimi-k2.6")
        #expect(try store.conversations(matching: "很高兴", limit: 10).map(\.summary.id) == [2],
                "the full-text index still finds them")
    }

    @Test func regeneratedRepliesBecomeSiblingsAndTheNewestIsShown() throws {
        let store = try openMigrated()
        let saved = try #require(try store.load(3))
        // Messages 8, 9 and 10 answered message 7 (Ctrl-R twice); 11 followed the newest.
        #expect(saved.tree.siblings(of: 8) == [8, 9, 10])
        #expect(saved.tree.messages[8]?.parentID == 7)
        #expect(saved.tree.messages[11]?.parentID == 10)
        #expect(saved.messages.compactMap(\.id) == [7, 10, 11, 12, 13, 14, 15, 16])
        #expect(saved.tree.count == 10, "every message is kept")
        #expect(saved.tree.branchCount == 3)
        #expect(saved.messages.first { $0.id == 14 }?.status == .stopped)
        #expect(saved.messages.last?.status == .error)
        #expect(saved.messages.last?.errorMessage?.contains("fixture asked for an error") == true)
    }

    @Test func theListAndItsCountsAreUnchanged() throws {
        let store = try openMigrated()
        let list = try store.conversations(matching: "", limit: 10)
        #expect(list.map(\.summary.messageCount).sorted() == [2, 4, 10])
        #expect(try store.latestConversation()?.id == 3)
    }

    @Test func newMessagesContinueTheBranchAndARepeatedReplyIsASibling() throws {
        let store = try openMigrated()
        // A reply saved right after a reply, as Ctrl-R saves today: a sibling of it.
        let again = try store.save(StoredMessage(role: .assistant, text: "Now it works."), in: 3)
        // A question: it follows the branch shown, now ending in that new reply.
        let question = try store.save(StoredMessage(role: .user, text: "Thanks"), in: 3)
        let reopened = try #require(try database.open().load(3))
        #expect(reopened.tree.messages[again]?.parentID == 15, "beside the failed reply 16, under question 15")
        #expect(reopened.tree.messages[question]?.parentID == again)
        #expect(reopened.tree.currentLeaf == question, "the current branch is kept across opening")
        #expect(reopened.messages.compactMap(\.id).suffix(3) == [15, again, question])
    }
}
