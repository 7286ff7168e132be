import ChatDomain
import Foundation
import ScreenKit

/// Files for the next message: Alt-A's path prompt, the tray of chips above the input,
/// a pasted path offered for attaching, and what the runtime reports as each file is
/// read, uploaded and extracted.

/// Alt-A.
func openPathPrompt(_ state: inout AppState) {
    state.pathPrompt = PathPrompt()
    state.statusNote = nil
}

func reducePathPromptKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    guard var prompt = state.pathPrompt else { return [] }
    if key == .pasteBegin || key == .pasteEnd {
        state.isPasting = key == .pasteBegin
        return []
    }
    if case let .character(character) = key {
        prompt.field.insert(String(character))
        prompt.completions = []
        // A Tab's answer still on its way would undo this.
        prompt.completionRequest += 1
        state.pathPrompt = prompt
        return []
    }
    switch state.settings.overlayKeys.attach.command(for: key) {
    case .attach:
        if state.isPasting { return [] }
        state.pathPrompt = nil
        let path = prompt.field.text.trimmingCharacters(in: .whitespaces)
        return path.isEmpty ? [] : attach(&state, path: path)
    case .cancel:
        state.pathPrompt = nil
        state.statusNote = "Nothing attached."
    case .complete:
        prompt.completionRequest += 1
        state.pathPrompt = prompt
        return [.completePath(request: prompt.completionRequest, prompt.field.text)]
    case let .edit(edit):
        edit.apply(to: &prompt.field)
        prompt.completions = []
        prompt.completionRequest += 1
        state.pathPrompt = prompt
    case nil:
        break
    }
    return []
}

/// Typed or pasted text goes into the path, on one line.
func reducePathPromptText(_ state: inout AppState, _ text: String) {
    let line = text.replacingOccurrences(of: "\r", with: "").replacingOccurrences(of: "\n", with: "")
    state.pathPrompt?.field.insert(line)
    state.pathPrompt?.completions = []
    state.pathPrompt?.completionRequest += 1
}

func reducePathCompleted(_ state: inout AppState, request: Int, path: String, choices: [String]) {
    guard var prompt = state.pathPrompt, prompt.completionRequest == request else { return }
    if path != prompt.field.text { prompt.field = InputBuffer(path) }
    prompt.completions = choices
    state.pathPrompt = prompt
    if choices.isEmpty, path == prompt.field.text { state.statusNote = nil }
}

/// Adds `path` to the tray and asks the runtime to read it.
func attach(_ state: inout AppState, path: String) -> [AppEffect] {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    let id = state.takeAttachmentID()
    state.tray.add(id: id, path: path, name: name)
    state.statusNote = nil
    return [.prepareAttachment(id: id, path: path)]
}

extension AppState {
    mutating func takeAttachmentID() -> Int {
        defer { nextAttachmentID += 1 }
        return nextAttachmentID
    }

    /// A question's attachments as the tray's chips, ready (Alt-E).
    mutating func putInTray(_ attachments: [Attachment]) {
        tray = AttachmentTray()
        for attachment in attachments {
            tray.add(id: takeAttachmentID(), path: attachment.name, name: attachment.name, phase: .ready(attachment))
        }
    }

    /// Changes the file `id` wherever it waits: in the tray, or in the draft's tray parked
    /// while a question is edited. False when it is in neither (removed meanwhile).
    mutating func updateAttachment(_ id: Int, _ change: (inout PendingAttachment) -> Void) -> Bool {
        if tray.contains(id) {
            tray.update(id, change)
            return true
        }
        guard var edit = editing, edit.draftTray.contains(id) else { return false }
        edit.draftTray.update(id, change)
        editing = edit
        return true
    }
}

func reduceAttachmentProgressed(_ state: inout AppState, id: Int, _ progress: AttachmentProgress) {
    _ = state.updateAttachment(id) { item in
        guard case .ready = item.phase else {
            item.phase = progress == .uploading ? .uploading : .extracting
            return
        }
    }
}

