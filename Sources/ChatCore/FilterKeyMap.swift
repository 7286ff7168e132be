import ScreenKit

/// The filter-editing rows the conversation list and the model picker share: both
/// tables include these, so the two filters edit alike. Letters are not here: they
/// always go to the filter.
public enum FilterKeyMap {
    public static let bindings: [KeyBinding<LineEdit>] = [
        KeyBinding(key: .backspace, command: .deleteBackward, label: "Backspace", summary: "edit the filter"),
        KeyBinding(key: .ctrl("h"), command: .deleteBackward, label: "Ctrl-H", summary: "edit the filter"),
        KeyBinding(key: .ctrl("u"), command: .clear, label: "Ctrl-U", summary: "clear the filter"),
        KeyBinding(key: .ctrl("w"), command: .cutWordBackward, label: "Ctrl-W", summary: "delete a word of the filter"),
        KeyBinding(key: .left, command: .left, label: "Left", summary: "move in the filter"),
        KeyBinding(key: .right, command: .right, label: "Right", summary: "move in the filter"),
        KeyBinding(key: .ctrl("a"), command: .lineStart, label: "Ctrl-A", summary: "start of the filter"),
        KeyBinding(key: .ctrl("e"), command: .lineEnd, label: "Ctrl-E", summary: "end of the filter"),
    ]
}
