import ScreenKit

/// What a key does while a conversation's title is being edited in the list (F2).
/// Letters are not here: they go into the title.
public enum RenameCommand: Sendable, Equatable {
    case save, cancel
    case edit(LineEdit)
}

/// The title editor's keys, as data (dispatch, the footer and help read the same table).
public enum RenameKeyMap {
    public static let bindings: [KeyBinding<RenameCommand>] = [
        KeyBinding(key: .enter, command: .save, label: "Enter", summary: "save the title", hint: "save the title"),
        KeyBinding(key: .escape, command: .cancel, label: "Esc", summary: "keep the old title", hint: "cancel"),
        KeyBinding(key: .ctrl("c"), command: .cancel, label: "Ctrl-C", summary: "keep the old title"),
        KeyBinding(key: .backspace, command: .edit(.deleteBackward), label: "Backspace", summary: "delete left"),
        KeyBinding(key: .ctrl("h"), command: .edit(.deleteBackward), label: "Ctrl-H", summary: "delete left"),
        KeyBinding(key: .delete, command: .edit(.deleteForward), label: "Del", summary: "delete right"),
        KeyBinding(key: .left, command: .edit(.left), label: "Left", summary: "cursor left"),
        KeyBinding(key: .ctrl("b"), command: .edit(.left), label: "Ctrl-B", summary: "cursor left"),
        KeyBinding(key: .right, command: .edit(.right), label: "Right", summary: "cursor right"),
        KeyBinding(key: .ctrl("f"), command: .edit(.right), label: "Ctrl-F", summary: "cursor right"),
        KeyBinding(key: .home, command: .edit(.lineStart), label: "Home", summary: "start of the title"),
        KeyBinding(key: .ctrl("a"), command: .edit(.lineStart), label: "Ctrl-A", summary: "start of the title"),
        KeyBinding(key: .end, command: .edit(.lineEnd), label: "End", summary: "end of the title"),
        KeyBinding(key: .ctrl("e"), command: .edit(.lineEnd), label: "Ctrl-E", summary: "end of the title"),
        KeyBinding(key: .ctrl("u"), command: .edit(.cutToLineStart), label: "Ctrl-U", summary: "cut to the start"),
        KeyBinding(key: .ctrl("k"), command: .edit(.cutToLineEnd), label: "Ctrl-K", summary: "cut to the end"),
        KeyBinding(key: .ctrl("w"), command: .edit(.cutWordBackward), label: "Ctrl-W", summary: "cut the word before"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> RenameCommand? { lookup[key] }
}
