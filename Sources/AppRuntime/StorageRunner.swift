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
/// `conversationIDs`, `messageIDs` and `saveFailure` are touched only on `queue`.
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
    /// Why a save failed since the last `afterPendingWrites`, if one did.
    private var saveFailure: String?

    init(repository: any ConversationRepository, logger: Logger, deliver: @escaping @Sendable (AppAction) -> Void) {
        self.repository = repository
        self.logger = logger
        self.deliver = deliver
    }

    func run(_ effect: AppEffect) {
        switch effect {
        case let .saveMessage(save):
            queue.async {
                do {
                    try self.save(save)
                } catch {
                    self.saveFailure = self.report(error)
                }
            }
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
        case let .setConversationModel(conversation):
            queue.async {
                // Not saved yet: its first save creates it with this model.
                guard let id = self.conversationIDs[conversation.key] ?? conversation.id else { return }
                self.perform { try self.repository.setModel(id, to: conversation.model) }
            }
        case .startReply, .cancelReply, .scrollTranscript, .fetchModels, .sendToTerminal, .editExternally, .quit:
            break
        }
    }

    /// Returns once every write asked for so far is done, with the reason if a save
    /// failed since the last call: a request is sent only after the user's message is
    /// on disk.
    func afterPendingWrites() async -> String? {
        await withCheckedContinuation { continuation in
            queue.async {
                continuation.resume(returning: self.saveFailure)
                self.saveFailure = nil
            }
        }
    }

    /// Blocks until the queue is empty; for quitting, so the last save is not lost.
    func drain() {
        queue.sync {}
    }

    private func save(_ save: MessageSave) throws {
        var message = save.message
        message.id = messageIDs[save.localID] ?? message.id
        do {
            messageIDs[save.localID] = try repository.save(message, in: try conversationID(for: save))
        } catch StorageError.noSuchConversation {
            // Deleted while open (from the list, or by `kimichat rm` elsewhere): what is
            // written from now on goes to a new conversation rather than nowhere.
            message.id = nil
            let conversation = try createConversation(for: save)
            messageIDs[save.localID] = try repository.save(message, in: conversation)
        }
    }

    /// The row of the conversation `save` belongs to; one created by this run wins over
    /// the id the store knew, which may have been deleted since.
    private func conversationID(for save: MessageSave) throws -> ConversationID {
        if let id = conversationIDs[save.conversation.key] ?? save.conversation.id { return id }
        return try createConversation(for: save)
    }

    private func createConversation(for save: MessageSave) throws -> ConversationID {
        let title = save.conversation.title ?? ConversationTitle.derived(from: save.message.text)
        let summary = try repository.createConversation(title: title, model: save.conversation.model)
        conversationIDs[save.conversation.key] = summary.id
        deliver(.conversationSaved(key: save.conversation.key, summary))
        return summary.id
    }

    private func perform(_ body: () throws -> Void) {
        do {
            try body()
        } catch {
            _ = report(error)
        }
    }

    /// Logs the failure and tells the store; returns the message.
    private func report(_ error: any Error) -> String {
        let message = (error as? StorageError)?.userMessage ?? String(describing: error)
        logger.error("storage: \(message)")
        deliver(.storageFailed(message))
        return message
    }
}
