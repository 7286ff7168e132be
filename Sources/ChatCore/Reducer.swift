import ChatDomain
import ScreenKit

/// The whole app's logic: applies an action to the state and says which effects to run.
/// Pure: no clock, no I/O; everything it needs arrives in the action.
public func reduce(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
    let before = TranscriptExtent(state)
    let effects = reduceAction(&state, action)
    if case .pinned = state.scroll {
        let after = TranscriptExtent(state)
        if after.conversation != before.conversation {
            state.hasNewOutputBelow = false
        } else if after.hasGrown(since: before, in: state.messages) {
            state.hasNewOutputBelow = true
        }
    } else {
        state.hasNewOutputBelow = false
    }
    return effects
}

/// How far the transcript reaches, cheaply (UTF-8 counts, which native strings keep): to
/// tell output that arrived from a branch flipped or a conversation opened.
private struct TranscriptExtent {
    /// The open conversation's key in this run (its database id changes at the first save).
    var conversation: Int
    var count: Int
    var lastID: Int?
    var lastLength: Int

    init(_ state: AppState) {
        conversation = state.conversation.key
        count = state.messages.count
        lastID = state.messages.last?.id
        lastLength = (state.messages.last).map { $0.text.utf8.count + $0.reasoning.utf8.count } ?? 0
    }

    /// Output arrived: messages after the old last one (still in its place), the last one
    /// longer, or a notice or an error where an empty reply was. A branch flipped shows
    /// other messages in those places, which is not new output.
    func hasGrown(since earlier: TranscriptExtent, in messages: [TranscriptMessage]) -> Bool {
        if count > earlier.count {
            return earlier.count == 0 || messages[earlier.count - 1].id == earlier.lastID
        }
        guard count == earlier.count, let last = messages.last else { return false }
        if last.id == earlier.lastID { return lastLength > earlier.lastLength }
        return last.kind == .error || last.kind == .notice
    }
}

