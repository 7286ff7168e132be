import ScreenKit

/// What a key does in Alt-A's path prompt. Letters are not here: they go into the path.
public enum PathPromptCommand: Sendable, Equatable {
    case attach, cancel, complete
    case edit(LineEdit)
}

/// The path prompt's keys, as data (dispatch, its footer and help read the same table).
public enum PathPromptKeyMap {
    public static let bindings: [KeyBinding<PathPromptCommand>] = [
        KeyBinding(key: .enter, command: .attach, label: "Enter", summary: "attach the file", hint: "attach"),
        KeyBinding(key: .tab, command: .complete, label: "Tab", summary: "complete the path (again: the choices)",
                   hint: "complete"),
        KeyBinding(key: .escape, command: .cancel, label: "Esc", summary: "attach nothing", hint: "cancel"),
        KeyBinding(key: .ctrl("c"), command: .cancel, label: "Ctrl-C", summary: "attach nothing"),
        KeyBinding(key: .backspace, command: .edit(.deleteBackward), label: "Backspace", summary: "delete left"),
        KeyBinding(key: .ctrl("h"), command: .edit(.deleteBackward), label: "Ctrl-H", summary: "delete left"),
        KeyBinding(key: .delete, command: .edit(.deleteForward), label: "Del", summary: "delete right"),
        KeyBinding(key: .left, command: .edit(.left), label: "Left", summary: "cursor left"),
        KeyBinding(key: .right, command: .edit(.right), label: "Right", summary: "cursor right"),
        KeyBinding(key: .home, command: .edit(.lineStart), label: "Home", summary: "start of the path"),
        KeyBinding(key: .ctrl("a"), command: .edit(.lineStart), label: "Ctrl-A", summary: "start of the path"),
        KeyBinding(key: .end, command: .edit(.lineEnd), label: "End", summary: "end of the path"),
        KeyBinding(key: .ctrl("e"), command: .edit(.lineEnd), label: "Ctrl-E", summary: "end of the path"),
        KeyBinding(key: .ctrl("u"), command: .edit(.cutToLineStart), label: "Ctrl-U", summary: "cut to the start"),
        KeyBinding(key: .ctrl("k"), command: .edit(.cutToLineEnd), label: "Ctrl-K", summary: "cut to the end"),
        KeyBinding(key: .ctrl("w"), command: .edit(.cutWordBackward), label: "Ctrl-W",
                   summary: "cut the word before"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> PathPromptCommand? { lookup[key] }
}
