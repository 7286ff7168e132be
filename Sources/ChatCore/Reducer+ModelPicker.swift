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
    guard case var .models(picker) = state.overlay else { return [] }
    let selected = picker.selected?.id ?? state.conversation.model
    picker.note = note
    rankModels(&picker, models, keeping: selected)
    state.overlay = .models(picker)
    return []
}

func reducePickerKey(_ state: inout AppState, _ picker: ModelPicker, _ key: Key) -> [AppEffect] {
    var picker = picker
    defer { if state.overlay != nil { state.overlay = .models(picker) } }
    if case let .character(character) = key {
        picker.filter.insert(String(character))
        rankModels(&picker, state.models, keeping: nil)
        return []
    }
    guard let command = PickerKeyMap.command(for: key) else { return [] }
    let page = OverlayPage.entryRows(overlayRows: state.overlayRows)
    let last = max(0, picker.shown.count - 1)
    switch command {
    case .choose: return choose(&state, picker.selected)
    case .close: state.overlay = nil
    case .up: picker.selection = max(0, picker.selection - 1)
    case .down: picker.selection = min(last, picker.selection + 1)
    case .pageUp: picker.selection = max(0, picker.selection - page)
    case .pageDown: picker.selection = min(last, picker.selection + page)
    case .first: picker.selection = 0
    case .last: picker.selection = last
    case .deleteBackward:
        picker.filter.deleteBackward()
        rankModels(&picker, state.models, keeping: nil)
    case .clearFilter:
        picker.filter.clear()
        rankModels(&picker, state.models, keeping: nil)
    case .deleteWordBackward:
        picker.filter.killWordBackward()
        rankModels(&picker, state.models, keeping: nil)
    case .quit: return quit(&state)
    }
    return []
}

func reducePickerText(_ state: inout AppState, _ picker: ModelPicker, _ text: String) -> [AppEffect] {
    var picker = picker
    picker.filter.insert(text.replacingNewlines())
    rankModels(&picker, state.models, keeping: nil)
    state.overlay = .models(picker)
    return []
}

/// Re-filters the lineup; the selection stays on `keeping` when it is still shown,
/// else goes to the best match.
private func rankModels(_ picker: inout ModelPicker, _ models: [ModelInfo], keeping: String?) {
    picker.shown = ModelMatch.rank(picker.filter.text, models)
    picker.selection = keeping.flatMap { id in picker.shown.firstIndex { $0.id == id } } ?? 0
}

/// Enter: the conversation uses this model from its next request on, and keeps it.
private func choose(_ state: inout AppState, _ model: ModelInfo?) -> [AppEffect] {
    guard let model else { return [] }
    state.overlay = nil
    guard model.id != state.conversation.model else { return [] }
    state.conversation.model = model.id
    // Another model has another window: what overflowed may fit now.
    state.overflowRetryRounds = nil
    state.statusNote = "This conversation now uses \(model.id)."
    return [.setConversationModel(state.conversation)]
}

private extension String {
    func replacingNewlines() -> String {
        String(map { $0.isNewline ? " " : $0 })
    }
}
