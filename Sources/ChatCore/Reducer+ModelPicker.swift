import ChatDomain
import ScreenKit

/// Ctrl-T: the picker opens at once on the lineup known now, and asks for a fresh one.
func openModelPicker(_ state: inout AppState) -> [AppEffect] {
    state.overlay = .models(ModelPicker(models: state.models, current: state.conversation.model,
                                        note: state.modelsNote ?? "Asking the endpoint for its models…"))
    return [.fetchModels]
}

func reduceModelsListed(_ state: inout AppState, _ models: [ModelInfo], note: String?) -> [AppEffect] {
    state.models = models
    state.modelsNote = note
    let current = state.conversation.model
    state.withModelPicker { picker in
        let selected = picker.selected?.id ?? current
        picker.note = note
        picker.knowsOffered = models.contains(where: \.isOffered)
        rankModels(&picker, models, keeping: selected)
    }
    return []
}

/// Keys while the picker is open: letters filter, the table does the rest. The picker
/// is changed where it lives (`withModelPicker`).
func reducePickerKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    if case let .character(character) = key { return editFilter(&state) { $0.insert(String(character)) } }
    guard let command = state.settings.overlayKeys.picker.command(for: key) else { return [] }
    switch command {
    case .choose:
        let selected = state.modelPicker?.selected
        return choose(&state, selected)
    case .close: state.overlay = nil
    case let .move(move):
        let page = OverlayPage.entryRows(overlayRows: state.overlayRows)
        state.withModelPicker { $0.move(move, page: page) }
    case let .filter(edit):
        guard edit.changesText else {
            state.withModelPicker { edit.apply(to: &$0.filter) }
            return []
        }
        return editFilter(&state, edit.apply)
    case .quit: return quit(&state)
    }
    return []
}

func reducePickerText(_ state: inout AppState, _ text: String) -> [AppEffect] {
    editFilter(&state) { $0.insert(text.replacingNewlines()) }
}

/// Changes the filter and ranks the lineup by it again.
private func editFilter(_ state: inout AppState, _ edit: (inout InputBuffer) -> Void) -> [AppEffect] {
    let models = state.models
    state.withModelPicker { picker in
        edit(&picker.filter)
        picker.forgetWarning()
        rankModels(&picker, models, keeping: nil)
    }
    return []
}

/// Re-filters the lineup; the selection stays on `keeping` when it is still shown,
/// else goes to the best match.
private func rankModels(_ picker: inout ModelPicker, _ models: [ModelInfo], keeping: String?) {
    picker.shown = ModelMatch.rank(picker.filter.text, models)
    picker.selection = keeping.flatMap { id in picker.shown.firstIndex { $0.id == id } } ?? 0
}

/// Enter: the conversation uses this model from its next request on, and keeps it. A
/// model the endpoint does not offer would only earn a 404: the first Enter says so, a
/// second uses it anyway (the endpoint's list may be out of date).
private func choose(_ state: inout AppState, _ model: ModelInfo?) -> [AppEffect] {
    guard let model else { return [] }
    if let picker = state.modelPicker, picker.knowsOffered, !model.isOffered, model.id != state.conversation.model,
       picker.unofferedWarned != model.id {
        state.withModelPicker { picker in
            picker.unofferedWarned = model.id
            picker.warning = "\(model.id) is not offered by this endpoint, so its requests would fail (404). "
                + "Enter again uses it anyway."
        }
        return []
    }
    state.overlay = nil
    guard model.id != state.conversation.model else { return [] }
    state.pickerChoice = PickerChoice(conversationKey: state.conversation.key, model: model.id)
    state.conversation.model = model.id
    // Another model has another window: what overflowed may fit now.
    state.overflowRetryRounds = nil
    state.statusNote = "This conversation now uses \(model.id)."
    let images = state.messages.reduce(0) { $0 + $1.attachments.filter(\.isImage).count }
        + state.tray.items.filter { if case let .ready(attachment) = $0.phase { attachment.isImage } else { false } }.count
    if images > 0, !model.vision {
        state.appendMessage(kind: .notice, text: "\(model.id) does not take images: the \(images == 1 ? "image" : "\(images) images") "
            + "in this conversation will be left out of its requests (the text goes).")
    }
    if state.conversation.webSearch, WebSearchAvailability(model) == .alwaysThinks {
        state.appendMessage(kind: .notice, text: "Web search is off while \(model.id) is chosen: it always thinks, and "
            + "Kimi's web search works only with thinking off.")
    }
    return [.setConversationModel(state.conversation)]
}

private extension String {
    func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
