import ChatDomain

func reduceStreamEvent(_ state: inout AppState, _ requestID: RequestID, _ event: StreamEvent) -> [AppEffect] {
    guard let reply = state.activeReply, reply.requestID == requestID else { return [] }
    switch event {
    case let .content(text):
        state.activeReply?.deltas += 1
        state.activeReply?.retry = nil
        state.editMessage(id: reply.messageID) { $0.text += text }
    case let .reasoning(text):
        state.activeReply?.deltas += 1
        state.activeReply?.retry = nil
        state.editMessage(id: reply.messageID) { $0.reasoning += text }
    case let .retrying(notice):
        state.activeReply?.retry = notice
        state.activeReply?.retryTick = reply.ticks
        // What the failed try skipped says nothing about the next one.
        state.activeReply?.unreadableEvents = 0
        state.activeReply?.firstUnreadable = nil
    case let .unreadable(reason):
        state.activeReply?.unreadableEvents += 1
        if reply.firstUnreadable == nil { state.activeReply?.firstUnreadable = reason }
    case let .usage(reported):
        let usage = reply.usageBefore.map { $0.adding(reported) } ?? reported
        state.lastUsage = reported
        state.editMessage(id: reply.messageID) { $0.usage = usage }
        if !reply.hasCalibrated {
            state.tokenEstimate = state.tokenEstimate.calibrated(estimatedRaw: reply.estimatedPromptTokens,
                                                                 actual: reported.promptTokens)
            state.activeReply?.hasCalibrated = true
        }
    case let .toolCall(fragment):
        state.activeReply?.deltas += 1
        state.activeReply?.retry = nil
        state.activeReply?.toolCalls.add(fragment)
    case let .finished(reason):
        state.editMessage(id: reply.messageID) { $0.finishReason = reason }
    case .done:
        return finishReply(&state, reply)
    }
    return []
}

func reduceStreamEnded(_ state: inout AppState, _ requestID: RequestID) -> [AppEffect] {
    guard let reply = state.activeReply, reply.requestID == requestID else { return [] }
    if state.message(withID: reply.messageID)?.finishReason != nil {
        return finishReply(&state, reply)
    }
    return reduceStreamFailed(&state, requestID, .interrupted("the connection closed before the reply finished"))
}

func reduceStreamFailed(_ state: inout AppState, _ requestID: RequestID, _ error: ChatError) -> [AppEffect] {
    guard let reply = state.activeReply, reply.requestID == requestID else { return [] }
    if state.message(withID: reply.messageID)?.finishReason != nil {
        // The model had finished; only the trailing [DONE] was lost. Nothing is missing.
        return finishReply(&state, reply)
    }
    state.activeReply = nil
    state.statusNote = nil
    noteUnreadableEvents(&state, reply)
    var effects: [AppEffect] = []
    if let partial = state.message(withID: reply.messageID) {
        if !partial.text.isEmpty || !partial.reasoning.isEmpty {
            state.editMessage(id: reply.messageID) { $0.status = .interrupted }
            effects = state.save(messageID: reply.messageID, failure: error.userMessage)
        } else {
            effects = [state.save(partial, failure: error.userMessage)]
            state.messages.removeAll { $0.id == reply.messageID }
        }
    }
    state.appendMessage(kind: .error, text: error.userMessage + overflowAdvice(&state, error, reply)
        + pickerAdvice(state, error))
    if error.isQuotaExhausted {
        // Whether the balance is spent says what to do: top up, or wait for the quota.
        state.explainsBalance = true
        effects.append(.readBalance(fresh: true))
    }
    return effects
}

/// After a context overflow, Ctrl-R may try again with half the earlier rounds.
private func overflowAdvice(_ state: inout AppState, _ error: ChatError, _ reply: ActiveReply) -> String {
    guard error.isContextOverflow else { return "" }
    guard reply.roundsSent > 0 else {
        state.overflowRetryRounds = nil
        return " Your message alone is too long for this model: shorten it, or choose a model with a larger "
            + "context window (Ctrl-T)."
    }
    let rounds = reply.roundsSent / 2
    state.overflowRetryRounds = rounds
    let what = rounds == 0 ? "no earlier rounds" : rounds == 1 ? "only the last earlier round"
        : "only the last \(rounds) earlier rounds"
    return " Press Ctrl-R to try again with \(what) (the \(reply.roundsSent) sent were too many)."
}

/// A 404 for a model chosen with Ctrl-T: the way out is Ctrl-T, not the --model the message names.
private func pickerAdvice(_ state: AppState, _ error: ChatError) -> String {
    var status: Int?
    switch error {
    case let .http(code, _, _): status = code
    case let .gaveUp(_, .http(code, _, _)): status = code
    default: break
    }
    guard status == 404,
          state.pickerChoice == PickerChoice(conversationKey: state.conversation.key, model: state.conversation.model)
    else { return "" }
    return " \(state.conversation.model) was chosen with Ctrl-T: press Ctrl-T to choose a model this endpoint offers."
}

/// A reply that had events skipped says so, once it has ended.
private func noteUnreadableEvents(_ state: inout AppState, _ reply: ActiveReply) {
    guard reply.unreadableEvents > 0, let reason = reply.firstUnreadable else { return }
    let count = reply.unreadableEvents == 1 ? "One event" : "\(reply.unreadableEvents) events"
    state.appendMessage(kind: .error, text: "\(count) of this reply could not be read and "
        + (reply.unreadableEvents == 1 ? "was" : "were") + " skipped (the first: \(reason)). The reply may lack "
        + "a piece; Ctrl-R regenerates it.")
}

/// Ends the reply the user stopped (Esc, Ctrl-C, quitting), keeping what arrived.
func stopReply(_ state: inout AppState, _ reply: ActiveReply, status: ReplyStatus) -> [AppEffect] {
    state.activeReply = nil
    state.editMessage(id: reply.messageID) { $0.status = status }
    let saved = state.save(messageID: reply.messageID)
    if let message = state.message(withID: reply.messageID), message.text.isEmpty, message.reasoning.isEmpty {
        // Saved all the same: the row exists since the request started; reopening skips it.
        state.messages.removeAll { $0.id == reply.messageID }
        state.statusNote = "Stopped before any reply arrived."
    } else {
        state.statusNote = "Reply stopped."
    }
    if let retry = reply.retry {
        state.statusNote = "Stopped waiting to retry (\(retry.reason))."
    }
    return [.cancelReply(reply.requestID)] + saved
}

private func finishReply(_ state: inout AppState, _ reply: ActiveReply) -> [AppEffect] {
    if !reply.toolCalls.isEmpty, let next = continueAfterToolCalls(&state, reply) { return next }
    state.activeReply = nil
    state.statusNote = nil
    noteUnreadableEvents(&state, reply)
    state.editMessage(id: reply.messageID) { $0.status = .complete }
    return state.save(messageID: reply.messageID)
}
