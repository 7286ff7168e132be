import ChatDomain

func reduceStreamEvent(_ state: inout AppState, _ requestID: RequestID, _ event: StreamEvent) -> [AppEffect] {
    guard let reply = state.activeReply, reply.requestID == requestID else { return [] }
    switch event {
    case let .content(text):
        state.activeReply?.deltas += 1
        state.editMessage(id: reply.messageID) { $0.text += text }
    case let .reasoning(text):
        state.activeReply?.deltas += 1
        state.editMessage(id: reply.messageID) { $0.reasoning += text }
    case let .usage(usage):
        state.lastUsage = usage
        state.editMessage(id: reply.messageID) { $0.usage = usage }
    case let .finished(reason):
        state.editMessage(id: reply.messageID) { $0.finishReason = reason }
    case .done:
        finishReply(&state, reply)
    }
    return []
}

func reduceStreamEnded(_ state: inout AppState, _ requestID: RequestID) -> [AppEffect] {
    guard let reply = state.activeReply, reply.requestID == requestID else { return [] }
    if state.message(withID: reply.messageID)?.finishReason != nil {
        finishReply(&state, reply)
    } else {
        return reduceStreamFailed(&state, requestID, .interrupted("the connection closed before the reply finished"))
    }
    return []
}

func reduceStreamFailed(_ state: inout AppState, _ requestID: RequestID, _ error: ChatError) -> [AppEffect] {
    guard let reply = state.activeReply, reply.requestID == requestID else { return [] }
    if state.message(withID: reply.messageID)?.finishReason != nil {
        // The model had finished; only the trailing [DONE] was lost. Nothing is missing.
        finishReply(&state, reply)
        return []
    }
    state.activeReply = nil
    state.statusNote = nil
    let partial = state.message(withID: reply.messageID)
    if let partial, !partial.text.isEmpty || !partial.reasoning.isEmpty {
        state.editMessage(id: reply.messageID) { $0.status = .interrupted }
    } else {
        state.messages.removeAll { $0.id == reply.messageID }
    }
    state.appendMessage(kind: .error, text: error.userMessage)
    return []
}

/// Ends the reply the user stopped (Esc, Ctrl-C, quitting), keeping what arrived.
func stopReply(_ state: inout AppState, _ reply: ActiveReply, status: ReplyStatus) -> [AppEffect] {
    state.activeReply = nil
    if let message = state.message(withID: reply.messageID), message.text.isEmpty, message.reasoning.isEmpty {
        state.messages.removeAll { $0.id == reply.messageID }
        state.statusNote = "Stopped before any reply arrived."
    } else {
        state.editMessage(id: reply.messageID) { $0.status = status }
        state.statusNote = "Reply stopped."
    }
    return [.cancelReply(reply.requestID)]
}

private func finishReply(_ state: inout AppState, _ reply: ActiveReply) {
    state.activeReply = nil
    state.statusNote = nil
    state.editMessage(id: reply.messageID) { $0.status = .complete }
}
