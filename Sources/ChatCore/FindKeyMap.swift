import ScreenKit

/// What a key does on F3's find line. Letters are not here: they go into the text.
public enum FindCommand: Sendable, Equatable {
    case next, previous, close
    case scrollPageUp, scrollPageDown, scrollLineUp, scrollLineDown
    case edit(LineEdit)
}

/// The find line's keys, as data (dispatch, its hints and help read the same table).
public enum FindKeyMap {
    public static let bindings: [KeyBinding<FindCommand>] = [
        KeyBinding(key: .enter, command: .next, label: "Enter", summary: "the next hit, down the conversation",
                   hint: "next"),
        KeyBinding(key: .function(3), command: .next, label: "F3", summary: "the next hit"),
        KeyBinding(key: .down, command: .next, label: "Down", summary: "the next hit"),
        KeyBinding(key: .function(15), command: .previous, label: "Shift-F3",
                   summary: "the previous hit, up the conversation", hint: "previous"),
        KeyBinding(key: .up, command: .previous, label: "Up", summary: "the previous hit", hint: "previous"),
        KeyBinding(key: .escape, command: .close, label: "Esc", summary: "close the find line; the view stays",
                   hint: "close"),
        KeyBinding(key: .ctrl("c"), command: .close, label: "Ctrl-C", summary: "close the find line"),
        KeyBinding(key: .pageUp, command: .scrollPageUp, label: "PgUp", summary: "scroll the transcript up a page"),
        KeyBinding(key: .pageDown, command: .scrollPageDown, label: "PgDn", summary: "scroll down a page"),
        KeyBinding(key: .wheelUp, command: .scrollLineUp, label: "wheel up", summary: "scroll up a line"),
        KeyBinding(key: .wheelDown, command: .scrollLineDown, label: "wheel down", summary: "scroll down a line"),
    ] + FieldKeyMap.bindings(editing: "the text").map { $0.map(FindCommand.edit) }
}
