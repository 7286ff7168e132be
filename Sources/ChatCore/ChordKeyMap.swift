import ScreenKit

/// What the key after Ctrl-X does.
public enum ChordCommand: Sendable, Equatable {
    case openEditor
    case fork
    case openOutline
    case continueReply
    case find
}

/// The second keys of Ctrl-X's two-key commands, as data (dispatch and help read it).
/// A letter works with or without Shift or Ctrl, as in Emacs.
public enum ChordKeyMap {
    private static let forkSummary = "fork the branch into a new conversation (scrolled: up to the top message)"
    private static let outlineSummary = "outline: every question on every branch; Enter goes there"
    private static let continueSummary = "continue the last reply where it was cut (max tokens), stopped or interrupted"

    public static let bindings: [KeyBinding<ChordCommand>] = [
        KeyBinding(key: .ctrl("e"), command: .openEditor, label: "Ctrl-X Ctrl-E",
                   summary: "write the message in $VISUAL or $EDITOR"),
        KeyBinding(key: .character("f"), command: .fork, label: "Ctrl-X F", summary: forkSummary),
        KeyBinding(key: .character("F"), command: .fork, label: "Ctrl-X F", summary: forkSummary),
        KeyBinding(key: .ctrl("f"), command: .fork, label: "Ctrl-X Ctrl-F", summary: forkSummary),
        KeyBinding(key: .character("t"), command: .openOutline, label: "Ctrl-X T", summary: outlineSummary),
        KeyBinding(key: .character("T"), command: .openOutline, label: "Ctrl-X T", summary: outlineSummary),
        KeyBinding(key: .ctrl("t"), command: .openOutline, label: "Ctrl-X Ctrl-T", summary: outlineSummary),
        KeyBinding(key: .character("c"), command: .continueReply, label: "Ctrl-X C", summary: continueSummary),
        KeyBinding(key: .character("C"), command: .continueReply, label: "Ctrl-X C", summary: continueSummary),
        KeyBinding(key: .character("/"), command: .find, label: "Ctrl-X /", summary: "find in this conversation (as F3)"),
    ]

    private static let lookup = KeyLookup(bindings)

    public static func command(for key: Key) -> ChordCommand? { lookup[key] }

    /// What the status bar says after Ctrl-X.
    public static let prompt = "Ctrl-X: Ctrl-E editor · F fork · T outline · C continue the reply · / find."
}
