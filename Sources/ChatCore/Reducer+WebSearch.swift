import ChatDomain

/// Kimi's built-in web search: Alt-W turns it on for the conversation; a reply that
/// calls `$web_search` gets the call's arguments back unchanged and is asked again, and
/// Moonshot searches and answers (moonshot-api.md §5.6).

/// Alt-W.
func toggleWebSearch(_ state: inout AppState) {
    let model = state.currentModel
    if !state.conversation.webSearch, WebSearchAvailability(model) == .alwaysThinks {
        state.statusNote = "Web search is not available: " + WebSearchAvailability.unavailableReason(model) + "."
        return
    }
    state.conversation.webSearch.toggle()
    state.statusNote = state.conversation.webSearch
        ? "Web search on for this conversation: Kimi searches when a question needs it (each search costs)."
        : "Web search off for this conversation."
}

/// The reply ended asking for tools. For `$web_search` (declared, and within the limit)
/// the reply keeps its message: the call becomes one of its searches and the question is
/// asked again with it. Anything else ends the reply with a word on what was asked;
/// nothing is ever run. Nil when the reply simply ends.
func continueAfterToolCalls(_ state: inout AppState, _ reply: ActiveReply) -> [AppEffect]? {
    guard let message = state.message(withID: reply.messageID) else { return nil }
    let calls = reply.toolCalls.calls
    let unknown = calls.filter { $0.name != WebSearch.toolName || !reply.webSearch }
    if !unknown.isEmpty {
        let names = unknown.map { $0.name.isEmpty ? "a tool without a name" : $0.name }.joined(separator: ", ")
        state.appendMessage(kind: .error, text: "The model asked for a tool kimichat does not have (\(names)); "
            + "nothing was run.")
        return nil
    }
    guard message.searches.count < WebSearch.roundLimit else {
        state.appendMessage(kind: .error, text: "The model asked to search the web \(WebSearch.roundLimit + 1) "
            + "times in one reply; kimichat stopped there. Ctrl-R asks again.")
        return nil
    }
    guard let questionIndex = state.messages.firstIndex(where: { $0.id == reply.questionID }) else { return nil }
    state.editMessage(id: reply.messageID) {
        $0.searches.append(SearchRound(text: $0.text, reasoning: $0.reasoning, calls: calls))
        $0.text = ""
        $0.reasoning = ""
        $0.finishReason = nil
    }
    let question = state.messages[questionIndex]
    let searches = state.message(withID: reply.messageID)?.searches ?? []
    let planned = state.requestPipeline.request(
        for: question.text, attachments: question.attachments, searches: searches,
        after: state.messages[..<questionIndex], model: state.currentModel, estimate: state.tokenEstimate,
        roundsAtMost: reply.roundsAtMost, webSearch: true)
    let requestID = state.nextRequestID
    state.nextRequestID += 1
    var next = reply
    next.requestID = requestID
    next.toolCalls = ToolCallAssembly()
    next.hasCalibrated = false
    next.estimatedPromptTokens = planned.estimatedRaw
    next.unreadableEvents = 0
    next.firstUnreadable = nil
    state.activeReply = next
    return state.save(messageID: reply.messageID) + [.startReply(requestID, planned.request)]
}
