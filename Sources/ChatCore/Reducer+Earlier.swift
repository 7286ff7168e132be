import ChatDomain

/// A long conversation read a window at a time: earlier pages as the view nears the
/// top, and as a request's history needs them.
extension AppState {
    /// Messages a conversation opens with when it has more: enough for any first frame
    /// (a message takes at least two rows) and some scrolling; earlier ones are read as
    /// needed, starting with the history page just after the first frame. Each message
    /// more is 15 µs before that frame (docs/performance.md).
    public static let openingWindow = 100
}

/// A long conversation just opened: the page of earlier messages a request's history
/// may take is read now, while the user reads and types, so that Enter finds it read.
func readHistoryAhead(_ state: inout AppState) -> [AppEffect] {
    readEarlier(&state, count: EarlierMessages.historyPage)
}

/// Scrolled near the top of a window: the next page of earlier messages.
func readEarlierIfNearTheTop(_ state: inout AppState) -> [AppEffect] {
    guard case let .pinned(anchor) = state.scroll, state.hasEarlierOnBranch,
          let index = state.messageIndex(atOrAfter: anchor.messageID), index < EarlierMessages.nearTheTop
    else { return [] }
    return readEarlier(&state, count: EarlierMessages.pageSize)
}

/// Asks for `count` more messages above the window, unless a page is on its way.
func readEarlier(_ state: inout AppState, count: Int) -> [AppEffect] {
    guard let earlier = state.earlier, !earlier.isLoading, state.hasEarlierOnBranch, let id = state.conversation.id
    else { return [] }
    state.earlier?.isLoading = true
    state.placeEarlierMarker()
    return [.loadEarlierMessages(id, above: earlier.oldestRow, count: count)]
}

/// A read of earlier messages failed (or a storage call did while one was on its way):
/// no more are read this time, and a waiting request goes with the history read.
func giveUpEarlierIfReading(_ state: inout AppState) -> [AppEffect] {
    guard state.earlier?.isLoading == true else { return [] }
    let waiting = state.earlier?.waitingReply
    state.earlier?.waitingReply = nil
    state.earlier?.isLoading = false
    state.earlier?.parentOfOldest = nil
    state.placeEarlierMarker()
    forgetAwaitedHit(&state)
    return resume(waiting, &state)
}

private func resume(_ waiting: WaitingReply?, _ state: inout AppState) -> [AppEffect] {
    guard let waiting, !state.isStreaming,
          let index = state.messages.firstIndex(where: { $0.id == waiting.questionID }) else { return [] }
    return requestReply(&state, questionAt: index, roundsAtMost: waiting.roundsAtMost, replyRow: waiting.replyRow,
                        searches: waiting.searches)
}

func reduceEarlierMessagesLoaded(_ state: inout AppState, _ conversation: ConversationID, above: StoredMessageID,
                                 _ messages: [StoredMessage], _ window: LoadedWindow?) -> [AppEffect] {
    guard state.conversation.id == conversation, state.earlier?.oldestRow == above else { return [] }
    let waiting = state.earlier?.waitingReply
    state.earlier?.waitingReply = nil
    state.prependEarlier(messages, window: window)
    return resume(waiting, &state) + showAwaitedHit(&state)
}

/// A request whose history took every message read while the branch goes on above:
/// earlier ones may fit too, so they are read first and the request waits for them.
func waitsForEarlierHistory(_ state: inout AppState, _ planned: PlannedRequest, question: TranscriptMessage,
                            roundsAtMost: Int?, replyRow: StoredMessageID?, searches: [SearchRound]) -> [AppEffect]? {
    guard planned.omitted == 0, state.hasEarlierOnBranch, state.earlier?.waitingReply == nil else { return nil }
    let effects = readEarlier(&state, count: EarlierMessages.historyPage)
    guard !effects.isEmpty || state.earlier?.isLoading == true else { return nil }
    state.earlier?.waitingReply = WaitingReply(questionID: question.id, roundsAtMost: roundsAtMost, replyRow: replyRow,
                                               searches: searches)
    state.statusNote = "Reading earlier messages for the history…"
    return effects
}