private func reduceAction(_ state: inout AppState, _ action: AppAction) -> [AppEffect] {
    switch action {
    case let .keyPressed(key):
        // F1 works everywhere: in an overlay or Alt-A's prompt, their keys come first.
        if key == .function(1), state.overlay != nil || state.pathPrompt != nil || state.find != nil {
            if case .help = state.overlay {} else { return openHelp(&state) }
        }
        // Like F1, suspending works over any overlay: the shell's job control is global.
        if state.overlay != nil || state.pathPrompt != nil || state.find != nil,
           state.settings.keys.command(for: key) == .suspend {
            return [.suspend]
        }
        switch state.overlay {
        case .conversations: return reduceListKey(&state, key)
        case .models: return reducePickerKey(&state, key)
        case .outline: return reduceOutlineKey(&state, key)
        case let .help(first): return reduceHelpKey(&state, key, firstEntry: first)
        case .settings: return reduceSettingsKey(&state, key)
        case .presets: return reducePresetChooserKey(&state, key)
        case nil:
            if state.pathPrompt != nil { return reducePathPromptKey(&state, key) }
            if state.find != nil { return reduceFindKey(&state, key) }
            return reduceKey(&state, key)
        }
    case let .textEntered(text):
        // Typed letters come as text: the first after Ctrl-X completes the chord (F, T),
        // and the rest goes where it would have gone as keys. Pasted text is only text.
        if state.awaitsChordKey, state.overlay == nil, !state.isPasting, let letter = text.first {
            let effects = reduceKey(&state, .character(letter))
            let rest = text.dropFirst()
            return rest.isEmpty ? effects : effects + reduce(&state, .textEntered(String(rest)))
        }
        disarmQuit(&state)
        state.awaitsChordKey = false
        switch state.overlay {
        case .conversations: return reduceListText(&state, text)
        case .models: return reducePickerText(&state, text)
        case .outline: return reduceOutlineText(&state, text)
        case .help, .presets: return []
        case .settings:
            reduceSettingsText(&state, text)
            return []
        case nil:
            if state.pathPrompt != nil {
                reducePathPromptText(&state, text)
                return []
            }
            if state.find != nil { return reduceFindText(&state, text) }
            if state.isPasting { state.pastedText? += text } else if let effects = reduceAttachOfferKey(&state, .character(" ")) {
                return effects
            }
            state.tray.selected = nil
            state.input.insert(text)
            return []
        }
    case let .streamEvent(requestID, event):
        return reduceStreamEvent(&state, requestID, event)
    case let .streamEvents(requestID, events):
        return events.flatMap { reduceStreamEvent(&state, requestID, $0) }
    case let .streamEnded(requestID):
        return reduceStreamEnded(&state, requestID)
    case let .streamFailed(requestID, error):
        return reduceStreamFailed(&state, requestID, error)
    case let .transcriptScrolled(scroll):
        state.scroll = scroll
        return readEarlierIfNearTheTop(&state)
    case let .earlierMessagesLoaded(conversation, above, messages, window):
        return reduceEarlierMessagesLoaded(&state, conversation, above: above, messages, window)
    case let .inputColumnsMeasured(columns):
        state.inputColumns = columns
        return []
    case let .overlayRowsMeasured(rows):
        return reduceOverlayRowsMeasured(&state, rows)
    case .tick:
        return reduceTick(&state)
    case let .attachmentProgressed(id, progress):
        reduceAttachmentProgressed(&state, id: id, progress)
        return []
    case let .attachmentPrepared(id, attachment):
        return reduceAttachmentPrepared(&state, id: id, attachment)
    case let .attachmentFailed(id, reason):
        reduceAttachmentFailed(&state, id: id, reason)
        return []
    case let .pathCompleted(request, path, choices):
        reducePathCompleted(&state, request: request, path: path, choices: choices)
        return []
    case let .pastedFileFound(path, pasted):
        reducePastedFileFound(&state, path: path, pasted: pasted)
        return []
    case let .balanceRead(reading):
        reduceBalanceRead(&state, reading)
        return []
    case let .messageStored(key, localID, row, date):
        return reduceMessageStored(&state, conversationKey: key, localID: localID, row: row, at: date)
    case let .conversationForked(saved):
        return reduceConversationForked(&state, saved)
    case let .conversationSaved(key, summary):
        return reduceConversationSaved(&state, key: key, summary)
    case let .conversationsFound(search, matches, readAt):
        return state.withOverlayBehindHelp { reduceConversationsFound(&$0, search: search, matches, readAt: readAt) }
    case let .conversationLoaded(saved, focus, words):
        return reduceConversationLoaded(&state, saved, focus: focus, words: words)
    case let .conversationChangedElsewhere(saved, change):
        return reduceConversationChangedElsewhere(&state, saved, change: change)
    case let .conversationDeletedElsewhere(id):
        return reduceConversationDeletedElsewhere(&state, id)
    case let .historyChangedBeforeSending(requestID, history):
        return reduceHistoryChangedBeforeSending(&state, requestID, history)
    case let .storageFailed(reason):
        state.statusNote = reason
        return giveUpEarlierIfReading(&state)
    case let .externalEditFinished(.success(text)):
        // Editors end files with a newline; it is not part of the message.
        var edited = text
        while edited.hasSuffix("\n") { edited.removeLast() }
        state.statusNote = nil
        // The system prompt typed in Alt-S went to the editor, and comes back there.
        if case var .settings(editor) = state.overlay, editor.editing == .systemPrompt {
            editor.field = InputBuffer(edited)
            state.overlay = .settings(editor)
            return []
        }
        state.input = InputBuffer(edited)
        return []
    case let .externalEditFinished(.failure(failure)):
        state.statusNote = failure.reason
        return []
    case let .modelsListed(models, note):
        return state.withOverlayBehindHelp { reduceModelsListed(&$0, models, note: note) }
    case let .foundInConversation(search, found):
        return reduceFound(&state, search: search, found)
    case .firstFrameDrawn:
        return readHistoryAhead(&state)
    case .terminationRequested:
        return quit(&state)
    case let .clipboardUnavailable(reason):
        clipboardUnavailable(&state, reason)
        return []
    }
}

func quit(_ state: inout AppState) -> [AppEffect] {
    var effects: [AppEffect] = []
    if let reply = state.activeReply {
        effects += stopReply(&state, reply, status: .stopped)
    }
    state.isQuitting = true
    return effects + [.quit]
}
