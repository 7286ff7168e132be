import ScreenKit

/// Ctrl-N when config.toml has presets: the default first, then each preset. Enter on
/// the default starts a conversation as Ctrl-N always did.
public struct PresetChooser: Sendable, Equatable {
    /// 0 is the default; 1… the presets, in their order.
    public var selection = 0

    public init() {}
}

public enum PresetChooserCommand: Sendable, Equatable {
    case start, close
    case move(SelectionMove)
}

/// The chooser's keys, as data (dispatch, its footer and help read the same table).
public enum PresetChooserKeyMap {
    public static let bindings: [KeyBinding<PresetChooserCommand>] = [
        KeyBinding(key: .enter, command: .start, label: "Enter", summary: "start a conversation with it", hint: "start"),
        KeyBinding(key: .ctrl("n"), command: .start, label: "Ctrl-N", summary: "start a conversation with it"),
        KeyBinding(key: .escape, command: .close, label: "Esc", summary: "stay in this conversation", hint: "cancel"),
        KeyBinding(key: .ctrl("c"), command: .close, label: "Ctrl-C", summary: "stay in this conversation"),
        KeyBinding(key: .up, command: .move(.up), label: "Up", summary: "previous", hint: "move"),
        KeyBinding(key: .ctrl("p"), command: .move(.up), label: "Ctrl-P", summary: "previous"),
        KeyBinding(key: .down, command: .move(.down), label: "Down", summary: "next", hint: "move"),
        KeyBinding(key: .home, command: .move(.first), label: "Home", summary: "the default"),
        KeyBinding(key: .end, command: .move(.last), label: "End", summary: "the last preset"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> PresetChooserCommand? { lookup[key] }
}
