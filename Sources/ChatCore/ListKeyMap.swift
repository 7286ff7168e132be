import ScreenKit

/// What a key does in the conversation list. Letters are not here: they always
/// go to the filter.
public enum ListCommand: Sendable, Equatable {
    case open, close, newConversation, rename, delete
    case move(SelectionMove)
    case filter(LineEdit)
    case quit
}

public typealias ListKeyBinding = KeyBinding<ListCommand>

/// The conversation list's keys, as data (dispatch, the footer and help read the same
/// table). The filter-editing rows are `FilterKeyMap`'s, shared with the model picker.
public enum ListKeyMap {
    public static let bindings: [ListKeyBinding] = [
        ListKeyBinding(key: .enter, command: .open, label: "Enter", summary: "open the selected conversation",
                       hint: "open"),
        ListKeyBinding(key: .escape, command: .close, label: "Esc", summary: "close the list", hint: "close"),
        ListKeyBinding(key: .ctrl("o"), command: .close, label: "Ctrl-O", summary: "close the list"),
        ListKeyBinding(key: .ctrl("c"), command: .close, label: "Ctrl-C", summary: "close the list"),
        ListKeyBinding(key: .ctrl("n"), command: .newConversation, label: "Ctrl-N", summary: "start a new conversation",
                       hint: "new"),
        ListKeyBinding(key: .function(2), command: .rename, label: "F2", summary: "rename the selected conversation",
                       hint: "rename"),
        ListKeyBinding(key: .ctrl("r"), command: .rename, label: "Ctrl-R", summary: "rename the selected conversation"),
        ListKeyBinding(key: .delete, command: .delete, label: "Del", summary: "delete (asks to confirm with y)",
                       hint: "delete"),
        ListKeyBinding(key: .ctrl("d"), command: .delete, label: "Ctrl-D", summary: "delete (asks to confirm with y)"),
        ListKeyBinding(key: .up, command: .move(.up), label: "Up", summary: "previous entry"),
        ListKeyBinding(key: .ctrl("p"), command: .move(.up), label: "Ctrl-P", summary: "previous entry"),
        ListKeyBinding(key: .down, command: .move(.down), label: "Down", summary: "next entry"),
        ListKeyBinding(key: .tab, command: .move(.down), label: "Tab", summary: "next entry"),
        ListKeyBinding(key: .backTab, command: .move(.up), label: "Shift-Tab", summary: "previous entry"),
        ListKeyBinding(key: .pageUp, command: .move(.pageUp), label: "PgUp", summary: "a page up"),
        ListKeyBinding(key: .pageDown, command: .move(.pageDown), label: "PgDn", summary: "a page down"),
        ListKeyBinding(key: .home, command: .move(.first), label: "Home", summary: "first entry"),
        ListKeyBinding(key: .end, command: .move(.last), label: "End", summary: "last entry"),
    ] + FilterKeyMap.bindings.map { $0.map(ListCommand.filter) } + [
        ListKeyBinding(key: .ctrl("q"), command: .quit, label: "Ctrl-Q", summary: "quit kimichat"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> ListCommand? { lookup[key] }
}
