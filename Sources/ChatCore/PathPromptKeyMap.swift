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
    ] + FieldKeyMap.bindings(editing: "the path").map { $0.map(PathPromptCommand.edit) }

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> PathPromptCommand? { lookup[key] }
}
