import ChatCore
import ChatDomain
import Logging

/// Runs reply requests off the main actor and reports each event back as an action.
final class ReplyRunner {
    private let chat: any ChatStreaming
    /// Awaited before each request is sent: the saves asked for before it, and whether
    /// the request may go (not when a save failed, or the conversation changed elsewhere).
    private let beforeSending: @Sendable () async -> SendCheck
    private let deliver: @Sendable (AppAction) -> Void
    private let logger: Logger
    private var tasks: [RequestID: Task<Void, Never>] = [:]

    init(chat: any ChatStreaming, logger: Logger, beforeSending: @escaping @Sendable () async -> SendCheck,
         deliver: @escaping @Sendable (AppAction) -> Void) {
        self.chat = chat
        self.beforeSending = beforeSending
        self.logger = logger
        self.deliver = deliver
    }

    func start(_ requestID: RequestID, _ request: ChatRequest) {
        let chat = self.chat
        let deliver = self.deliver
        let logger = self.logger
        let beforeSending = self.beforeSending
        tasks[requestID] = Task.detached {
            let check = await beforeSending()
            guard !Task.isCancelled else { return }
            switch check {
            case .ready: break
            case let .notSaved(reason):
                deliver(.streamFailed(requestID, .notSaved(reason)))
                return
            case let .changedElsewhere(history):
                logger.info("reply \(requestID) held back: the conversation changed in another window")
                deliver(.historyChangedBeforeSending(requestID, history))
                return
            }
            do {
                try await chat.streamReply(to: request) { deliver(.streamEvent(requestID, $0)) }
                if !Task.isCancelled { deliver(.streamEnded(requestID)) }
            } catch is CancellationError {
                return
            } catch {
                // The service throws only ChatErrors; anything else is named in the log, not on screen.
                let failure = error as? ChatError ?? .connection("the request failed unexpectedly (see the log)")
                logger.warning("reply \(requestID) failed: \(failure.userMessage) [\(String(describing: error))]")
                if !Task.isCancelled { deliver(.streamFailed(requestID, failure)) }
            }
        }
    }

    func cancel(_ requestID: RequestID) {
        tasks.removeValue(forKey: requestID)?.cancel()
    }

    func finished(_ requestID: RequestID) {
        tasks.removeValue(forKey: requestID)
    }

    func cancelAll() {
        for task in tasks.values { task.cancel() }
        tasks.removeAll()
    }
}
