import ScreenKit

/// What a key does in the conversation list. Letters are not here: they always
/// go to the filter.
public enum ListCommand: Sendable, Equatable {
    case open, close, newConversation, rename, delete
    case up, down, pageUp, pageDown, first, last
    case deleteBackward, clearFilter, deleteWordBackward, cursorLeft, cursorRight, cursorStart, cursorEnd
    case quit
}

public typealias ListKeyBinding = KeyBinding<ListCommand>

/// The conversation list's keys, as data (dispatch and help read the same table).
public enum ListKeyMap {
    public static let bindings: [ListKeyBinding] = [
        ListKeyBinding(key: .enter, command: .open, label: "Enter", summary: "open the selected conversation"),
        ListKeyBinding(key: .escape, command: .close, label: "Esc", summary: "close the list"),
        ListKeyBinding(key: .ctrl("o"), command: .close, label: "Ctrl-O", summary: "close the list"),
        ListKeyBinding(key: .ctrl("c"), command: .close, label: "Ctrl-C", summary: "close the list"),
        ListKeyBinding(key: .ctrl("n"), command: .newConversation, label: "Ctrl-N", summary: "start a new conversation"),
        ListKeyBinding(key: .function(2), command: .rename, label: "F2", summary: "rename the selected conversation"),
        ListKeyBinding(key: .ctrl("r"), command: .rename, label: "Ctrl-R", summary: "rename the selected conversation"),
        ListKeyBinding(key: .delete, command: .delete, label: "Del", summary: "delete (asks to confirm with y)"),
        ListKeyBinding(key: .ctrl("d"), command: .delete, label: "Ctrl-D", summary: "delete (asks to confirm with y)"),
        ListKeyBinding(key: .up, command: .up, label: "Up", summary: "previous entry"),
        ListKeyBinding(key: .ctrl("p"), command: .up, label: "Ctrl-P", summary: "previous entry"),
        ListKeyBinding(key: .down, command: .down, label: "Down", summary: "next entry"),
        ListKeyBinding(key: .tab, command: .down, label: "Tab", summary: "next entry"),
        ListKeyBinding(key: .backTab, command: .up, label: "Shift-Tab", summary: "previous entry"),
        ListKeyBinding(key: .pageUp, command: .pageUp, label: "PgUp", summary: "a page up"),
        ListKeyBinding(key: .pageDown, command: .pageDown, label: "PgDn", summary: "a page down"),
        ListKeyBinding(key: .home, command: .first, label: "Home", summary: "first entry"),
        ListKeyBinding(key: .end, command: .last, label: "End", summary: "last entry"),
        ListKeyBinding(key: .backspace, command: .deleteBackward, label: "Backspace", summary: "edit the filter"),
        ListKeyBinding(key: .ctrl("h"), command: .deleteBackward, label: "Ctrl-H", summary: "edit the filter"),
        ListKeyBinding(key: .ctrl("u"), command: .clearFilter, label: "Ctrl-U", summary: "clear the filter"),
        ListKeyBinding(key: .ctrl("w"), command: .deleteWordBackward, label: "Ctrl-W", summary: "delete a word of the filter"),
        ListKeyBinding(key: .left, command: .cursorLeft, label: "Left", summary: "move in the filter"),
        ListKeyBinding(key: .right, command: .cursorRight, label: "Right", summary: "move in the filter"),
        ListKeyBinding(key: .ctrl("a"), command: .cursorStart, label: "Ctrl-A", summary: "start of the filter"),
        ListKeyBinding(key: .ctrl("e"), command: .cursorEnd, label: "Ctrl-E", summary: "end of the filter"),
        ListKeyBinding(key: .ctrl("q"), command: .quit, label: "Ctrl-Q", summary: "quit kimichat"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> ListCommand? { lookup[key] }
}
