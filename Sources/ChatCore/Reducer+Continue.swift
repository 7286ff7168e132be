import ChatDomain

/// Ctrl-X C: the last reply, cut by its token limit, stopped or interrupted, goes on
/// where it ended. Moonshot's Partial Mode (moonshot-api.md §1.4): the reply so far is
/// sent as the last assistant message with `partial: true`, the model continues it
/// without repeating it, and the continuation is appended to the same message.
func continueReply(_ state: inout AppState) -> [AppEffect] {
    if state.isStreaming {
        state.statusNote = "A reply is still streaming: wait, or press Esc to stop it."
        return []
    }
    guard let index = state.messages.lastIndex(where: { $0.kind == .assistant }),
          state.messages[index].node == state.tree.leaf else {
        state.statusNote = "No reply to continue: Ctrl-X C continues the last reply."
        return []
    }
    let reply = state.messages[index]
    guard reply.isContinuable else {
        state.statusNote = "The last reply is whole: Ctrl-X C continues one cut by max tokens, stopped or interrupted."
        return []
    }
    guard !reply.text.isEmpty else {
        state.statusNote = "The last reply has no text to continue (only thinking): Ctrl-R asks again."
        return []
    }
    guard state.settings.hasAPIKey else {
        state.appendMessage(kind: .error, text: ChatError.missingKey.userMessage)
        return []
    }
    if let reason = state.settings.sendingOffReason {
        state.appendMessage(kind: .error, text: reason)
        return []
    }
    guard let questionIndex = state.messages[..<index].lastIndex(where: { $0.kind == .user }) else { return [] }
    let question = state.messages[questionIndex]
    let model = state.currentModel
    // A reply that searched goes on as it was asked: with search declared and thinking off,
    // which its search turns need (a thinking request refuses them, moonshot-api.md §9.7).
    var planned = state.requestPipeline.request(
        for: question.text, attachments: question.attachments, searches: reply.searches,
        after: state.messages[..<questionIndex], model: model, estimate: state.tokenEstimate,
        webSearch: !reply.searches.isEmpty, continuing: reply.text)
    if !reply.searches.isEmpty, WebSearchAvailability(model) == .alwaysThinks {
        // The model now always thinks: its own searches cannot go back to it.
        planned = state.requestPipeline.request(
            for: question.text, attachments: question.attachments, after: state.messages[..<questionIndex],
            model: model, estimate: state.tokenEstimate, continuing: reply.text)
    }
    let requestID = state.nextRequestID
    state.nextRequestID += 1
    state.editMessage(id: reply.id) {
        $0.status = .streaming
        $0.finishReason = nil
    }
    var active = ActiveReply(requestID: requestID, messageID: reply.id)
    active.usageBefore = reply.usage
    active.webSearch = planned.request.webSearch
    active.estimatedPromptTokens = planned.estimatedRaw
    active.roundsSent = planned.roundsSent
    active.questionID = question.id
    state.activeReply = active
    state.statusNote = nil
    state.scroll = .following
    return state.save(messageID: reply.id) + [.startReply(requestID, planned.request)]
}

extension TranscriptMessage {
    /// A reply that ended before its end: by its token limit, or stopped, or cut off.
    var isContinuable: Bool {
        kind == .assistant && (finishReason == .length || status == .stopped || status == .interrupted)
    }
}
