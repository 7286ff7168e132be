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
    ] + FieldKeyMap.bindings(editing: "the title", emacsCursor: true).map { $0.map(RenameCommand.edit) }

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> RenameCommand? { lookup[key] }
}
