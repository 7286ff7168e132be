import ChatCore
import ChatDomain
import Dispatch
import Foundation
import Logging
import Synchronization

/// Runs the store's database effects on a serial queue of its own, in the order they
/// were asked for, and reports results back as actions. A dispatch queue rather than
/// the cooperative pool: a write may wait seconds for another kimichat's lock, and
/// must not hold up the threads that stream replies.
///
/// `conversationIDs` and `messageIDs` are touched only on `queue`.
final class StorageRunner: @unchecked Sendable {
    private let repository: any ConversationRepository
    private let deliver: @Sendable (AppAction) -> Void
    private let logger: Logger
    private let queue = DispatchQueue(label: "kimichat.storage", qos: .userInitiated)
    private let newestSearch = Atomic<Int>(0)
    /// Conversations this run created, by the key the store gave them.
    private var conversationIDs: [Int: ConversationID] = [:]
    /// Rows of messages this run saved, by transcript message id.
    private var messageIDs: [Int: StoredMessageID] = [:]

    init(repository: any ConversationRepository, logger: Logger, deliver: @escaping @Sendable (AppAction) -> Void) {
        self.repository = repository
        self.logger = logger
        self.deliver = deliver
    }

    func run(_ effect: AppEffect) {
        switch effect {
        case let .saveMessage(save):
            queue.async { self.perform { try self.save(save) } }
        case let .searchConversations(search, query):
            newestSearch.store(search, ordering: .relaxed)
            queue.async {
                // A newer search was typed while this one waited: skip straight to it.
                guard self.newestSearch.load(ordering: .relaxed) == search else { return }
                self.perform {
                    let matches = try self.repository.conversations(matching: query,
                                                                    limit: ConversationList.limit(for: query))
                    self.deliver(.conversationsFound(search: search, matches, readAt: Date()))
                }
            }
        case let .openConversation(id, focus, words):
            queue.async {
                self.perform {
                    guard let saved = try self.repository.load(id) else { throw StorageError.noSuchConversation(id) }
                    try self.repository.markOpened(id)
                    self.deliver(.conversationLoaded(saved, focus: focus, words: words))
                }
            }
        case let .renameConversation(id, title):
            queue.async { self.perform { try self.repository.rename(id, to: title) } }
        case let .deleteConversation(id):
            queue.async { self.perform { try self.repository.delete(id) } }
        case .startReply, .cancelReply, .scrollTranscript, .quit:
            break
        }
    }

    /// Returns once every write asked for so far is done: a request is sent only after
    /// the user's message is on disk.
    func afterPendingWrites() async {
        await withCheckedContinuation { continuation in queue.async { continuation.resume() } }
    }

    /// Blocks until the queue is empty; for quitting, so the last save is not lost.
    func drain() {
        queue.sync {}
    }

    private func save(_ save: MessageSave) throws {
        let conversation = try conversationID(for: save)
        var message = save.message
        message.id = message.id ?? messageIDs[save.localID]
        messageIDs[save.localID] = try repository.save(message, in: conversation)
    }

    private func conversationID(for save: MessageSave) throws -> ConversationID {
        if let id = save.conversation.id ?? conversationIDs[save.conversation.key] { return id }
        let title = save.conversation.title ?? ConversationTitle.derived(from: save.message.text)
        let summary = try repository.createConversation(title: title, model: save.model)
        conversationIDs[save.conversation.key] = summary.id
        deliver(.conversationSaved(key: save.conversation.key, summary))
        return summary.id
    }

    private func perform(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            let message = (error as? StorageError)?.userMessage ?? String(describing: error)
            logger.error("storage: \(message)")
            deliver(.storageFailed(message))
        }
    }
}
