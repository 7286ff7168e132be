import ChatDomain
import ScreenKit

func reduceKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    if key != .ctrl("c") { disarmQuit(&state) }
    if key != .alt("c") { state.codeBlockCopy = nil }
    if key == .pasteBegin {
        state.isPasting = true
        state.awaitsChordKey = false
        state.attachOffer = nil
        state.pastedText = ""
        return []
    }
    if key == .pasteEnd {
        state.isPasting = false
        return reducePasteEnded(&state)
    }
    if state.isPasting {
        // A pasted newline never sends; tmux delivers pasted LF as CR (Enter).
        switch key {
        case .enter, .ctrl("j"): return pasted("\n", into: &state)
        case let .character(character): return pasted(String(character), into: &state)
        case .tab: return pasted("\t", into: &state)
        default:
            // Not something a paste contains: the end marker was lost (split over a slow
            // link). Leave paste mode so Esc, Ctrl-C and Ctrl-Q keep working.
            state.isPasting = false
        }
    }
    if let effects = reduceAttachOfferKey(&state, key) { return effects }
    if key == .backspace || key == .ctrl("h"), let effects = reduceTrayBackspace(&state) { return effects }
    if key == .left || key == .ctrl("b"), reduceTrayLeft(&state) { return [] }
    state.tray.selected = nil
    if state.awaitsChordKey {
        state.awaitsChordKey = false
        state.statusNote = nil
        switch state.settings.keys.chordCommand(for: key) {
        case .openEditor: return [.editExternally(state.input.text)]
        case .fork: return forkBranch(&state)
        case .openOutline: return openOutline(&state)
        case .find: return openFind(&state)
        case .continueReply: return continueReply(&state)
        case nil: break
        }
    }
    if case let .character(character) = key {
        state.statusNote = nil
        state.input.insert(String(character))
        return []
    }
    if key == .tab {
        state.input.insert("\t")
        return []
    }
    guard let command = state.settings.keys.command(for: key) else { return [] }
    return perform(command, on: &state)
}

private func pasted(_ text: String, into state: inout AppState) -> [AppEffect] {
    state.pastedText? += text
    state.input.insert(text)
    return []
}

private func perform(_ command: Command, on state: inout AppState) -> [AppEffect] {
    switch command {
    case .send:
        return send(&state)
    case .insertNewline:
        state.input.insert("\n")
    case .stopOrClose:
        if let reply = state.activeReply { return stopReply(&state, reply, status: .stopped) }
        if state.sendsWhenAttached {
            state.sendsWhenAttached = false
            state.statusNote = "Not sent: the message waits in the input."
            return []
        }
        cancelEdit(&state)
    case .interrupt:
        if let reply = state.activeReply { return stopReply(&state, reply, status: .stopped) }
        if state.editing != nil {
            cancelEdit(&state)
        } else if !state.input.isEmpty {
            state.input.clear()
        } else if state.quitArmed {
            return quit(&state)
        } else {
            state.quitArmed = true
            state.statusNote = "Press Ctrl-C again to quit."
        }
    case .quit:
        return quit(&state)
    case .quitIfInputEmptyElseDeleteForward:
        if state.input.isEmpty { return quit(&state) }
        state.input.deleteForward()
    case .scrollPageUp: return [.scrollTranscript(.pages(-1))]
    case .scrollPageDown: return [.scrollTranscript(.pages(1))]
    case .scrollLineUp: return [.scrollTranscript(.lines(-1))]
    case .scrollLineDown: return [.scrollTranscript(.lines(1))]
    case .previousMessage: return [.scrollTranscript(.messages(-1))]
    case .nextMessage: return [.scrollTranscript(.messages(1))]
    case .topOrLineStart:
        if state.input.isEmpty { return [.scrollTranscript(.top)] }
        state.input.moveToLineStart()
    case .bottomOrLineEnd:
        if state.input.isEmpty { state.scroll = .following } else { state.input.moveToLineEnd() }
    case .moveLeft: state.input.moveLeft()
    case .moveRight: state.input.moveRight()
    case .moveUp: if !moveByRow(&state, -1) { recallEarlierInput(&state) }
    case .moveDown: if !moveByRow(&state, 1) { recallLaterInput(&state) }
    case .moveLineStart: state.input.moveToLineStart()
    case .moveLineEnd: state.input.moveToLineEnd()
    case .moveWordBackward: state.input.moveWordBackward()
    case .moveWordForward: state.input.moveWordForward()
    case .deleteBackward: state.input.deleteBackward()
    case .deleteForward: state.input.deleteForward()
    case .killToLineEnd: state.input.killToLineEnd()
    case .killToLineStart: state.input.killToLineStart()
    case .killWordBackward: state.input.killWordBackward()
    case .killWordForward: state.input.killWordForward()
    case .yank: state.input.yank()
    case .newConversation: return chooseNewConversation(&state)
    case .openConversationList: return openConversationList(&state)
    case .openModelPicker: return openModelPicker(&state)
    case .toggleThinking: toggleThinking(&state)
    case .openHelp:
        return openHelp(&state)
    case .copyMessage: return copyMessage(&state)
    case .copyCodeBlock: return copyCodeBlock(&state)
    case .regenerate: return regenerate(&state)
    case .beginChord:
        state.awaitsChordKey = true
        state.statusNote = state.settings.keys.chordPrompt
    case .editQuestion: return beginEdit(&state)
    case .previousVersion: return flipVersion(&state, by: -1)
    case .nextVersion: return flipVersion(&state, by: 1)
    case .attachFile: openPathPrompt(&state)
    case .openSettings: openSettings(&state)
    case .suspend: return [.suspend]
    case .find: return openFind(&state)
    case .toggleWebSearch:
        toggleWebSearch(&state)
        return [.setConversationWebSearch(state.conversation)]
    }
    return []
}

