import ChatDomain
import Foundation
import ScreenKit

/// Alt-S: the open conversation's settings. Each change is saved with the conversation
/// at once and applies from the next request on; a changed system prompt is marked in
/// the transcript.

func openSettings(_ state: inout AppState) {
    state.overlay = .settings(SettingsEditor())
    state.statusNote = nil
}

func reduceSettingsKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    guard case var .settings(editor) = state.overlay else { return [] }
    if key == .pasteBegin || key == .pasteEnd {
        state.isPasting = key == .pasteBegin
        return []
    }
    if editor.editing != nil { return reduceSettingsFieldKey(&state, &editor, key) }
    // A paste's line breaks would switch settings or open the picker one after another.
    if state.isPasting { return [] }
    guard let command = state.settings.overlayKeys.settings.command(for: key) else { return [] }
    switch command {
    case let .move(move):
        let fields = SettingsField.allCases
        let index = fields.firstIndex(of: editor.selected) ?? 0
        editor.selected = fields[move.applied(to: index, count: fields.count, page: fields.count)]
        state.overlay = .settings(editor)
    case .close:
        state.overlay = nil
    case .quit:
        return quit(&state)
    case .reset:
        return resetSetting(&state, editor.selected)
    case .change:
        return changeSetting(&state, &editor)
    }
    return []
}

/// Typed or pasted text goes into the field being typed; a pasted line break is a
/// new line only in the system prompt.
func reduceSettingsText(_ state: inout AppState, _ text: String) {
    guard case var .settings(editor) = state.overlay, let field = editor.editing else { return }
    editor.field.insert(field == .systemPrompt ? text : text.replacingOccurrences(of: "\n", with: " "))
    editor.problem = settingsProblem(state, field, editor.field.text)
    state.overlay = .settings(editor)
}

private func reduceSettingsFieldKey(_ state: inout AppState, _ editor: inout SettingsEditor, _ key: Key) -> [AppEffect] {
    guard let field = editor.editing else { return [] }
    defer { if case .settings = state.overlay { state.overlay = .settings(editor) } }
    if editor.awaitsChordKey {
        editor.awaitsChordKey = false
        if key == .ctrl("e"), field == .systemPrompt { return [.editExternally(editor.field.text)] }
    }
    if case let .character(character) = key {
        editor.field.insert(String(character))
        editor.problem = settingsProblem(state, field, editor.field.text)
        return []
    }
    if state.isPasting, key == .enter {
        editor.field.insert(field == .systemPrompt ? "\n" : " ")
        return []
    }
    switch state.settings.overlayKeys.settingsField.command(for: key) {
    case .save:
        if let problem = settingsProblem(state, field, editor.field.text) {
            editor.problem = problem
            return []
        }
        editor.editing = nil
        editor.problem = nil
        return saveTypedSetting(&state, field, editor.field.text)
    case .cancel:
        editor.editing = nil
        editor.problem = nil
    case .newline where field == .systemPrompt:
        editor.field.insert("\n")
    case .beginChord where field == .systemPrompt:
        editor.awaitsChordKey = true
    case let .edit(edit):
        edit.apply(to: &editor.field)
        editor.problem = settingsProblem(state, field, editor.field.text)
    case .newline, .beginChord, nil:
        break
    }
    return []
}

/// Enter on a field: type into it, switch it, cycle it, or open the model picker.
private func changeSetting(_ state: inout AppState, _ editor: inout SettingsEditor) -> [AppEffect] {
    let field = editor.selected
    guard let row = state.settingsRows.first(where: { $0.field == field }), !row.isFixed else {
        state.statusNote = state.settingsRows.first { $0.field == field }?.note
        return []
    }
    var chosen = state.conversation.settings
    switch field {
    case .model:
        return openModelPicker(&state)
    case .thinking:
        chosen.thinking = chosen.thinking == false ? nil : false
    case .reasoningEffort:
        let order: [ReasoningEffort?] = [nil] + ReasoningEffort.allCases
        let index = order.firstIndex(of: chosen.reasoningEffort) ?? 0
        chosen.reasoningEffort = order[(index + 1) % order.count]
    case .webSearch:
        toggleWebSearch(&state)
        return [.setConversationWebSearch(state.conversation)]
    case .systemPrompt, .temperature, .topP, .maxTokens, .history:
        editor.editing = field
        editor.field = InputBuffer(typedValue(state, field))
        editor.problem = nil
        state.overlay = .settings(editor)
        return []
    }
    return applySettings(&state, chosen)
}

