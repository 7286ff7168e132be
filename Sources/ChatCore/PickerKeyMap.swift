import ScreenKit

/// What a key does in the model picker. Letters are not here: they always filter.
public enum PickerCommand: Sendable, Equatable {
    case choose, close
    case move(SelectionMove)
    case filter(LineEdit)
    case quit
}

/// The model picker's keys, as data (dispatch, the footer and help read the same
/// table). The filter-editing rows are `FilterKeyMap`'s, shared with the conversation list.
public enum PickerKeyMap {
    public static let bindings: [KeyBinding<PickerCommand>] = [
        KeyBinding(key: .enter, command: .choose, label: "Enter", summary: "use the selected model", hint: "use"),
        KeyBinding(key: .escape, command: .close, label: "Esc", summary: "close, keeping the model",
                   hint: "keep the current model"),
        KeyBinding(key: .ctrl("t"), command: .close, label: "Ctrl-T", summary: "close, keeping the model"),
        KeyBinding(key: .ctrl("c"), command: .close, label: "Ctrl-C", summary: "close, keeping the model"),
        KeyBinding(key: .up, command: .move(.up), label: "Up", summary: "previous model", hint: "move"),
        KeyBinding(key: .ctrl("p"), command: .move(.up), label: "Ctrl-P", summary: "previous model"),
        KeyBinding(key: .backTab, command: .move(.up), label: "Shift-Tab", summary: "previous model"),
        KeyBinding(key: .down, command: .move(.down), label: "Down", summary: "next model", hint: "move"),
        KeyBinding(key: .ctrl("n"), command: .move(.down), label: "Ctrl-N", summary: "next model"),
        KeyBinding(key: .tab, command: .move(.down), label: "Tab", summary: "next model"),
        KeyBinding(key: .pageUp, command: .move(.pageUp), label: "PgUp", summary: "a page up", hint: "move"),
        KeyBinding(key: .pageDown, command: .move(.pageDown), label: "PgDn", summary: "a page down", hint: "move"),
        KeyBinding(key: .home, command: .move(.first), label: "Home", summary: "first model", hint: "move"),
        KeyBinding(key: .end, command: .move(.last), label: "End", summary: "last model", hint: "move"),
    ] + FilterKeyMap.bindings.map { $0.map(PickerCommand.filter) } + [
        KeyBinding(key: .ctrl("q"), command: .quit, label: "Ctrl-Q", summary: "quit kimichat"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> PickerCommand? { lookup[key] }
}
