import ChatCore
import ScreenKit
import TextLayout

/// The input pane: the typed text hard-wrapped by display width, with the cursor.
struct InputView {
    static let prompt = "› "
    static let continuation = "  "

    /// Rows of text (without the prompt) and where the cursor lands among them.
    struct Wrapped {
        var rows: [String] = [""]
        var cursorRow = 0
        var cursorColumn = 0
    }

    static func wrap(_ input: InputBuffer, width: Int) -> Wrapped {
        let width = max(1, width - prompt.count)
        var wrapped = Wrapped()
        wrapped.rows = []
        var row = ""
        var rowWidth = 0
        var found = false
        func noteCursor() {
            wrapped.cursorRow = wrapped.rows.count
            wrapped.cursorColumn = rowWidth
            found = true
        }
        for (index, character) in input.characters.enumerated() {
            if index == input.cursor { noteCursor() }
            if character == "\n" {
                wrapped.rows.append(row)
                row = ""
                rowWidth = 0
                continue
            }
            let shown: Character = character == "\t" ? " " : character
            let columns = max(0, DisplayWidth.of(TerminalSafeText.sanitize(String(shown))))
            if rowWidth + columns > width {
                wrapped.rows.append(row)
                row = ""
                rowWidth = 0
                if index == input.cursor { noteCursor() }
            }
            row += TerminalSafeText.sanitize(String(shown))
            rowWidth += columns
        }
        if !found {
            if rowWidth >= width {
                wrapped.rows.append(row)
                row = ""
                rowWidth = 0
            }
            noteCursor()
        }
        wrapped.rows.append(row)
        return wrapped
    }

    static func draw(_ wrapped: Wrapped, layout: ScreenLayout, theme: Theme, dimmed: Bool, into frame: inout Frame) {
        // Scroll the pane so the cursor row is visible.
        let first = max(0, min(wrapped.cursorRow - layout.inputRows + 1, wrapped.rows.count - layout.inputRows))
        for offset in 0..<layout.inputRows {
            let index = first + offset
            let row = layout.inputTop + offset
            let lead = index == 0 ? prompt : continuation
            let x = frame.put(lead, row: row, column: 0, style: theme.prompt)
            if index < wrapped.rows.count {
                frame.put(wrapped.rows[index], row: row, column: x, style: dimmed ? theme.separator : .plain)
            }
        }
        frame.cursor = (layout.inputTop + wrapped.cursorRow - first, prompt.count + wrapped.cursorColumn)
    }
}
