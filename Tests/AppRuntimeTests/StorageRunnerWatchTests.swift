import ChatCore
import ChatDomain
import Foundation
import Logging
import Persistence
import Testing
@testable import AppRuntime

/// The storage runner watching the open conversation while another connection (the
/// other window) writes to it: before a request, and on the timer.
@Suite("StorageRunner watching another window")
struct StorageRunnerWatchTests {
    let folder = StorageRunnerTests.TemporaryFolder()
    var directory: URL { folder.url }
    let delivered = StorageRunnerTests.Delivered()

    private func open() throws -> ConversationStore {
        try ConversationStore(path: directory.appendingPathComponent("db.sqlite").path)
    }

    private func makeRunner(_ store: ConversationStore) -> StorageRunner {
        let delivered = self.delivered
        return StorageRunner(repository: store, logger: Logger(label: "test")) { delivered.append($0) }
    }

    private static func save(_ text: String, localID: Int, id: ConversationID?, shownChange: Int = 0,
                             role: Role = .user) -> AppEffect {
        var conversation = OpenConversation(key: 1, id: id, title: "Title", model: "m")
        conversation.shownChange = shownChange
        return .saveMessage(MessageSave(conversation: conversation, localID: localID,
                                        message: StoredMessage(role: role, text: text,
                                                               status: role == .user ? .complete : .streaming)))
    }

    /// A conversation this window started, with one question.
    private func started(_ runner: StorageRunner) async throws -> ConversationID {
        runner.run(Self.save("first", localID: 1, id: nil))
        #expect(await runner.afterPendingWrites() == .ready)
        return try #require(delivered.savedConversations.first)
    }

    @Test func aRequestRightAfterTheOtherWindowWroteIsHeldBackWithTheHistoryAsSaved() async throws {
        let runner = makeRunner(try open())
        let id = try await started(runner)
        let other = try open()
        try other.save(StoredMessage(role: .user, text: "from the other window"), in: id)

        runner.run(Self.save("mine", localID: 2, id: id))
        runner.run(Self.save("", localID: 3, id: id, role: .assistant))
        guard case let .changedElsewhere(history) = await runner.afterPendingWrites() else {
            Issue.record("the request would have gone with a stale history")
            return
        }
        #expect(history.saved.messages.map(\.text) == ["first", "from the other window", "mine", ""])
        #expect(history.replyRow == history.saved.messages.last?.id)
        #expect(!history.replacesDeleted)

        // Made again from that history: nothing changed since, so it goes.
        runner.run(Self.save("", localID: 4, id: id, shownChange: history.change, role: .assistant))
        #expect(await runner.afterPendingWrites() == .ready)
    }

    @Test func ourOwnRepliesDoNotHoldRequestsBack() async throws {
        let runner = makeRunner(try open())
        let id = try await started(runner)
        for round in 2...4 {
            runner.run(Self.save("question \(round)", localID: round * 10, id: id))
            runner.run(Self.save("", localID: round * 10 + 1, id: id, role: .assistant))
            #expect(await runner.afterPendingWrites() == .ready)
        }
    }

    @Test func theTimerReportsTheOtherWindowsTurnOnceAndNotOurOwn() async throws {
        let runner = makeRunner(try open())
        let id = try await started(runner)
        runner.watch(ConversationWatch(id: id, shownChange: 0, isPaused: false))
        runner.checkForChanges()
        _ = await runner.afterPendingWrites()
        #expect(changes().isEmpty, "our own question is no change")

        let other = try open()
        try other.save(StoredMessage(role: .user, text: "from the other window"), in: id)
        runner.watch(ConversationWatch(id: id, shownChange: 0, isPaused: true))
        runner.checkForChanges()
        _ = await runner.afterPendingWrites()
        #expect(changes().isEmpty, "nothing is reported while a reply streams")

        runner.watch(ConversationWatch(id: id, shownChange: 0, isPaused: false))
        runner.checkForChanges()
        _ = await runner.afterPendingWrites()
        let found = changes()
        #expect(found.map(\.saved.messages.count) == [2])
        let change = try #require(found.first?.change)

        runner.watch(ConversationWatch(id: id, shownChange: change, isPaused: false))
        runner.checkForChanges()
        _ = await runner.afterPendingWrites()
        #expect(changes().count == 1, "once taken, not again")
    }

    @Test func aChangeNotTakenIsOfferedAgain() async throws {
        let runner = makeRunner(try open())
        let id = try await started(runner)
        try open().rename(id, to: "Renamed elsewhere")
        runner.watch(ConversationWatch(id: id, shownChange: 0, isPaused: false))
        runner.checkForChanges()
        _ = await runner.afterPendingWrites()
        // The store was streaming when it arrived and left it: still shows change 0.
        runner.checkForChanges()
        _ = await runner.afterPendingWrites()
        #expect(changes().map(\.saved.summary.title) == ["Renamed elsewhere", "Renamed elsewhere"])
    }

    @Test func theTimerReportsADeletionOnce() async throws {
        let runner = makeRunner(try open())
        let id = try await started(runner)
        try open().delete(id)
        runner.watch(ConversationWatch(id: id, shownChange: 0, isPaused: false))
        for _ in 0..<2 {
            runner.checkForChanges()
            _ = await runner.afterPendingWrites()
        }
        #expect(delivered.all.filter { $0 == .conversationDeletedElsewhere(id) }.count == 1)
    }

    private func changes() -> [(saved: SavedConversation, change: Int)] {
        delivered.all.compactMap {
            if case let .conversationChangedElsewhere(saved, change) = $0 { return (saved, change) } else { return nil }
        }
    }
}
