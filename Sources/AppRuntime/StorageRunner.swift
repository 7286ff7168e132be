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
/// It also watches the open conversation for changes made by another window
/// (`checkForChanges`, on a timer, and `afterPendingWrites`, before each request).
///
/// `conversationIDs`, `messageIDs`, `saveFailure` and the change bookkeeping are
/// touched only on `queue`.
final class StorageRunner: @unchecked Sendable {
    private let repository: any ConversationRepository
    private let deliver: @Sendable (AppAction) -> Void
    private let logger: Logger
    private let queue = DispatchQueue(label: "kimichat.storage", qos: .userInitiated)
    private let newestSearch = Atomic<Int>(0)
    private let newestFind = Atomic<Int>(0)
    /// Conversations this run created, by the key the store gave them.
    private var conversationIDs: [Int: ConversationID] = [:]
    /// Rows of messages this run saved, by transcript message id.
    private var messageIDs: [Int: StoredMessageID] = [:]
    /// Why a save failed since the last `afterPendingWrites`, if one did.
    private var saveFailure: String?
    /// The conversation to watch, as the store last said (set on the main actor).
    private let watched = Mutex<ConversationWatch?>(nil)
    /// A timer check is waiting on the queue: a slow queue does not pile them up.
    private let checkQueued = Atomic<Bool>(false)
    /// Changes found elsewhere so far, numbered; and the latest found per conversation.
    private var changesFound = 0
    private var latestChange: [ConversationID: Int] = [:]
    /// The deletion already reported, so it is said once.
    private var reportedDeletion: ConversationID?
    /// The last message saved: before a request, its conversation is checked.
    private var lastSave: SavedRow?
    /// The row of the last question saved: the held-back request's question.
    private var lastQuestionRow: StoredMessageID?

    private struct SavedRow {
        var conversation: ConversationID
        var row: StoredMessageID
        /// The change the saving transcript showed.
        var shownChange: Int
    }
    /// A conversation created because the one saved to had been deleted; the next
    /// request says so.
    private var replacement: ConversationID?

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
        case let .findInConversation(search, conversation, leaf, query, from):
            newestFind.store(search, ordering: .relaxed)
            queue.async {
                // As with the list's search: a newer text typed meanwhile goes first.
                guard self.newestFind.load(ordering: .relaxed) == search else { return }
                guard let id = self.conversationIDs[conversation.key] ?? conversation.id, let row = self.row(of: leaf)
                else {
                    // Nothing saved yet: nothing to find.
                    let words = query.split(whereSeparator: \.isWhitespace).map(String.init)
                    self.deliver(.foundInConversation(search: search, FoundInConversation(words: words)))
                    return
                }
                self.perform {
                    // The hit to show first, found in a few rows; then the count of all.
                    let nearest = try self.repository.find(query, in: id, branchEndingAt: row, scope: .nearest(from: from))
                    self.deliver(.foundInConversation(search: search, nearest))
                    guard !nearest.isComplete, self.newestFind.load(ordering: .relaxed) == search else { return }
                    let all = try self.repository.find(query, in: id, branchEndingAt: row, scope: .all)
                    self.deliver(.foundInConversation(search: search, all))
                }
            }
        case let .openConversation(id, focus, words):
            queue.async {
                self.perform {
                    // A long conversation's newest window; all of it when the message
                    // to show is not on the window's branch (above it, or a version whose
                    // follow-ups the window did not read).
                    guard var saved = try self.repository.load(id, newest: AppState.openingWindow)
                    else { throw StorageError.noSuchConversation(id) }
                    if let focus, saved.window != nil, !saved.tree.currentPathIDs.contains(focus),
                       let whole = try self.repository.load(id) {
                        saved = whole
                    }
                    try self.repository.markOpened(id)
                    self.deliver(.conversationLoaded(saved, focus: focus, words: words))
                }
            }
        case let .loadEarlierMessages(id, above, count):
            queue.async {
                self.perform {
                    let (messages, window) = try self.repository.loadEarlier(id, above: above, count: count)
                    self.deliver(.earlierMessagesLoaded(id, above: above, messages, window))
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
        case let .setConversationSettings(conversation):
            queue.async {
                guard let id = self.conversationIDs[conversation.key] ?? conversation.id else { return }
                self.perform { try self.repository.setSettings(id, conversation.settings) }
            }
        case let .setConversationWebSearch(conversation):
            queue.async {
                guard let id = self.conversationIDs[conversation.key] ?? conversation.id else { return }
                self.perform { try self.repository.setWebSearch(id, on: conversation.webSearch) }
            }
        case let .selectBranch(conversation, leaf):
            queue.async {
                guard let id = self.conversationIDs[conversation.key] ?? conversation.id,
                      let row = self.row(of: leaf) else { return }
                self.perform { try self.repository.selectBranch(id, leaf: row) }
            }
        case let .forkConversation(fork):
            queue.async {
                self.perform {
                    let now = Date()
                    let summary = ConversationSummary(id: 0, title: fork.title, model: fork.model, createdAt: now,
                                                      updatedAt: now, messageCount: fork.messages.count,
                                                      webSearch: fork.webSearch, settings: fork.settings)
                    let ids = try self.repository.importConversations([SavedConversation(summary: summary,
                                                                                         messages: fork.messages)])
                    guard let id = ids.first, let saved = try self.repository.load(id) else { return }
                    try self.repository.markOpened(id)
                    self.deliver(.conversationForked(saved))
                }
            }
        case .startReply, .cancelReply, .scrollTranscript, .fetchModels, .copyToClipboard, .suspend, .editExternally, .quit,
             .prepareAttachment, .completePath, .checkPastedPath, .readBalance:
            break
        }
    }

