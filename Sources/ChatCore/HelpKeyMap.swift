import ScreenKit

/// What a key does while help (F1) is open.
public enum HelpCommand: Sendable, Equatable {
    case close, quit
    case lineDown, lineUp, pageDown, pageUp, first, last

    /// Scrolling keys: not worth a hint when every line fits.
    public var scrolls: Bool { self != .close && self != .quit }
}

/// Help's keys, as data (dispatch, its hint line and help itself read the same table).
/// No filter here, so q and Space are keys.
public enum HelpKeyMap {
    public static let bindings: [KeyBinding<HelpCommand>] = [
        KeyBinding(key: .escape, command: .close, label: "Esc", summary: "close help", hint: "close"),
        KeyBinding(key: .function(1), command: .close, label: "F1", summary: "close help"),
        KeyBinding(key: .enter, command: .close, label: "Enter", summary: "close help"),
        KeyBinding(key: .ctrl("c"), command: .close, label: "Ctrl-C", summary: "close help"),
        KeyBinding(key: .character("q"), command: .close, label: "q", summary: "close help"),
        KeyBinding(key: .ctrl("q"), command: .quit, label: "Ctrl-Q", summary: "quit kimichat"),
        KeyBinding(key: .up, command: .lineUp, label: "Up", summary: "scroll up a line", hint: "scroll"),
        KeyBinding(key: .ctrlUp, command: .lineUp, label: "Ctrl-Up", summary: "scroll up a line"),
        KeyBinding(key: .wheelUp, command: .lineUp, label: "wheel up", summary: "scroll up a line"),
        KeyBinding(key: .down, command: .lineDown, label: "Down", summary: "scroll down a line", hint: "scroll"),
        KeyBinding(key: .ctrlDown, command: .lineDown, label: "Ctrl-Down", summary: "scroll down a line"),
        KeyBinding(key: .wheelDown, command: .lineDown, label: "wheel down", summary: "scroll down a line"),
        KeyBinding(key: .pageUp, command: .pageUp, label: "PgUp", summary: "a page up", hint: "scroll"),
        KeyBinding(key: .pageDown, command: .pageDown, label: "PgDn", summary: "a page down", hint: "scroll"),
        KeyBinding(key: .character(" "), command: .pageDown, label: "Space", summary: "a page down"),
        KeyBinding(key: .home, command: .first, label: "Home", summary: "the top"),
        KeyBinding(key: .end, command: .last, label: "End", summary: "the end"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> HelpCommand? { lookup[key] }
}
