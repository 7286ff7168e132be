import ScreenKit

/// What a key does in the outline. Letters are not here: they always filter.
public enum OutlineCommand: Sendable, Equatable {
    case go, close
    case move(SelectionMove)
    case filter(LineEdit)
    case quit
}

/// The outline's keys, as data (dispatch, the footer and help read the same table).
public enum OutlineKeyMap {
    public static let bindings: [KeyBinding<OutlineCommand>] = [
        KeyBinding(key: .enter, command: .go, label: "Enter",
                   summary: "show the selected question's branch, scrolled to it", hint: "go there"),
        KeyBinding(key: .escape, command: .close, label: "Esc", summary: "close, staying where you were",
                   hint: "close"),
        KeyBinding(key: .ctrl("c"), command: .close, label: "Ctrl-C", summary: "close, staying where you were"),
        KeyBinding(key: .up, command: .move(.up), label: "Up", summary: "previous question", hint: "move"),
        KeyBinding(key: .ctrl("p"), command: .move(.up), label: "Ctrl-P", summary: "previous question"),
        KeyBinding(key: .backTab, command: .move(.up), label: "Shift-Tab", summary: "previous question"),
        KeyBinding(key: .down, command: .move(.down), label: "Down", summary: "next question", hint: "move"),
        KeyBinding(key: .ctrl("n"), command: .move(.down), label: "Ctrl-N", summary: "next question"),
        KeyBinding(key: .tab, command: .move(.down), label: "Tab", summary: "next question"),
        KeyBinding(key: .pageUp, command: .move(.pageUp), label: "PgUp", summary: "a page up", hint: "move"),
        KeyBinding(key: .pageDown, command: .move(.pageDown), label: "PgDn", summary: "a page down", hint: "move"),
        KeyBinding(key: .home, command: .move(.first), label: "Home", summary: "first question", hint: "move"),
        KeyBinding(key: .end, command: .move(.last), label: "End", summary: "last question", hint: "move"),
    ] + FilterKeyMap.bindings.map { $0.map(OutlineCommand.filter) } + [
        KeyBinding(key: .ctrl("q"), command: .quit, label: "Ctrl-Q", summary: "quit kimichat"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> OutlineCommand? { lookup[key] }
}