/// Any key but a second Ctrl-C cancels a pending quit, and its warning.
func disarmQuit(_ state: inout AppState) {
    guard state.quitArmed else { return }
    state.quitArmed = false
    state.statusNote = nil
}

/// Sends the typed message: it joins the transcript first, so it is never lost,
/// then an empty assistant reply is opened and the request is asked for.
private func send(_ state: inout AppState) -> [AppEffect] {
    guard !state.input.isBlank else {
        if !state.tray.isEmpty { state.statusNote = "Type a message to go with the attachments." }
        return []
    }
    if state.isStreaming {
        state.statusNote = "A reply is still streaming: wait, or press Esc to stop it."
        return []
    }
    if let waiting = state.tray.pending {
        state.sendsWhenAttached = true
        state.statusNote = "Sending once \(waiting.name) is ready… (Esc: not yet)"
        return []
    }
    return sendMessage(&state)
}

/// The message and the tray's attachments, once all are ready.
func sendMessage(_ state: inout AppState) -> [AppEffect] {
    guard !state.input.isBlank else { return [] }
    if state.isStreaming {
        state.statusNote = "A reply is still streaming: wait, or press Esc to stop it."
        return []
    }
    if state.earlier?.waitingReply != nil {
        state.statusNote = "Still reading earlier messages for the last question's history."
        return []
    }
    // A question that could not be saved is not sent; it stays in the input.
    if let reason = state.settings.sendingOffReason {
        state.appendMessage(kind: .error, text: reason)
        state.scroll = .following
        return []
    }
    if state.conversation.deletedElsewhere {
        state.startNewConversation()
        state.appendMessage(kind: .notice, text: "A new conversation: the one open before was deleted in another "
            + "window.")
    }
    let attachments = state.tray.ready ?? []
    if attachments.contains(where: \.isImage), !state.currentModel.vision {
        state.statusNote = noVisionAdvice(state.currentModel)
        return []
    }
    let bodyBytes = attachments.reduce(state.input.text.utf8.count) { total, attachment in
        total + (attachment.isImage ? RequestLimits.bodyBytes(ofImage: attachment.byteCount)
            : (attachment.documentText?.utf8.count ?? 0))
    }
    if bodyBytes > RequestLimits.bodyBytes {
        state.statusNote = "The message and its attachments come to \(ByteCount.text(bodyBytes)) as sent, over the "
            + "\(ByteCount.text(RequestLimits.bodyBytes)) the API takes in one request: remove an attachment."
        return []
    }
    let text = state.input.text
    state.input.clear()
    state.tray.removeAll()
    state.inputRecall = nil
    state.statusNote = nil
    state.scroll = .following
    state.highlight = nil
    if state.conversation.title == nil { state.conversation.title = ConversationTitle.derived(from: text) }
    // An edited question goes beside the one it rewrites: the branch is cut back to
    // their parent first, and what was below waits as the old version.
    if let edit = state.editing, let parent = state.tree.parent(of: edit.node) {
        state.showBranch(endingAt: parent)
        // What was typed before Alt-E comes back, for the next message.
        state.input = edit.draft
        state.tray = edit.draftTray
    }
    state.editing = nil
    let questionIndex = state.messages.count
    let userID = state.appendMessage(kind: .user, text: text)
    if !attachments.isEmpty { state.editMessage(id: userID) { $0.attachments = attachments } }
    state.overflowRetryRounds = nil
    return state.save(messageID: userID) + requestReply(&state, questionAt: questionIndex)
}

