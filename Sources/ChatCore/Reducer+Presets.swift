import ChatDomain
import ScreenKit

/// Ctrl-N with presets: a chooser first; a conversation started from a preset takes its
/// model, settings and web search.

func chooseNewConversation(_ state: inout AppState) -> [AppEffect] {
    guard !state.settings.presets.isEmpty else { return startNewConversation(&state) }
    state.overlay = .presets(PresetChooser())
    state.statusNote = nil
    return []
}

func reducePresetChooserKey(_ state: inout AppState, _ key: Key) -> [AppEffect] {
    guard case var .presets(chooser) = state.overlay else { return [] }
    switch state.settings.overlayKeys.presets.command(for: key) {
    case .start:
        let preset = chooser.selection == 0 ? nil : state.settings.presets[chooser.selection - 1]
        let effects = startNewConversation(&state)
        if let preset {
            state.apply(preset)
            state.statusNote = "New conversation with the preset \(preset.name)."
        }
        return effects
    case .close:
        state.overlay = nil
    case let .move(move):
        chooser.selection = move.applied(to: chooser.selection, count: state.settings.presets.count + 1,
                                         page: state.settings.presets.count + 1)
        state.overlay = .presets(chooser)
    case nil:
        break
    }
    return []
}

extension AppState {
    /// The open (new) conversation takes `preset`: saved with the conversation when its
    /// first message creates it.
    mutating func apply(_ preset: Preset) {
        if let model = preset.model { conversation.model = model }
        conversation.settings = preset.settings
        if let webSearch = preset.webSearch { conversation.webSearch = webSearch }
    }
}