    /// Returns once every write asked for so far is done, saying whether the request
    /// may go: not if a save failed since the last call (a request is sent only after
    /// the user's message is on disk), nor if another window changed the conversation
    /// since the transcript was read (it would go with a stale history).
    func afterPendingWrites() async -> SendCheck {
        await withCheckedContinuation { continuation in
            queue.async {
                defer { self.saveFailure = nil }
                if let failure = self.saveFailure {
                    continuation.resume(returning: .notSaved(failure))
                    return
                }
                var check = SendCheck.ready
                self.perform {
                    if let history = try self.historyChangedElsewhere() { check = .changedElsewhere(history) }
                }
                continuation.resume(returning: check)
            }
        }
    }

    /// What the store shows now; called on the main actor after every action.
    func watch(_ watch: ConversationWatch?) {
        watched.withLock { $0 = watch }
    }

    /// The timer's check: reports a change elsewhere to the open conversation, if any.
    /// Nothing reaches the main actor when nothing changed.
    func checkForChanges() {
        guard let watch = watched.withLock({ $0 }), !watch.isPaused,
              !checkQueued.exchange(true, ordering: .acquiringAndReleasing) else { return }
        queue.async {
            self.checkQueued.store(false, ordering: .releasing)
            // The store may have moved on while this waited.
            guard let watch = self.watched.withLock({ $0 }), !watch.isPaused else { return }
            do {
                if let found = try self.changeElsewhere(to: watch) { self.deliver(found) }
            } catch {
                // Only logged: a failing check would otherwise fill the status bar every
                // second; the next save or request reports a database that fails.
                self.logger.debug("checking for other windows' changes: \(error)")
            }
        }
    }

    private func changeElsewhere(to watch: ConversationWatch) throws -> AppAction? {
        switch try repository.change(of: watch.id) {
        case .deleted:
            guard reportedDeletion != watch.id else { return nil }
            reportedDeletion = watch.id
            return .conversationDeletedElsewhere(watch.id)
        case .changed:
            return try reload(watch.id)
        case .unchanged:
            // Found before but not taken (a reply was streaming): offered again.
            guard let latest = latestChange[watch.id], latest > watch.shownChange else { return nil }
            return try reload(watch.id)
        }
    }

    private func reload(_ id: ConversationID) throws -> AppAction? {
        guard let saved = try repository.load(id) else { return nil }
        return .conversationChangedElsewhere(saved, change: numberChange(of: id))
    }

    private func numberChange(of id: ConversationID) -> Int {
        changesFound += 1
        latestChange[id] = changesFound
        return changesFound
    }

    /// Before a request: the conversation the reply was just saved in, as saved, if
    /// another window changed it since the transcript was read.
    private func historyChangedElsewhere() throws -> ChangedHistory? {
        guard let last = lastSave else { return nil }
        lastSave = nil
        let replacesDeleted = replacement == last.conversation
        replacement = nil
        let changed = try replacesDeleted || repository.change(of: last.conversation) == .changed
            || (latestChange[last.conversation] ?? 0) > last.shownChange
        guard changed, let saved = try repository.load(last.conversation) else { return nil }
        return ChangedHistory(saved: saved, change: numberChange(of: last.conversation), replyRow: last.row,
                              questionRow: lastQuestionRow, replacesDeleted: replacesDeleted)
    }

    /// Blocks until the queue is empty; for quitting, so the last save is not lost.
    func drain() {
        queue.sync {}
    }

    /// The row of a message the store named by its parent: known, or saved in this run.
    private func row(of parent: MessageParent) -> StoredMessageID? {
        switch parent {
        case .root: return nil
        case let .row(row): return row
        case let .local(id): return messageIDs[id]
        }
    }

    private func save(_ save: MessageSave) throws {
        var message = save.message
        message.id = messageIDs[save.localID] ?? message.id
        let conversation = try conversationID(for: save)
        let placement: MessagePlacement
        switch save.parent {
        case nil: placement = .automatic
        case .root: placement = .root
        // A parent whose save failed: after the branch, as the store last had it.
        case let parent?: placement = row(of: parent).map(MessagePlacement.under) ?? .automatic
        }
        do {
            let isNew = message.id == nil
            let row = try repository.save(message, in: conversation, placement: placement)
            if isNew {
                deliver(.messageStored(conversationKey: save.conversation.key, localID: save.localID, row: row,
                                       at: Date()))
            }
            messageIDs[save.localID] = row
            lastSave = SavedRow(conversation: conversation, row: row, shownChange: save.conversation.shownChange)
            if message.role == .user { lastQuestionRow = row }
        } catch StorageError.noSuchConversation {
            // Deleted while open (from the list, or by `kimichat rm` elsewhere): what is
            // written from now on goes to a new conversation rather than nowhere.
            message.id = nil
            let replacement = try createConversation(for: save)
            let row = try repository.save(message, in: replacement)
            messageIDs[save.localID] = row
            lastSave = SavedRow(conversation: replacement, row: row, shownChange: save.conversation.shownChange)
            if message.role == .user { lastQuestionRow = row }
            self.replacement = replacement
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
        var summary = try repository.createConversation(title: title, model: save.conversation.model)
        if save.conversation.webSearch {
            try repository.setWebSearch(summary.id, on: true)
            summary.webSearch = true
        }
        if !save.conversation.settings.isDefault {
            try repository.setSettings(summary.id, save.conversation.settings)
            summary.settings = save.conversation.settings
        }
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

/// Whether a request may go out, decided after the saves before it.
enum SendCheck: Sendable, Equatable {
    case ready
    /// A save failed: the request is not sent, and the transcript says why.
    case notSaved(String)
    /// Another window changed the conversation: the request is made again from this.
    case changedElsewhere(ChangedHistory)
}
