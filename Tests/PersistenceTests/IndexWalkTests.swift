import ChatDomain
import Foundation
import GRDB
@testable import Persistence
import Testing

/// The index walk jumps past a long run of one conversation's hits: below the
/// conversation's first message when its messages are contiguous, else to the newest
/// message of another conversation below the run (read back one by one). Either way
/// it finds what a walk of every hit finds.
@Suite struct IndexWalkTests {
    let database = TemporaryDatabase()

    private func save(_ store: ConversationStore, _ conversation: ConversationID, _ text: String) throws -> StoredMessageID {
        try store.save(StoredMessage(role: .user, text: text), in: conversation)
    }

    private func walk(_ store: ConversationStore, skippingAfter run: Int) throws -> [IndexWalk.Hit] {
        try store.reading { db in
            try IndexWalk(match: "\"kiwi\"", filters: [], runBeforeSkipping: run).hits(limit: 10, db)
        }
    }

    @Test func aContiguousRunIsJumpedBelowItsFirstMessage() throws {
        let store = try database.open()
        let older = try store.createConversation(title: "older", model: "m")
        let olderHit = try save(store, older.id, "a kiwi long ago")
        let long = try store.createConversation(title: "long", model: "m")
        for index in 0..<20 { _ = try save(store, long.id, "kiwi number \(index)") }
        let walked = try walk(store, skippingAfter: 3)
        #expect(walked.map(\.conversation) == [long.id, older.id])
        #expect(walked.last?.message == olderHit)
        #expect(try store.reading { try IndexWalk.below(run: long.id, from: olderHit + 20, $0) } == olderHit,
                "contiguous: straight below its first message")
    }

    @Test func anInterleavedRunIsReadBackToTheOtherConversation() throws {
        let store = try database.open()
        let a = try store.createConversation(title: "a", model: "m")
        let b = try store.createConversation(title: "b", model: "m")
        let bOld = try save(store, b.id, "kiwi in b, old")
        for index in 0..<5 { _ = try save(store, a.id, "kiwi in a \(index)") }
        let bMiddle = try save(store, b.id, "no fruit here")
        var aNewest: StoredMessageID = 0
        for index in 0..<5 { aNewest = try save(store, a.id, "kiwi again in a \(index)") }
        // a's messages are not contiguous (b's middle one lies between): the jump lands
        // on b's message, not below a's first.
        #expect(try store.reading { try IndexWalk.below(run: a.id, from: aNewest, $0) } == bMiddle)
        let walked = try walk(store, skippingAfter: 2)
        #expect(walked.map(\.conversation) == [a.id, b.id])
        #expect(walked.last?.message == bOld)
        #expect(try walk(store, skippingAfter: 1_000).map(\.message) == walked.map(\.message), "as a walk of every hit")
    }
}
