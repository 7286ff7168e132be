import ChatCore
import ChatDomain
import Foundation
import Logging
import Persistence
import Synchronization
import Testing
@testable import AppRuntime

/// The storage runner against a real database file: ordering, conversation creation,
/// recovery from a conversation deleted while open, and failed saves holding a request.
@Suite("StorageRunner")
struct StorageRunnerTests {
    final class Delivered: Sendable {
        private let actions = Mutex<[AppAction]>([])
        func append(_ action: AppAction) { actions.withLock { $0.append(action) } }
        var all: [AppAction] { actions.withLock { $0 } }
        var savedConversations: [ConversationID] {
            all.compactMap { if case let .conversationSaved(_, summary) = $0 { return summary.id } else { return nil } }
        }
    }

    /// The test's own folder, removed when the test ends.
    final class TemporaryFolder: Sendable {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("kimichat-runner-\(UUID().uuidString)")
        deinit { try? FileManager.default.removeItem(at: url) }
    }

    let folder = TemporaryFolder()
    var directory: URL { folder.url }
    let delivered = Delivered()

    func makeRunner(_ repository: any ConversationRepository) -> StorageRunner {
        let delivered = self.delivered
        return StorageRunner(repository: repository, logger: Logger(label: "test")) { delivered.append($0) }
    }

    static func save(_ text: String, localID: Int, key: Int = 1, id: ConversationID? = nil) -> AppEffect {
        .saveMessage(MessageSave(conversation: OpenConversation(key: key, id: id, title: "Title", model: "m"),
                                 localID: localID, message: StoredMessage(role: .user, text: text)))
    }

    @Test func savesCreateOneConversationAndUpdateTheirRows() async throws {
        let store = try ConversationStore(path: directory.appendingPathComponent("db.sqlite").path)
        let runner = makeRunner(store)
        runner.run(Self.save("one", localID: 1))
        runner.run(Self.save("two", localID: 2))
        runner.run(Self.save("two, edited", localID: 2))
        #expect(await runner.afterPendingWrites() == .ready)
        let id = try #require(delivered.savedConversations.first)
        #expect(delivered.savedConversations.count == 1)
        #expect(try store.load(id)?.messages.map(\.text) == ["one", "two, edited"])
        #expect(try store.summary(of: id)?.title == "Title")
    }

    @Test func aConversationDeletedWhileOpenIsReplacedByANewOne() async throws {
        let store = try ConversationStore(path: directory.appendingPathComponent("db.sqlite").path)
        let runner = makeRunner(store)
        runner.run(Self.save("before", localID: 1))
        _ = await runner.afterPendingWrites()
        let first = try #require(delivered.savedConversations.first)
        try store.delete(first)
        runner.run(Self.save("after", localID: 2, id: first))
        runner.run(Self.save("after, more", localID: 2, id: first))
        let check = await runner.afterPendingWrites()
        #expect(delivered.savedConversations.count == 2)
        let second = try #require(delivered.savedConversations.last)
        #expect(second != first)
        #expect(try store.load(second)?.messages.map(\.text) == ["after, more"])
        // The request waiting on these saves is made again, in the new conversation.
        guard case let .changedElsewhere(history) = check else {
            Issue.record("expected the request held back, got \(check)")
            return
        }
        #expect(history.replacesDeleted)
        #expect(history.saved.summary.id == second)
    }

