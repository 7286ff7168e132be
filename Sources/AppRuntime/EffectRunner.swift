import ChatCore
import ChatDomain
import Foundation
import Logging

/// Runs the effects that reach outside the process — replies, the database, the model
/// list — each reporting back through the inbox. (Effects on the terminal are the
/// frame driver's.)
final class EffectRunner {
    let replies: ReplyRunner
    let storage: StorageRunner
    private let models: any ModelListing
    private let inbox: RuntimeInbox
    private let attachments: (any AttachmentPreparing)?
    private let balance: (any BalanceChecking)?
    private let balanceMemory = BalanceMemory()
    private let home: String
    private var preparing: [Int: Task<Void, Never>] = [:]

    init(chat: any ChatStreaming, conversations: any ConversationRepository, models: any ModelListing,
         inbox: RuntimeInbox, logger: Logger, attachments: (any AttachmentPreparing)? = nil,
         balance: (any BalanceChecking)? = nil, home: String = "") {
        self.attachments = attachments
        self.balance = balance
        self.home = home
        let storage = StorageRunner(repository: conversations, logger: logger) { inbox.post(.action($0)) }
        self.storage = storage
        replies = ReplyRunner(chat: chat, logger: logger, beforeSending: { await storage.afterPendingWrites() }) {
            inbox.post(.action($0))
        }
        self.models = models
        self.inbox = inbox
    }

    /// Runs `effect` if it is one of these; says whether it was.
    func run(_ effect: AppEffect) -> Bool {
        switch effect {
        case let .startReply(id, request):
            replies.start(id, request)
        case let .cancelReply(id):
            replies.cancel(id)
        case .saveMessage, .searchConversations, .findInConversation, .openConversation, .loadEarlierMessages, .renameConversation,
             .deleteConversation,
             .setConversationModel, .setConversationWebSearch, .setConversationSettings, .selectBranch,
             .forkConversation:
            storage.run(effect)
        case .fetchModels:
            let listing = models
            let inbox = self.inbox
            Task.detached {
                let lineup = await listing.lineup()
                inbox.post(.action(.modelsListed(lineup.models, note: lineup.note)))
            }
        case let .readBalance(fresh):
            readBalance(fresh: fresh)
        case let .prepareAttachment(id, path):
            prepare(id, path)
        case let .completePath(request, typed):
            let home = self.home
            let inbox = self.inbox
            Task.detached {
                let found = PathCompletion.complete(typed, home: home)
                inbox.post(.action(.pathCompleted(request: request, path: found.path, choices: found.choices)))
            }
        case let .checkPastedPath(path, pasted):
            let home = self.home
            let inbox = self.inbox
            Task.detached {
                let full = path.hasPrefix("~/") ? home + "/" + path.dropFirst(2) : path
                var folder: ObjCBool = false
                if FileManager.default.fileExists(atPath: full, isDirectory: &folder), !folder.boolValue {
                    inbox.post(.action(.pastedFileFound(path: path, pasted: pasted)))
                }
            }
        case .scrollTranscript, .copyToClipboard, .editExternally, .suspend, .quit:
            return false
        }
        return true
    }

    /// At most once a minute from the endpoint; in between, what it said last.
    private func readBalance(fresh: Bool) {
        let inbox = self.inbox
        guard let balance else {
            inbox.post(.action(.balanceRead(.unavailable("not read in this mode"))))
            return
        }
        if !fresh, let recent = balanceMemory.recent(within: .seconds(60)) {
            inbox.post(.action(.balanceRead(recent)))
            return
        }
        let memory = balanceMemory
        Task.detached {
            let reading = await balance.balance()
            memory.remember(reading)
            inbox.post(.action(.balanceRead(reading)))
        }
    }

    private func prepare(_ id: Int, _ path: String) {
        let inbox = self.inbox
        guard let attachments else {
            inbox.post(.action(.attachmentFailed(id: id, "Attaching files is not available here.")))
            return
        }
        preparing[id] = Task.detached {
            let result = await attachments.prepareAttachment(path: path) { progress in
                inbox.post(.action(.attachmentProgressed(id: id, progress)))
            }
            switch result {
            case let .success(attachment): inbox.post(.action(.attachmentPrepared(id: id, attachment)))
            case let .failure(failure): inbox.post(.action(.attachmentFailed(id: id, failure.message)))
            }
        }
    }

    /// The store's action has been handled: requests it ended are forgotten.
    func noteHandled(_ action: AppAction) {
        switch action {
        case let .streamEnded(id), let .streamFailed(id, _), let .historyChangedBeforeSending(id, _):
            replies.finished(id)
        case let .attachmentPrepared(id, _), let .attachmentFailed(id, _):
            preparing[id] = nil
        default:
            break
        }
    }

    /// Stops replies in flight and waits for the writes asked for; for quitting.
    func shutDown() {
        replies.cancelAll()
        for task in preparing.values { task.cancel() }
        storage.drain()
    }
}
