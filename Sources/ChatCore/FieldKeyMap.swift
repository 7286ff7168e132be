import ScreenKit

/// The editing rows of a one-line field — F3's find line, Alt-A's path, a title being
/// renamed — which each of those tables includes, so the fields edit alike. `noun`
/// names what is edited in the help ("start of the path"); `emacsCursor` adds Ctrl-B and
/// Ctrl-F, for a field whose table leaves them free. Letters are not here: they go into
/// the field.
public enum FieldKeyMap {
    public static func bindings(editing noun: String, emacsCursor: Bool = false) -> [KeyBinding<LineEdit>] {
        var rows: [KeyBinding<LineEdit>] = [
            KeyBinding(key: .backspace, command: .deleteBackward, label: "Backspace", summary: "delete left"),
            KeyBinding(key: .ctrl("h"), command: .deleteBackward, label: "Ctrl-H", summary: "delete left"),
            KeyBinding(key: .delete, command: .deleteForward, label: "Del", summary: "delete right"),
            KeyBinding(key: .left, command: .left, label: "Left", summary: "cursor left"),
        ]
        if emacsCursor { rows.append(KeyBinding(key: .ctrl("b"), command: .left, label: "Ctrl-B", summary: "cursor left")) }
        rows.append(KeyBinding(key: .right, command: .right, label: "Right", summary: "cursor right"))
        if emacsCursor { rows.append(KeyBinding(key: .ctrl("f"), command: .right, label: "Ctrl-F", summary: "cursor right")) }
        return rows + [
            KeyBinding(key: .home, command: .lineStart, label: "Home", summary: "start of \(noun)"),
            KeyBinding(key: .ctrl("a"), command: .lineStart, label: "Ctrl-A", summary: "start of \(noun)"),
            KeyBinding(key: .end, command: .lineEnd, label: "End", summary: "end of \(noun)"),
            KeyBinding(key: .ctrl("e"), command: .lineEnd, label: "Ctrl-E", summary: "end of \(noun)"),
            KeyBinding(key: .ctrl("u"), command: .cutToLineStart, label: "Ctrl-U", summary: "cut to the start"),
            KeyBinding(key: .ctrl("k"), command: .cutToLineEnd, label: "Ctrl-K", summary: "cut to the end"),
            KeyBinding(key: .ctrl("w"), command: .cutWordBackward, label: "Ctrl-W", summary: "cut the word before"),
        ]
    }
}