func reduceAttachmentPrepared(_ state: inout AppState, id: Int, _ attachment: Attachment) -> [AppEffect] {
    let inTray = state.tray.contains(id)
    guard state.updateAttachment(id, { $0.phase = .ready(attachment) }), inTray else { return [] }
    if attachment.isImage, !state.currentModel.vision {
        state.statusNote = noVisionAdvice(state.currentModel)
        state.sendsWhenAttached = false
        return []
    }
    guard state.sendsWhenAttached, state.tray.ready != nil else { return [] }
    state.sendsWhenAttached = false
    return sendMessage(&state)
}

/// The file stays out; the draft and the other attachments stay in.
func reduceAttachmentFailed(_ state: inout AppState, id: Int, _ reason: String) {
    if state.tray.remove(id) == nil {
        guard var edit = state.editing, edit.draftTray.remove(id) != nil else { return }
        state.editing = edit
    }
    var text = reason
    if state.sendsWhenAttached {
        state.sendsWhenAttached = false
        text += " Your message was not sent: it is still in the input."
    }
    state.appendMessage(kind: .error, text: text)
    state.scroll = .following
}

func noVisionAdvice(_ model: ModelInfo) -> String {
    "\(model.id) does not take images: press Ctrl-T for a model that does, or remove the image "
        + "(Backspace at the start of the input, twice)."
}

/// Backspace at the very start of the input: the first selects the last chip, the
/// second removes it, so holding Backspace to clear the draft does not drop a file.
/// Nil when the key is the input's to handle.
func reduceTrayBackspace(_ state: inout AppState) -> [AppEffect]? {
    guard !state.tray.isEmpty, state.input.cursor == 0 else {
        state.tray.selected = nil
        return nil
    }
    if let selected = state.tray.selected, selected < state.tray.items.count {
        let item = state.tray.items[selected]
        state.tray.remove(item.id)
        state.statusNote = "Removed \(item.name)."
        return []
    }
    state.tray.selected = state.tray.items.count - 1
    state.statusNote = "Backspace again removes \(state.tray.items[state.tray.items.count - 1].name); "
        + "Left picks another."
    return []
}

/// Left at the start of the input while a chip is selected picks the one before.
func reduceTrayLeft(_ state: inout AppState) -> Bool {
    guard let selected = state.tray.selected else { return false }
    state.tray.selected = max(0, selected - 1)
    state.statusNote = "Backspace removes \(state.tray.items[state.tray.selected ?? 0].name)."
    return true
}

/// The end of a bracketed paste: a paste that reads as a path is checked for a file.
func reducePasteEnded(_ state: inout AppState) -> [AppEffect] {
    defer { state.pastedText = nil }
    guard let pasted = state.pastedText, let path = PastedPath.candidate(pasted) else { return [] }
    return [.checkPastedPath(path: path, pasted: pasted)]
}

func reducePastedFileFound(_ state: inout AppState, path: String, pasted: String) {
    guard state.input.text.contains(pasted), state.overlay == nil, state.pathPrompt == nil else { return }
    state.attachOffer = AttachOffer(path: path, pasted: pasted)
    let name = path.split(separator: "/").last.map(String.init) ?? path
    state.statusNote = "That is a file: Enter attaches \(name) · any other key keeps the text"
}

/// The key after a paste offered to attach a file: Enter attaches it (and takes the
/// pasted text back out); any other key keeps the text and does what it does.
func reduceAttachOfferKey(_ state: inout AppState, _ key: Key) -> [AppEffect]? {
    guard let offer = state.attachOffer else { return nil }
    state.attachOffer = nil
    state.statusNote = nil
    guard key == .enter else { return nil }
    var text = state.input.text
    if let range = text.range(of: offer.pasted, options: .backwards) {
        text.removeSubrange(range)
        state.input = InputBuffer(text)
    }
    return attach(&state, path: offer.path)
}
