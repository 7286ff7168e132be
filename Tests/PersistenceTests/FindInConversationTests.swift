import ChatDomain
import Foundation
@testable import Persistence
import Testing

/// F3's find: the messages of the branch shown that hold every word, over the whole
/// conversation, in the branch's order, with the list search's rules.
@Suite struct FindInConversationTests {
    let database = TemporaryDatabase()

    /// A branch of 30 messages; message 10 has another version, with a follow-up of its
    /// own, both holding "pomegranate"; another conversation holds it too.
    private func seed(_ store: ConversationStore) throws -> (ConversationID, [StoredMessageID]) {
        let other = try store.createConversation(title: "other", model: "kimi-k2.6")
        try store.save(StoredMessage(role: .user, text: "pomegranate elsewhere"), in: other.id, placement: .root)
        let conversation = try store.createConversation(title: "long", model: "kimi-k2.6")
        var ids: [StoredMessageID] = []
        for index in 1...30 {
            let placement: MessagePlacement = ids.last.map { .under($0) } ?? .root
            let role: Role = index.isMultiple(of: 2) ? .assistant : .user
            var text = "message \(index)"
            if index.isMultiple(of: 7) { text += " about a Pomegranate" }
            if index == 12 { text += " 石榴很好吃" }
            if index == 20 { text += " costs 50% less" }
            ids.append(try store.save(StoredMessage(role: role, text: text), in: conversation.id, placement: placement))
            if index == 10 {
                let edited = try store.save(StoredMessage(role: .assistant, text: "pomegranate version"), in: conversation.id,
                                            placement: .under(ids[8]))
                try store.save(StoredMessage(role: .user, text: "pomegranate follow-up"), in: conversation.id,
                               placement: .under(edited))
            }
        }
        try store.save(StoredMessage(role: .user, text: "pomegranate in the other conversation, later"), in: other.id)
        return (conversation.id, ids)
    }

    @Test func theBranchsHitsInOrderWithTheirPlaces() throws {
        let store = try database.open()
        let (conversation, ids) = try seed(store)
        let found = try store.find("pome", in: conversation, branchEndingAt: ids[29])
        #expect(found.hits == [ids[6], ids[13], ids[20], ids[27]], "7, 14, 21 and 28; not the other branch or conversation")
        #expect(found.positions == [6, 13, 20, 27])
        #expect(found.branchLength == 30)
        #expect(found.words == ["pome"])

        #expect(try store.find("pomegranate 14", in: conversation, branchEndingAt: ids[29]).hits == [ids[13]])
        #expect(try store.find("granate", in: conversation, branchEndingAt: ids[29]).hits.isEmpty,
                "a Latin word matches from its start")
        #expect(try store.find("榴", in: conversation, branchEndingAt: ids[29]).hits == [ids[11]],
                "Chinese matches anywhere")
        #expect(try store.find("石榴很", in: conversation, branchEndingAt: ids[29]).hits == [ids[11]])
        #expect(try store.find("很石榴", in: conversation, branchEndingAt: ids[29]).hits.isEmpty)
        #expect(try store.find("50%", in: conversation, branchEndingAt: ids[29]).hits == [ids[19]])
        #expect(try store.find("%", in: conversation, branchEndingAt: ids[29]).hits == [ids[19]],
                "punctuation alone is looked for as typed")
        #expect(try store.find("nowhere", in: conversation, branchEndingAt: ids[29]).hits.isEmpty)
        #expect(try store.find("  ", in: conversation, branchEndingAt: ids[29]).hits.isEmpty)
    }

    @Test func theFirstAnswerIsTheHitNearestTheView() throws {
        let store = try database.open()
        let (conversation, ids) = try seed(store)
        func nearest(from: StoredMessageID?) throws -> FoundInConversation {
            try store.find("pomegranate", in: conversation, branchEndingAt: ids[29], scope: .nearest(from: from))
        }
        #expect(try nearest(from: nil).hits == [ids[27]], "following the end: the last")
        #expect(try nearest(from: ids[8]).hits == [ids[13]], "from message 9 down: 14, not the other version of 10")
        #expect(try nearest(from: ids[8]).positions == [13])
        #expect(try nearest(from: ids[13]).hits == [ids[13]])
        #expect(try nearest(from: ids[28]).hits == [ids[27]], "none below: the last")
        #expect(try nearest(from: ids[8]).isComplete == false, "the rest are still to be counted")
        let none = try store.find("nowhere", in: conversation, branchEndingAt: ids[29], scope: .nearest(from: nil))
        #expect(none.hits.isEmpty && none.isComplete, "no hit at all: nothing more to count")
    }

    @Test func aConversationWrittenBetweenOthersIsReadByItsOwnMessages() throws {
        let store = try database.open()
        // Three conversations written a message each in turn: their ids interleave.
        let conversations = try (0..<3).map { try store.createConversation(title: "c\($0)", model: "kimi-k2.6").id }
        var last: [ConversationID: StoredMessageID] = [:]
        for index in 1...12 {
            for conversation in conversations {
                let placement: MessagePlacement = last[conversation].map { .under($0) } ?? .root
                last[conversation] = try store.save(StoredMessage(role: index.isMultiple(of: 2) ? .assistant : .user,
                                                                  text: "turn \(index) of \(conversation) kiwi"),
                                                    in: conversation, placement: placement)
            }
        }
        let middle = conversations[1]
        let found = try store.find("kiwi", in: middle, branchEndingAt: try #require(last[middle]))
        #expect(found.hits.count == 12 && found.branchLength == 12)
        let texts = try #require(try store.load(middle)).messages.compactMap(\.id)
        #expect(found.hits == texts)
    }

    @Test func aBranchEndingHigherUpHasOnlyItsOwnHits() throws {
        let store = try database.open()
        let (conversation, ids) = try seed(store)
        let found = try store.find("pomegranate", in: conversation, branchEndingAt: ids[15])
        #expect(found.hits == [ids[6], ids[13]])
        #expect(found.branchLength == 16)
    }

    @Test func theBranchIsKeptForTheNextKeystrokeAndFollowsNewMessages() throws {
        let store = try database.open()
        let (conversation, ids) = try seed(store)
        _ = try store.find("p", in: conversation, branchEndingAt: ids[29])
        let reply = try store.save(StoredMessage(role: .assistant, text: "a last pomegranate"), in: conversation,
                                   placement: .under(ids[29]))
        let found = try store.find("pomegranate", in: conversation, branchEndingAt: reply)
        #expect(found.hits == [ids[6], ids[13], ids[20], ids[27], reply])
        #expect(found.branchLength == 31)
        // Another version of message 10, chosen: its branch parts from the kept one there.
        let version = try #require(try store.load(conversation)?.tree.children(of: ids[8]).last)
        let followUp = try #require(try store.load(conversation)?.tree.children(of: version).first)
        let other = try store.find("pomegranate", in: conversation, branchEndingAt: followUp)
        #expect(other.hits == [ids[6], version, followUp], "7 is above where they part")
        #expect(other.positions == [6, 9, 10])
    }
}

private extension ConversationStore {
    func find(_ query: String, in conversation: ConversationID, branchEndingAt leaf: StoredMessageID) throws
        -> FoundInConversation {
        try find(query, in: conversation, branchEndingAt: leaf, scope: .all)
    }
}
