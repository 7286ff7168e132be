import Foundation
import ScreenKit

/// What a key does in Alt-S. While a field is typed into, letters go into it.
public enum SettingsCommand: Sendable, Equatable {
    case change, reset, close
    case move(SelectionMove)
    case quit
}

/// What a key does while a field of Alt-S is typed into.
public enum SettingsFieldCommand: Sendable, Equatable {
    case save, cancel, newline, beginChord
    case edit(LineEdit)
}

/// Alt-S's keys, as data (dispatch, its footer and help read the same tables).
public enum SettingsKeyMap {
    public static let bindings: [KeyBinding<SettingsCommand>] = [
        KeyBinding(key: .enter, command: .change, label: "Enter",
                   summary: "change the setting: type a value, switch it, or choose", hint: "change"),
        KeyBinding(key: .delete, command: .reset, label: "Del", summary: "back to the default", hint: "default"),
        KeyBinding(key: .escape, command: .close, label: "Esc", summary: "close", hint: "close"),
        KeyBinding(key: .alt("s"), command: .close, label: "Alt-S", summary: "close"),
        KeyBinding(key: .up, command: .move(.up), label: "Up", summary: "previous setting", hint: "move"),
        KeyBinding(key: .ctrl("p"), command: .move(.up), label: "Ctrl-P", summary: "previous setting"),
        KeyBinding(key: .down, command: .move(.down), label: "Down", summary: "next setting", hint: "move"),
        KeyBinding(key: .ctrl("n"), command: .move(.down), label: "Ctrl-N", summary: "next setting"),
        KeyBinding(key: .home, command: .move(.first), label: "Home", summary: "first setting"),
        KeyBinding(key: .end, command: .move(.last), label: "End", summary: "last setting"),
        KeyBinding(key: .ctrl("q"), command: .quit, label: "Ctrl-Q", summary: "quit kimichat"),
    ]

    public static let fieldBindings: [KeyBinding<SettingsFieldCommand>] = [
        KeyBinding(key: .enter, command: .save, label: "Enter", summary: "save the value (when it is allowed)",
                   hint: "save"),
        KeyBinding(key: .escape, command: .cancel, label: "Esc", summary: "keep the value it had", hint: "cancel"),
        KeyBinding(key: .ctrl("c"), command: .cancel, label: "Ctrl-C", summary: "keep the value it had"),
        KeyBinding(key: .altEnter, command: .newline, label: "Alt-Enter", summary: "a new line (system prompt)"),
        KeyBinding(key: .ctrl("j"), command: .newline, label: "Ctrl-J", summary: "a new line (system prompt)"),
        KeyBinding(key: .ctrl("x"), command: .beginChord, label: "Ctrl-X Ctrl-E",
                   summary: "write the system prompt in $VISUAL or $EDITOR"),
    ] + RenameKeyMap.bindings.compactMap { binding in
        guard case let .edit(edit) = binding.command else { return nil }
        return KeyBinding(key: binding.key, command: .edit(edit), label: binding.label,
                          summary: binding.summary.replacingOccurrences(of: "the title", with: "the value"))
    }

    private static let lookup = KeyLookup(bindings)
    private static let fieldLookup = KeyLookup(fieldBindings)

    public static func command(for key: Key) -> SettingsCommand? { lookup[key] }
    public static func fieldCommand(for key: Key) -> SettingsFieldCommand? { fieldLookup[key] }
}
