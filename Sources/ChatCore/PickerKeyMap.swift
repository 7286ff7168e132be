import ScreenKit

/// What a key does in the model picker. Letters are not here: they always filter.
public enum PickerCommand: Sendable, Equatable {
    case choose, close, up, down, pageUp, pageDown, first, last
    case deleteBackward, clearFilter, deleteWordBackward, quit
}

/// The model picker's keys, as data.
public enum PickerKeyMap {
    public static let bindings: [KeyBinding<PickerCommand>] = [
        KeyBinding(key: .enter, command: .choose, label: "Enter", summary: "use the selected model"),
        KeyBinding(key: .escape, command: .close, label: "Esc", summary: "close, keeping the model"),
        KeyBinding(key: .ctrl("t"), command: .close, label: "Ctrl-T", summary: "close, keeping the model"),
        KeyBinding(key: .ctrl("c"), command: .close, label: "Ctrl-C", summary: "close, keeping the model"),
        KeyBinding(key: .up, command: .up, label: "Up", summary: "previous model"),
        KeyBinding(key: .ctrl("p"), command: .up, label: "Ctrl-P", summary: "previous model"),
        KeyBinding(key: .backTab, command: .up, label: "Shift-Tab", summary: "previous model"),
        KeyBinding(key: .down, command: .down, label: "Down", summary: "next model"),
        KeyBinding(key: .ctrl("n"), command: .down, label: "Ctrl-N", summary: "next model"),
        KeyBinding(key: .tab, command: .down, label: "Tab", summary: "next model"),
        KeyBinding(key: .pageUp, command: .pageUp, label: "PgUp", summary: "a page up"),
        KeyBinding(key: .pageDown, command: .pageDown, label: "PgDn", summary: "a page down"),
        KeyBinding(key: .home, command: .first, label: "Home", summary: "first model"),
        KeyBinding(key: .end, command: .last, label: "End", summary: "last model"),
        KeyBinding(key: .backspace, command: .deleteBackward, label: "Backspace", summary: "edit the filter"),
        KeyBinding(key: .ctrl("h"), command: .deleteBackward, label: "Ctrl-H", summary: "edit the filter"),
        KeyBinding(key: .ctrl("u"), command: .clearFilter, label: "Ctrl-U", summary: "clear the filter"),
        KeyBinding(key: .ctrl("w"), command: .deleteWordBackward, label: "Ctrl-W", summary: "delete a word of the filter"),
        KeyBinding(key: .ctrl("q"), command: .quit, label: "Ctrl-Q", summary: "quit kimichat"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> PickerCommand? { lookup[key] }
}
