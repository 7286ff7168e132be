import ChatDomain
import Foundation
@testable import Persistence
import Testing

/// A long conversation read a window at a time: the newest messages of the branch shown
/// with the other versions of each, then earlier ones, up to the first question.
@Suite struct WindowLoadTests {
    let database = TemporaryDatabase()

    /// 40 messages in one branch; message 5 has another version (a regenerated reply)
    /// with a follow-up of its own, and message 38 one without.
    private func seed(_ store: ConversationStore) throws -> (ConversationID, [StoredMessageID], other5: StoredMessageID,
                                                              below5: StoredMessageID, other38: StoredMessageID) {
        let conversation = try store.createConversation(title: "long", model: "kimi-k2.6")
        var ids: [StoredMessageID] = []
        var other5: StoredMessageID = 0
        var below5: StoredMessageID = 0
        var other38: StoredMessageID = 0
        for index in 1...40 {
            let placement: MessagePlacement = ids.last.map { .under($0) } ?? .root
            let role: Role = index.isMultiple(of: 2) ? .assistant : .user
            ids.append(try store.save(StoredMessage(role: role, text: "message \(index)"), in: conversation.id, placement: placement))
            if index == 5 {
                other5 = try store.save(StoredMessage(role: .user, text: "message 5, edited"), in: conversation.id,
                                        placement: .under(ids[3]))
                below5 = try store.save(StoredMessage(role: .assistant, text: "answer to the edit"), in: conversation.id,
                                        placement: .under(other5))
            }
            if index == 38 {
                other38 = try store.save(StoredMessage(role: .assistant, text: "message 38 again"), in: conversation.id,
                                         placement: .under(ids[36]))
            }
        }
        try store.selectBranch(conversation.id, leaf: ids[39])
        return (conversation.id, ids, other5, below5, other38)
    }

    @Test func theNewestOfTheBranchWithTheOtherVersionsThenEarlierUpToTheFirst() throws {
        let store = try database.open()
        let (conversation, ids, other5, below5, other38) = try seed(store)
        let saved = try #require(try store.load(conversation, newest: 10))
        #expect(saved.messages.map(\.text) == (31...40).map { "message \($0)" })
        #expect(saved.tree.siblings(of: ids[37]) == [ids[37], other38], "the other version of 38 is read")
        let window = try #require(saved.window)
        #expect(window.oldestOnBranch == ids[30])
        #expect(window.hasEarlier)
        #expect(window.unexplored.isEmpty, "38's other version has nothing below it")
        #expect(window.notLoaded == 43 - 11)

        let (earlier, above) = try store.loadEarlier(conversation, above: ids[30], count: 26)
        #expect(earlier.filter { $0.id != other5 && $0.id != below5 }.map(\.text) == (5...30).map { "message \($0)" })
        #expect(earlier.contains { $0.id == other5 }, "5's other version comes with it")
        #expect(!earlier.contains { $0.id == below5 }, "but not what follows that version")
        #expect(above?.unexplored == [other5])
        #expect(above?.oldestOnBranch == ids[4])

        let (first, top) = try store.loadEarlier(conversation, above: ids[4], count: 26)
        #expect(first.map(\.text) == (1...4).map { "message \($0)" })
        #expect(top == nil, "the first question is read: nothing above")
    }

    @Test func aShortConversationIsReadWhole() throws {
        let store = try database.open()
        let (conversation, _, _, _, _) = try seed(store)
        let saved = try #require(try store.load(conversation, newest: 100))
        #expect(saved.window == nil)
        #expect(saved == (try store.load(conversation)))
    }
}
