import ChatCore
import ChatDomain
import Logging

/// Runs the effects that reach outside the process — replies, the database, the model
/// list — each reporting back through the inbox. (Effects on the terminal are the
/// frame driver's.)
final class EffectRunner {
    let replies: ReplyRunner
    let storage: StorageRunner
    private let models: any ModelListing
    private let inbox: RuntimeInbox

    init(chat: any ChatStreaming, conversations: any ConversationRepository, models: any ModelListing,
         inbox: RuntimeInbox, logger: Logger) {
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
        case .saveMessage, .searchConversations, .openConversation, .renameConversation, .deleteConversation,
             .setConversationModel, .selectBranch, .forkConversation:
            storage.run(effect)
        case .fetchModels:
            let listing = models
            let inbox = self.inbox
            Task.detached {
                let lineup = await listing.lineup()
                inbox.post(.action(.modelsListed(lineup.models, note: lineup.note)))
            }
        case .scrollTranscript, .copyToClipboard, .editExternally, .quit:
            return false
        }
        return true
    }

    /// The store's action has been handled: requests it ended are forgotten.
    func noteHandled(_ action: AppAction) {
        switch action {
        case let .streamEnded(id), let .streamFailed(id, _), let .historyChangedBeforeSending(id, _):
            replies.finished(id)
        default:
            break
        }
    }

    /// Stops replies in flight and waits for the writes asked for; for quitting.
    func shutDown() {
        replies.cancelAll()
        storage.drain()
    }
}