    @Test func versionsGoUnderParentsSavedInThisRunAndTheBranchShownIsKept() async throws {
        let store = try ConversationStore(path: directory.appendingPathComponent("db.sqlite").path)
        let runner = makeRunner(store)
        let conversation = OpenConversation(key: 1, title: "Title", model: "m")
        func save(_ role: Role, _ text: String, localID: Int, parent: MessageParent?) -> AppEffect {
            .saveMessage(MessageSave(conversation: conversation, localID: localID,
                                     message: StoredMessage(role: role, text: text), parent: parent))
        }
        runner.run(save(.user, "Q1", localID: 1, parent: nil))
        runner.run(save(.assistant, "A1", localID: 2, parent: nil))
        runner.run(save(.user, "Q2", localID: 3, parent: nil))
        runner.run(save(.user, "Q2 edited", localID: 4, parent: .local(2)))
        runner.run(.selectBranch(conversation, leaf: .local(3)))
        #expect(await runner.afterPendingWrites() == .ready)
        let id = try #require(delivered.savedConversations.first)
        let saved = try #require(try store.load(id))
        #expect(saved.messages.map(\.text) == ["Q1", "A1", "Q2"], "the branch chosen last")
        let rows = saved.messages.compactMap(\.id)
        #expect(saved.tree.siblings(of: rows[2]).count == 2, "the edit is beside Q2, under A1's row")
        // Each first save told the store its row, once.
        let stored = delivered.all.compactMap { action -> Int? in
            if case let .messageStored(_, localID, _, _) = action { return localID } else { return nil }
        }
        #expect(stored == [1, 2, 3, 4])
    }

    @Test func aForkIsSavedAsANewConversationAndOpened() async throws {
        let store = try ConversationStore(path: directory.appendingPathComponent("db.sqlite").path)
        let runner = makeRunner(store)
        runner.run(.forkConversation(ConversationFork(title: "Chat (fork)", model: "kimi-k2.6", messages: [
            StoredMessage(role: .user, text: "Q1"), StoredMessage(role: .assistant, text: "A1"),
        ])))
        _ = await runner.afterPendingWrites()
        let forked = delivered.all.compactMap { action -> SavedConversation? in
            if case let .conversationForked(saved) = action { return saved } else { return nil }
        }
        #expect(forked.map(\.summary.title) == ["Chat (fork)"])
        #expect(forked.first?.messages.map(\.text) == ["Q1", "A1"])
        #expect(try store.latestConversation()?.id == forked.first?.summary.id, "it is the one reopened next")
    }

    @Test func aFailedSaveIsReportedToTheNextRequest() async throws {
        let runner = makeRunner(FailingRepository())
        runner.run(Self.save("lost?", localID: 1))
        guard case let .notSaved(failure) = await runner.afterPendingWrites() else {
            Issue.record("the failed save did not hold the request")
            return
        }
        #expect(failure.contains("disk full"))
        #expect(delivered.all.contains(.storageFailed(failure)))
        #expect(await runner.afterPendingWrites() == .ready, "reported once")
    }
}

/// A repository whose disk is full: the one failure a real file cannot be made to show
/// on demand.
private struct FailingRepository: ConversationRepository {
    func fail() -> StorageError { .failed("disk full") }
    func createConversation(title: String, model: String) throws -> ConversationSummary { throw fail() }
    func save(_ message: StoredMessage, in conversation: ConversationID,
              placement: MessagePlacement) throws -> StoredMessageID { throw fail() }
    func selectBranch(_ conversation: ConversationID, leaf: StoredMessageID) throws { throw fail() }
    func importConversations(_ conversations: [SavedConversation]) throws -> [ConversationID] { throw fail() }
    func conversations(matching query: String, limit: Int) throws -> [ConversationMatch] { throw fail() }
    func summary(of conversation: ConversationID) throws -> ConversationSummary? { throw fail() }
    func latestConversation() throws -> ConversationSummary? { throw fail() }
    func markOpened(_ conversation: ConversationID) throws { throw fail() }
    func load(_ conversation: ConversationID) throws -> SavedConversation? { throw fail() }
    func rename(_ conversation: ConversationID, to title: String) throws { throw fail() }
    func setModel(_ conversation: ConversationID, to model: String) throws { throw fail() }
    func setWebSearch(_ conversation: ConversationID, on: Bool) throws { throw fail() }
    func setSettings(_ conversation: ConversationID, _ settings: ConversationSettings) throws { throw fail() }
    func delete(_ conversation: ConversationID) throws -> Bool { throw fail() }
    func markAbandonedRepliesInterrupted() throws -> Int { throw fail() }
    func change(of conversation: ConversationID) throws -> ConversationChange { throw fail() }
}