/// What a typed field starts with: its value now, or nothing for a default.
private func typedValue(_ state: AppState, _ field: SettingsField) -> String {
    let chosen = state.conversation.settings
    switch field {
    case .systemPrompt: return chosen.systemPrompt ?? state.settings.systemPrompt ?? ""
    case .temperature: return chosen.temperature.map(SettingsRules.number) ?? ""
    case .topP: return chosen.topP.map(SettingsRules.number) ?? ""
    case .maxTokens: return chosen.maxTokens.map(String.init) ?? ""
    case .history: return chosen.historyRounds.map(String.init) ?? ""
    case .model, .thinking, .reasoningEffort, .webSearch: return ""
    }
}

/// Why `text` would be refused for `field`; nil when it is allowed (empty: the default).
func settingsProblem(_ state: AppState, _ field: SettingsField, _ text: String) -> String? {
    let rules = SettingsRules(state.currentModel)
    guard field != .systemPrompt, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
    switch field {
    case .temperature: return rules.temperature.flatMap { SettingsRules.decimal(text, in: $0).failureMessage }
    case .topP: return rules.topP.flatMap { SettingsRules.decimal(text, in: $0).failureMessage }
    case .maxTokens: return SettingsRules.whole(text, in: rules.maxTokens).failureMessage
    case .history: return SettingsRules.whole(text, in: SettingsRules.historyRounds).failureMessage
    case .model, .systemPrompt, .thinking, .reasoningEffort, .webSearch: return nil
    }
}

private func saveTypedSetting(_ state: inout AppState, _ field: SettingsField, _ text: String) -> [AppEffect] {
    var chosen = state.conversation.settings
    let empty = text.trimmingCharacters(in: .whitespaces).isEmpty
    let rules = SettingsRules(state.currentModel)
    switch field {
    case .systemPrompt:
        // Compared without trailing line breaks: a TOML multi-line default ends with one.
        let prompt = text.trailingLineBreaksRemoved
        chosen.systemPrompt = prompt == (state.settings.systemPrompt ?? "").trailingLineBreaksRemoved ? nil : prompt
    case .temperature:
        chosen.temperature = empty ? nil : rules.temperature.flatMap { try? SettingsRules.decimal(text, in: $0).get() }
    case .topP:
        chosen.topP = empty ? nil : rules.topP.flatMap { try? SettingsRules.decimal(text, in: $0).get() }
    case .maxTokens:
        chosen.maxTokens = empty ? nil : try? SettingsRules.whole(text, in: rules.maxTokens).get()
    case .history:
        chosen.historyRounds = empty ? nil : try? SettingsRules.whole(text, in: SettingsRules.historyRounds).get()
    case .model, .thinking, .reasoningEffort, .webSearch:
        return []
    }
    return applySettings(&state, chosen)
}

/// Del: the field goes back to the default.
private func resetSetting(_ state: inout AppState, _ field: SettingsField) -> [AppEffect] {
    var chosen = state.conversation.settings
    switch field {
    case .systemPrompt: chosen.systemPrompt = nil
    case .thinking: chosen.thinking = nil
    case .reasoningEffort: chosen.reasoningEffort = nil
    case .temperature: chosen.temperature = nil
    case .topP: chosen.topP = nil
    case .maxTokens: chosen.maxTokens = nil
    case .history: chosen.historyRounds = nil
    case .model, .webSearch:
        state.statusNote = "Enter changes it; it has no default of its own here."
        return []
    }
    return applySettings(&state, chosen)
}

/// The conversation takes `chosen`: saved at once; a system prompt that changed is
/// marked in the transcript, as it applies from the next request on.
func applySettings(_ state: inout AppState, _ chosen: ConversationSettings) -> [AppEffect] {
    let before = (state.conversation.settings.systemPrompt ?? state.settings.systemPrompt ?? "").trailingLineBreaksRemoved
    guard chosen != state.conversation.settings else { return [] }
    state.conversation.settings = chosen
    let after = (chosen.systemPrompt ?? state.settings.systemPrompt ?? "").trailingLineBreaksRemoved
    if before != after {
        state.appendMessage(kind: .notice, text: "system prompt changed" + (after.isEmpty ? ": none is sent." : "."))
    }
    return [.setConversationSettings(state.conversation)]
}

extension Result where Failure == SettingsInputError {
    var failureMessage: String? {
        if case let .failure(error) = self { return error.message }
        return nil
    }
}

extension String {
    var trailingLineBreaksRemoved: String {
        var text = self
        while text.hasSuffix("\n") || text.hasSuffix("\r") { text.removeLast() }
        return text
    }
}
