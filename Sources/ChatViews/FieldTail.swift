import ChatCore
import TextLayout

/// A one-line field too long for its room (Alt-A's path, F3's text) shows its end, where
/// the typing is: whole characters are dropped from its start until the cursor fits.
/// Dropping by columns as if every character were one wide left the cursor past the
/// text once it held Chinese.
struct FieldTail {
    /// What to draw, sanitized for the terminal.
    let shown: String
    /// The cursor's column from the field's start.
    let cursorColumn: Int

    init(_ field: InputBuffer, room: Int) {
        let text = TerminalSafeText.sanitizeLine(field.text)
        let beforeWidth = DisplayWidth.of(TerminalSafeText.sanitizeLine(String(field.text.prefix(field.cursor))))
        let overflow = max(0, beforeWidth - max(1, room))
        var tail = Substring(text)
        var dropped = 0
        while dropped < overflow, let first = tail.first {
            dropped += DisplayWidth.of(String(first))
            tail = tail.dropFirst()
        }
        shown = String(tail)
        cursorColumn = beforeWidth - dropped
    }
}
