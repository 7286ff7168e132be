import ChatDomain
import Foundation
import Testing
@testable import Persistence

/// Two connections on one file, as two kimichat windows: each sees what the other did
/// to a conversation, and never takes its own writes for the other's.
@Suite("Conversation changes made elsewhere")
struct ConversationChangeTests {
    let database = TemporaryDatabase()

    private func twoWindows() throws -> (ConversationStore, ConversationStore, ConversationID) {
        let mine = try database.open()
        let other = try database.open()
        let id = try mine.createConversation(title: "Shared", model: "m").id
        try mine.save(StoredMessage(role: .user, text: "first"), in: id)
        _ = try other.load(id)
        return (mine, other, id)
    }

    @Test func ownWritesAreNoChange() throws {
        let (mine, _, id) = try twoWindows()
        #expect(try mine.change(of: id) == .unchanged)
        var reply = StoredMessage(role: .assistant, text: "", status: .streaming)
        reply.id = try mine.save(reply, in: id)
        reply.text = "streaming on"
        try mine.save(reply, in: id)
        try mine.rename(id, to: "Mine")
        try mine.setModel(id, to: "other-model")
        #expect(try mine.change(of: id) == .unchanged)
    }

    @Test func theOtherWindowsTurnIsSeen() throws {
        let (mine, other, id) = try twoWindows()
        try other.save(StoredMessage(role: .user, text: "from the other window"), in: id)
        #expect(try mine.change(of: id) == .changed)
        #expect(try mine.change(of: id) == .changed, "still changed until it is loaded")
        #expect(try mine.load(id)?.messages.map(\.text) == ["first", "from the other window"])
        #expect(try mine.change(of: id) == .unchanged)
    }

    @Test func aTurnWrittenElsewhereJustBeforeOurOwnWriteIsNotAbsorbed() throws {
        let (mine, other, id) = try twoWindows()
        try other.save(StoredMessage(role: .user, text: "theirs"), in: id)
        // Our next write moves the stamp on, but theirs came first.
        try mine.save(StoredMessage(role: .user, text: "ours"), in: id)
        #expect(try mine.change(of: id) == .changed)
        _ = try mine.load(id)
        try mine.save(StoredMessage(role: .user, text: "ours again"), in: id)
        #expect(try mine.change(of: id) == .unchanged)
    }

    @Test func anUpdateToAReplyElsewhereIsSeen() throws {
        let (mine, other, id) = try twoWindows()
        var reply = StoredMessage(role: .assistant, text: "", status: .streaming)
        reply.id = try other.save(reply, in: id)
        _ = try mine.load(id)
        reply.text = "more of the reply"
        try other.save(reply, in: id)
        #expect(try mine.change(of: id) == .changed)
    }

    @Test func aRenameElsewhereIsSeen() throws {
        let (mine, other, id) = try twoWindows()
        try other.rename(id, to: "Renamed over there")
        #expect(try mine.change(of: id) == .changed)
        #expect(try mine.load(id)?.summary.title == "Renamed over there")
        #expect(try mine.change(of: id) == .unchanged)
    }

    @Test func aDeletionElsewhereIsSeen() throws {
        let (mine, other, id) = try twoWindows()
        try other.delete(id)
        #expect(try mine.change(of: id) == .deleted)
    }

    @Test func anotherConversationsChangeIsNotThisOnes() throws {
        let (mine, other, id) = try twoWindows()
        let elsewhere = try other.createConversation(title: "Elsewhere", model: "m").id
        try other.save(StoredMessage(role: .user, text: "unrelated"), in: elsewhere)
        #expect(try mine.change(of: id) == .unchanged)
    }
}
