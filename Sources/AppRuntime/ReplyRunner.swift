import ChatCore
import ChatDomain
import Logging

/// Runs reply requests off the main actor and reports each event back as an action.
final class ReplyRunner {
    private let chat: any ChatStreaming
    /// Awaited before each request is sent: the saves asked for before it, and why one
    /// failed if one did (then the request is not sent).
    private let beforeSending: @Sendable () async -> String?
    private let deliver: @Sendable (AppAction) -> Void
    private let logger: Logger
    private var tasks: [RequestID: Task<Void, Never>] = [:]

    init(chat: any ChatStreaming, logger: Logger, beforeSending: @escaping @Sendable () async -> String?,
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
            let notSaved = await beforeSending()
            guard !Task.isCancelled else { return }
            if let notSaved {
                deliver(.streamFailed(requestID, .notSaved(notSaved)))
                return
            }
            let stream = chat.streamReply(to: request)
            do {
                for try await event in stream {
                    deliver(.streamEvent(requestID, event))
                }
                if !Task.isCancelled { deliver(.streamEnded(requestID)) }
            } catch {
                let failure = error as? ChatError ?? .connection(String(describing: error))
                logger.warning("reply \(requestID) failed: \(failure.userMessage)")
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
