import ChatDomain
import Foundation
@testable import Persistence
import Testing

/// Versions as the database keeps them: new ones under their parent, the branch shown
/// kept across restarts, and two writers adding versions of one message at once.
@Suite struct BranchStorageTests {
    let database = TemporaryDatabase()

    /// Q1 → A1 → Q2 → A2, linear, saved as the chat saves a conversation continued.
    private func seed(_ store: ConversationStore) throws -> (ConversationID, [StoredMessageID]) {
        let conversation = try store.createConversation(title: "Tree", model: "kimi-k2.6").id
        var rows: [StoredMessageID] = []
        for (role, text) in [(Role.user, "Q1"), (.assistant, "A1"), (.user, "Q2"), (.assistant, "A2")] {
            rows.append(try store.save(StoredMessage(role: role, text: text), in: conversation, placement: .automatic))
        }
        return (conversation, rows)
    }

    @Test func aNewVersionGoesUnderItsParentAndBecomesTheBranchShown() throws {
        let store = try database.open()
        let (conversation, rows) = try seed(store)
        let edited = try store.save(StoredMessage(role: .user, text: "Q2 edited"), in: conversation,
                                    placement: .under(rows[1]))
        let saved = try #require(try store.load(conversation))
        #expect(saved.messages.map(\.text) == ["Q1", "A1", "Q2 edited"])
        #expect(saved.tree.siblings(of: edited) == [rows[2], edited])
        // A reply continuing the new version, placed automatically, follows it.
        try store.save(StoredMessage(role: .assistant, text: "A2 edited"), in: conversation, placement: .automatic)
        #expect(try store.load(conversation)?.messages.map(\.text) == ["Q1", "A1", "Q2 edited", "A2 edited"])
    }

    @Test func aNewFirstQuestionIsARoot() throws {
        let store = try database.open()
        let (conversation, rows) = try seed(store)
        let root = try store.save(StoredMessage(role: .user, text: "Q1 again"), in: conversation, placement: .root)
        let saved = try #require(try store.load(conversation))
        #expect(saved.messages.map(\.text) == ["Q1 again"])
        #expect(saved.tree.siblings(of: root) == [rows[0], root])
    }

    @Test func theBranchShownIsKeptAcrossRestarts() throws {
        let (conversation, rows): (ConversationID, [StoredMessageID])
        do {
            let store = try database.open()
            (conversation, rows) = try seed(store)
            try store.save(StoredMessage(role: .assistant, text: "A1 again"), in: conversation,
                           placement: .under(rows[0]))
            try store.selectBranch(conversation, leaf: rows[3])
            // A leaf of another conversation, or none at all, is refused quietly.
            let other = try store.createConversation(title: "Other", model: "kimi-k2.6").id
            try store.selectBranch(other, leaf: rows[1])
            try store.selectBranch(conversation, leaf: 9_999)
            #expect(try store.change(of: conversation) == .unchanged, "our own choice of branch is no news to us")
            // Another window's is: its next message would follow that branch.
            let elsewhere = try database.open()
            _ = try elsewhere.load(conversation)
            try elsewhere.selectBranch(conversation, leaf: rows[2])
            #expect(try store.change(of: conversation) == .changed)
            try elsewhere.selectBranch(conversation, leaf: rows[3])
        }
        let reopened = try database.open()
        #expect(try reopened.load(conversation)?.messages.map(\.text) == ["Q1", "A1", "Q2", "A2"])
        #expect(try reopened.load(conversation)?.tree.count == 5)
    }

    /// Two writers (as two kimichat windows are) add versions of the same reply at the
    /// same moment, each many times: every one is kept, each under the question.
    @Test func twoWritersAddingVersionsAtOnce() async throws {
        let first = try database.open()
        let (conversation, rows) = try seed(first)
        let path = database.path
        let perWriter = 40
        try await withThrowingTaskGroup(of: Void.self) { group in
            for writer in 0..<2 {
                group.addTask {
                    try await onOwnThread {
                        let store = try ConversationStore(path: path)
                        for index in 0..<perWriter {
                            try store.save(StoredMessage(role: .assistant, text: "A2 from \(writer) #\(index)"),
                                           in: conversation, placement: .under(rows[2]))
                        }
                    }
                }
            }
            try await group.waitForAll()
        }
        let saved = try #require(try first.load(conversation))
        #expect(saved.tree.siblings(of: rows[3]).count == 1 + 2 * perWriter)
        #expect(saved.tree.count == 4 + 2 * perWriter)
        #expect(saved.messages.count == 4, "the branch shown ends at one of them")
    }
}