/// Opens an empty assistant reply at the end of the transcript and asks for it; the
/// question is the transcript's message at `questionIndex`, and the messages before it
/// are the conversation before it. `replyRow` is the row the reply was already saved
/// as, when it was.
func requestReply(_ state: inout AppState, questionAt questionIndex: Int, roundsAtMost: Int? = nil,
                  replyRow: StoredMessageID? = nil, searches: [SearchRound] = []) -> [AppEffect] {
    guard state.settings.hasAPIKey else {
        state.appendMessage(kind: .error, text: ChatError.missingKey.userMessage)
        return []
    }
    // Nothing is sent that could not be saved: the question would be lost on quitting.
    if let reason = state.settings.sendingOffReason {
        state.appendMessage(kind: .error, text: reason)
        return []
    }
    let model = state.currentModel
    let question = state.messages[questionIndex]
    let reach = HistoryReach.suffix(state.messages[..<questionIndex], contextLength: model.contextLength,
                                    calibration: state.tokenEstimate.calibration)
    var planned = state.requestPipeline.request(
        for: question.text, attachments: question.attachments, searches: searches,
        after: reach.messages, model: model,
        estimate: state.tokenEstimate, roundsAtMost: roundsAtMost, webSearch: state.conversation.webSearch)
    planned.omitted += reach.leftOutTurns
    if let waiting = waitsForEarlierHistory(&state, planned, question: question, roundsAtMost: roundsAtMost,
                                            replyRow: replyRow, searches: searches) {
        return waiting
    }
    let requestID = state.nextRequestID
    state.nextRequestID += 1
    let messageID = state.appendMessage(kind: .assistant, text: "", status: .streaming, model: model.id)
    state.editMessage(id: messageID) {
        $0.omittedHistory = planned.omitted
        $0.storedID = replyRow
        $0.searches = searches
    }
    var reply = ActiveReply(requestID: requestID, messageID: messageID)
    reply.estimatedPromptTokens = planned.estimatedRaw
    reply.roundsSent = planned.roundsSent
    reply.questionID = question.id
    reply.webSearch = planned.request.webSearch
    reply.roundsAtMost = roundsAtMost
    state.activeReply = reply
    return state.save(messageID: messageID) + [.startReply(requestID, planned.request)]
}

/// Up and Down move by the rows the input is drawn in, a long line's too; false on the
/// first or last row, where they recall earlier messages instead.
private func moveByRow(_ state: inout AppState, _ delta: Int) -> Bool {
    guard let columns = state.inputColumns else { return delta < 0 ? state.input.moveUp() : state.input.moveDown() }
    let wrap = InputWrap(state.input, width: columns)
    let target = wrap.cursorRow + delta
    guard wrap.rows.indices.contains(target) else { return false }
    state.input.moveCursor(to: wrap.index(row: target, column: wrap.cursorColumn, in: state.input))
    return true
}
