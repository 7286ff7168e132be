import ChatDomain

/// Writes of the open conversation: every user message when it is sent, and each
/// reply when it starts, in the `SaveRhythm` while it streams, and when it ends.
extension AppState {
    func save(_ message: TranscriptMessage, failure: String? = nil) -> AppEffect {
        var status = message.status
        if failure != nil, message.text.isEmpty, message.reasoning.isEmpty { status = .error }
        var stored = StoredMessage(
            id: message.storedID,
            role: message.kind == .user ? .user : .assistant,
            text: message.text,
            reasoning: message.reasoning,
            status: status,
            model: message.model,
            usage: message.usage,
            finishReason: message.finishReason,
            errorMessage: failure
        )
        stored.attachments = message.attachments
        stored.searches = message.searches
        stored.thinkingMilliseconds = message.thinkingMilliseconds
        return .saveMessage(MessageSave(conversation: conversation, localID: message.id, message: stored,
                                        parent: placement(of: message.id)))
    }

    /// The save of message `id`, if it is still in the transcript.
    func save(messageID id: Int, failure: String? = nil) -> [AppEffect] {
        message(withID: id).map { [save($0, failure: failure)] } ?? []
    }
}

func reduceTick(_ state: inout AppState) -> [AppEffect] {
    guard var reply = state.activeReply else { return [] }
    reply.ticks += 1
    defer { state.activeReply = reply }
    // The wait is over: the next try is under way, and looks like any request.
    if let retry = reply.retry, reply.retryElapsed >= retry.seconds {
        reply.retry = nil
    }
    let seconds = Double(reply.ticks) * AppState.tickSeconds
    if reply.ticks % AppState.rateEveryTicks == 0, seconds >= 0.5, reply.deltas > 0 {
        reply.shownRate = Int((Double(reply.deltas) / seconds).rounded())
    }
    if let thinking = state.message(withID: reply.messageID), thinking.text.isEmpty, !thinking.reasoning.isEmpty {
        state.editMessage(id: reply.messageID) { $0.thinkingTicks = ($0.thinkingTicks ?? 0) + 1 }
    }
    // Saved when its text or thinking grew: the thinking timer alone is not worth a write.
    guard let message = state.message(withID: reply.messageID),
          reply.saving.isDue(elapsed: .milliseconds(reply.ticks * Int(AppState.tickSeconds * 1000)),
                             size: message.text.utf8.count + message.reasoning.utf8.count)
    else { return [] }
    return [state.save(message)]
}
